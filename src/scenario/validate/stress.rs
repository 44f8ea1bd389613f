//! The stress test's set-up: when outages start, each node's time to
//! recover, and groups of nodes that fail together.

use super::Checker;
use super::path::{FieldPath, field};
use super::ranges::Least;
use crate::scenario::file::StressFile;
use crate::scenario::ids::{RouteId, StationId, SupplierId};
use crate::scenario::model::*;
use crate::time::HOUR;

impl Checker<'_> {
    /// The stress test's nodes: every supplier, route and line station, then
    /// the named groups; each with its time to recover.
    pub(super) fn stress(
        &mut self,
        s: Option<&StressFile>,
        horizon: f64,
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
    ) -> Stress {
        let top = "stress";
        self.anchor = None;
        let start = s
            .and_then(|s| s.start)
            .map_or(10.0 * crate::time::DAY, |v| v.secs());
        if s.is_some_and(|s| s.start.is_some()) {
            if start.is_nan() || start < 0.0 {
                self.error(
                    field!(stress.start),
                    None,
                    "the outages' start must lie in [0, horizon)".into(),
                );
            } else if start >= horizon && !self.horizon_from_command_line {
                // Under a shorter `--days` the stress settings matter only to
                // `taktline stress`, which checks its start against the horizon.
                self.error(
                    field!(stress.start),
                    None,
                    "the outages' start must lie in [0, horizon)".into(),
                );
            }
        }
        let default_ttr = s
            .and_then(|s| s.default_ttr)
            .map_or(72.0 * HOUR, |v| v.secs());
        self.span(
            field!(stress.default_ttr),
            default_ttr,
            Least::Positive,
            "a time to recover",
        );
        let mut nodes: Vec<Node> = Vec::new();
        for (i, x) in suppliers.iter().enumerate() {
            nodes.push(Node {
                name: x.name.clone(),
                effects: vec![Effect::SupplierOutage(SupplierId::new(i))],
                ttr: default_ttr,
            });
        }
        for (i, x) in routes.iter().enumerate() {
            nodes.push(Node {
                name: x.name.clone(),
                effects: vec![Effect::RouteClosure(RouteId::new(i))],
                ttr: default_ttr,
            });
        }
        for (i, x) in line.stations.iter().enumerate() {
            nodes.push(Node {
                name: x.name.clone(),
                effects: vec![Effect::StationDown(StationId::new(i))],
                ttr: default_ttr,
            });
        }
        // Names that two kinds of node share only matter to a scenario that
        // sets up the stress test; `taktline stress` refuses them otherwise.
        for (k, n) in nodes.iter().enumerate().filter(|_| s.is_some()) {
            if nodes[..k].iter().any(|m| m.name == n.name) {
                self.error(FieldPath::whole(top), None, format!("{:?} names two nodes (a supplier, route or station): rename one to stress-test it", n.name));
            }
        }
        for (g, group) in s.iter().flat_map(|s| s.groups.iter()).enumerate() {
            let path = field!(stress.groups[g]);
            let mut effects = Vec::new();
            for m in &group.members {
                match nodes.iter().find(|n| n.name == *m) {
                    Some(n) => effects.extend(n.effects.iter().copied()),
                    None => {
                        let known: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
                        self.error(
                            field!((path).members),
                            None,
                            format!("unknown node {m:?} (known: {})", known.join(", ")),
                        );
                    }
                }
            }
            if group.members.is_empty() {
                self.error(
                    field!((path).members),
                    None,
                    "a group needs at least one member".into(),
                );
            }
            if nodes.iter().any(|n| n.name == group.name) {
                self.error(
                    field!((path).name),
                    None,
                    format!("{:?} is already a node's name", group.name),
                );
            }
            nodes.push(Node {
                name: group.name.clone(),
                effects,
                ttr: default_ttr,
            });
        }
        for (name, ttr) in s.iter().flat_map(|s| s.ttr.iter()) {
            let path = field!(stress.ttr.{name});
            self.span(
                path.clone(),
                ttr.secs(),
                Least::Positive,
                "a time to recover",
            );
            match nodes.iter_mut().find(|n| n.name == *name) {
                Some(n) => n.ttr = ttr.secs(),
                None => self.error(path, None, format!("unknown node {name:?}")),
            }
        }
        Stress { start, nodes }
    }
}
