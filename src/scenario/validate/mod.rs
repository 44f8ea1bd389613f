//! From the file as written to a checked [`Scenario`]: resolves names,
//! converts units and reports every problem found, not only the first. One
//! file per section of the file, each doing every check of its own fields;
//! `references` checks across sections.

mod calendars;
mod costs;
mod diagnose;
mod disruptions;
mod hazards;
mod line;
mod lists;
mod models;
mod names;
mod parts;
mod path;
mod plan;
mod ranges;
mod references;
mod routes;
mod run;
mod stress;
mod suppliers;

use super::error::{Diagnostic, ScenarioError};
use super::file::*;
use super::model::*;
use super::source::Merged;
use path::field;

/// Most problems reported for one file; the rest are counted.
const MAX_DIAGNOSTICS: usize = 200;

/// Checks a merged scenario file and builds the validated scenario.
pub(super) fn validate(merged: &Merged) -> Result<Scenario, ScenarioError> {
    validate_with(merged, false).map(|(s, _)| s)
}

/// Like [`validate`]; with `horizon_from_command_line` (the command line set the
/// horizon), what falls after the horizon comes back as warnings instead.
pub(super) fn validate_with(
    merged: &Merged,
    horizon_from_command_line: bool,
) -> Result<(Scenario, Vec<Diagnostic>), ScenarioError> {
    let mut c = Checker {
        merged,
        diags: Vec::new(),
        warnings: Vec::new(),
        anchor: None,
        horizon_from_command_line,
    };
    let scenario = c.scenario();
    if c.diags.len() > MAX_DIAGNOSTICS {
        let more = c.diags.len() - MAX_DIAGNOSTICS;
        c.diags.truncate(MAX_DIAGNOSTICS);
        c.diags.push(Diagnostic {
            file: merged.leaf.path.clone(),
            position: None,
            path: String::new(),
            message: format!("and {more} more problems: mend these first"),
        });
    }
    if c.diags.is_empty() {
        Ok((
            scenario.expect("no diagnostics implies a scenario"),
            c.warnings,
        ))
    } else {
        Err(ScenarioError::Invalid(c.diags))
    }
}

/// The problems found so far, and where errors point.
struct Checker<'a> {
    merged: &'a Merged,
    diags: Vec<Diagnostic>,
    /// What is only warned about (see [`Checker::beyond_horizon`]).
    warnings: Vec<Diagnostic>,
    /// `name: "..."` of the item being checked, to find its fields in the text.
    anchor: Option<String>,
    /// The command line set the horizon (`--days`).
    horizon_from_command_line: bool,
}

impl Checker<'_> {
    fn scenario(&mut self) -> Option<Scenario> {
        let merged = self.merged;
        let f = &merged.file;
        self.list_lengths(f);
        let run = self.required(&f.run, "run");
        let parts_file = self.required(&f.parts, "parts");
        let line_file = self.required(&f.line, "line");
        let settings = run.map(|r| self.run(r)).unwrap_or_default();
        let (horizon, warmup, seed) = (settings.horizon, settings.warmup, settings.seed);
        let empty = Vec::new();
        let parts_file = parts_file.unwrap_or(&empty);
        let (mut parts, part_names) = self.parts(parts_file);
        let (calendars, calendar_names) =
            self.calendars(f.calendars.as_deref().unwrap_or(&[]), horizon);
        let suppliers = self.suppliers(
            f.suppliers.as_deref().unwrap_or(&[]),
            &part_names,
            &calendar_names,
        );
        let supplier_names = self.names(
            "supplier",
            suppliers
                .iter()
                .enumerate()
                .map(|(i, s)| (field!(suppliers[i].name), s.name.as_str())),
        );
        let routes = self.routes(
            f.routes.as_deref().unwrap_or(&[]),
            &supplier_names,
            &suppliers,
            &calendar_names,
        );
        let line =
            line_file.map(|l| self.line(l, &part_names, &calendar_names, &calendars, horizon));
        if let Some(line) = &line {
            self.tiers(&mut parts, &suppliers, line);
        }
        let disruptions = match (&line, f.disruptions.as_ref()) {
            (Some(line), list) => {
                let all: Vec<(&'static str, usize, &DisruptionFile)> = list
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, d)| ("disruptions", i, d))
                    .chain(
                        f.add_disruptions
                            .iter()
                            .enumerate()
                            .map(|(i, d)| ("add_disruptions", i, d)),
                    )
                    .collect();
                self.disruptions(&all, &suppliers, &routes, line, horizon)
            }
            _ => Vec::new(),
        };
        if let Some(line) = &line {
            self.bill_of_materials(&parts, &suppliers, &routes, line);
        }
        let line = line?;
        if f.name.as_ref().is_some_and(|n| n.trim().is_empty()) {
            self.anchor = None;
            self.error(field!(name), None, "the scenario's name is empty".into());
        }
        let name = f.name.clone().unwrap_or_else(|| {
            std::path::Path::new(&self.merged.leaf.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let costs = f
            .costs
            .as_ref()
            .map(|c| self.costs(c, &parts, &suppliers, &routes));
        let stress = self.stress(f.stress.as_ref(), horizon, &suppliers, &routes, &line);
        let hazards = self.hazards(f.hazards.as_deref().unwrap_or(&[]), &stress.nodes);
        let plan = f.plan.as_ref().and_then(|p| self.plan(p, &stress.nodes));
        Some(Scenario {
            name,
            description: f.description.clone().unwrap_or_default(),
            source: self.merged.leaf.path.clone(),
            horizon,
            warmup,
            seed,
            accounting_window: settings.accounting_window,
            parts,
            suppliers,
            routes,
            line,
            disruptions,
            costs,
            hazards,
            stress,
            calendars,
            plan,
        })
    }
}
