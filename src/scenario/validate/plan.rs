//! The design space of `taktline plan`: known paths with values that each
//! apply and validate, constraints on known stress nodes, a positive
//! indifference zone and budget.

use super::Checker;
use super::path::{FieldPath, field};
use crate::scenario::ScenarioError;
use crate::scenario::design::{DesignSpace, Lever, MAX_LEVER_VALUES, MAX_LEVERS};
use crate::scenario::file::PlanFile;
use crate::scenario::model::Node;
use crate::scenario::overrides::{apply, unit};
use crate::scenario::values::expand_values;

impl Checker<'_> {
    /// Checks the `plan` block against the rest of the scenario.
    pub(super) fn plan(&mut self, p: &PlanFile, nodes: &[Node]) -> Option<DesignSpace> {
        self.anchor = None;
        let before = self.diags.len();
        let root = || FieldPath::root("plan");
        if p.levers.is_empty() {
            self.error(
                field!((root()).levers),
                None,
                "a design space needs at least one lever: a path and its values".into(),
            );
        }
        if p.levers.len() > MAX_LEVERS {
            self.error(
                field!((root()).levers),
                None,
                format!("at most {MAX_LEVERS} levers, got {}", p.levers.len()),
            );
        }
        let mut levers = Vec::new();
        for (i, l) in p.levers.iter().enumerate() {
            let at = field!((root()).levers[i]);
            if let Some(lever) = self.lever(&at, l.path.trim(), &l.values) {
                if levers.iter().any(|o: &Lever| o.path == lever.path) {
                    self.error(
                        field!((at).path),
                        None,
                        format!("{:?} is already a lever: each path once", lever.path),
                    );
                }
                levers.push(lever);
            }
        }
        if !(p.delta.is_finite() && p.delta > 0.0) {
            self.error(
                field!((root()).delta),
                None,
                format!(
                    "the indifference zone must be an amount > 0 a year, got {}",
                    p.delta
                ),
            );
        }
        if let Some(l) = p.lose_at_most
            && !(l.is_finite() && l >= 0.0)
        {
            self.error(
                field!((root()).lose_at_most),
                None,
                format!("robots lost must be a finite number >= 0, got {l}"),
            );
        }
        if let Some(b) = p.running_at_most
            && !(b.is_finite() && b > 0.0)
        {
            self.error(
                field!((root()).running_at_most),
                None,
                format!("a budget must be an amount > 0 a year, got {b}"),
            );
        }
        let all: Vec<String> = nodes.iter().map(|n| n.name.clone()).collect();
        let named = match &p.nodes {
            Some(list) => {
                if p.lose_at_most.is_none() {
                    self.error(
                        field!((root()).nodes),
                        None,
                        "nodes name what lose_at_most applies to: give lose_at_most too".into(),
                    );
                }
                for (k, n) in list.iter().enumerate() {
                    if !all.contains(n) {
                        self.error(
                            field!((root()).nodes[k]),
                            None,
                            format!("{n:?} is not a stress node; known: {}", all.join(", ")),
                        );
                    }
                }
                list.clone()
            }
            None => all,
        };
        (self.diags.len() == before).then_some(DesignSpace {
            levers,
            delta: p.delta,
            lose_at_most: p.lose_at_most,
            nodes: named,
            running_at_most: p.running_at_most,
        })
    }

    /// One lever: a known path whose every value applies to the scenario
    /// and leaves it valid.
    fn lever(&mut self, at: &FieldPath, path: &str, values: &str) -> Option<Lever> {
        if unit(path).is_none() {
            self.error(
                field!((at.clone()).path),
                None,
                format!("no parameter {path:?}: see `taktline sweep --help` for the paths"),
            );
            return None;
        }
        let expanded = match expand_values(values) {
            Ok(v) => v,
            Err(why) => {
                self.error(field!((at.clone()).values), None, why);
                return None;
            }
        };
        if expanded.len() > MAX_LEVER_VALUES {
            self.error(
                field!((at.clone()).values),
                None,
                format!(
                    "at most {MAX_LEVER_VALUES} values a lever, got {}",
                    expanded.len()
                ),
            );
            return None;
        }
        // Only what a value itself breaks counts: not what the file (or a
        // shortened horizon) already gives without it.
        let problems = |merged: &crate::scenario::source::Merged| -> Vec<String> {
            match super::validate_with(merged, self.horizon_from_command_line) {
                Ok(_) => Vec::new(),
                Err(ScenarioError::Invalid(d)) => d
                    .iter()
                    .map(|d| format!("{}: {}", d.path, d.message))
                    .collect(),
                Err(other) => vec![other.to_string()],
            }
        };
        let mut plain = self.merged.clone();
        plain.file.plan = None;
        let already = problems(&plain);
        for v in &expanded {
            let mut merged = plain.clone();
            let problem = match apply(&mut merged.file, path, v) {
                Err(why) => Some(why),
                Ok(()) => problems(&merged).into_iter().find(|p| !already.contains(p)),
            };
            if let Some(why) = problem {
                self.error(
                    field!((at.clone()).values),
                    None,
                    format!("{path} = {v}: {why}"),
                );
                return None;
            }
        }
        Some(Lever {
            path: path.to_string(),
            values: expanded,
        })
    }
}
