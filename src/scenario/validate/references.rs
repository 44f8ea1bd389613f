//! Checks across sections: the tiers of supply (who holds each input, no
//! supplier needing its own part) and the bill of materials against what
//! the stations consume and the routes deliver.

use super::Checker;
use super::path::field;
use crate::scenario::ids::{PartId, SupplierId};
use crate::scenario::model::*;

impl Checker<'_> {
    /// Tier 2: a supplier's input is held by that supplier alone, is not a
    /// part of the robot, and no supplier needs its own part, directly or
    /// through its suppliers; a part neither the robot nor a supplier uses
    /// is a mistake. Sets each input's `held_by`.
    pub(super) fn tiers(&mut self, parts: &mut [Part], suppliers: &[Supplier], line: &Line) {
        for (i, s) in suppliers.iter().enumerate() {
            self.at_item(&s.name);
            for &(p, _) in &s.needs {
                let Some(part) = parts.get_mut(p.index()) else {
                    continue;
                };
                let path = field!(suppliers[i].needs.{&part.name});
                let needle = format!("{:?}", part.name);
                let on_line = line
                    .stations
                    .iter()
                    .any(|st| st.consumes.iter().any(|&(q, _)| q == p));
                if part.per_robot > 0 || on_line {
                    let message = format!(
                        "{} is a part of the robot, held at the factory; a supplier's input must be a part of its own with per_robot: 0",
                        part.name
                    );
                    self.error(path, Some(&needle), message);
                } else if let Some(other) = part.held_by {
                    let message = format!(
                        "{} is needed by both {} and {}: an input is held by one supplier",
                        part.name,
                        suppliers[other.index()].name,
                        s.name
                    );
                    self.error(path, Some(&needle), message);
                } else {
                    part.held_by = Some(SupplierId::new(i));
                }
            }
        }
        // A supplier needing its own part, through any chain of suppliers,
        // would wait for itself forever.
        for (i, s) in suppliers.iter().enumerate() {
            if let Some(chain) = needs_chain(suppliers, i) {
                self.at_item(&s.name);
                let names: Vec<&str> = chain.iter().map(|&k| suppliers[k].name.as_str()).collect();
                self.error(
                    field!(suppliers[i].needs),
                    None,
                    format!(
                        "{} needs its own output: {} (a cycle of suppliers)",
                        s.name,
                        names.join(" -> ")
                    ),
                );
            }
        }
        self.anchor = None;
        for (p, part) in parts.iter().enumerate() {
            if part.per_robot == 0 && part.held_by.is_none() {
                self.error(
                    field!(parts[p].per_robot),
                    Some(&format!("{:?}", part.name)),
                    format!(
                        "{} is used by neither the robot (per_robot is 0) nor any supplier (no `needs` names it)",
                        part.name
                    ),
                );
            }
        }
    }

    /// Every consumed part must be delivered by some route, the stations must
    /// consume what the bill of materials says, and no station may ask for more
    /// at once than factory stock can ever hold (it would wait forever).
    pub(super) fn bill_of_materials(
        &mut self,
        parts: &[Part],
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
    ) {
        self.anchor = None;
        // A route whose supplier is unknown (reported already) may be the one
        // that delivers a part: then "no route delivers it" is not said.
        let unresolved = routes.iter().any(|r| r.part.index() >= parts.len());
        for (p, part) in parts.iter().enumerate() {
            let p = PartId::new(p);
            // Summed as u64: per-station quantities are u32 and must not wrap.
            let consumed: u64 = line
                .stations
                .iter()
                .flat_map(|s| s.consumes.iter())
                .filter(|(q, _)| *q == p)
                .map(|&(_, n)| u64::from(n))
                .sum();
            let needle = format!("{:?}", part.name);
            if consumed != u64::from(part.per_robot) {
                self.error(
                    field!(parts[p.index()].per_robot),
                    Some(&needle),
                    format!(
                        "the bill of materials says {} {} per robot but the stations consume {consumed}",
                        part.per_robot, part.name
                    ),
                );
            }
            let held = part.held_by.map(|s| suppliers[s.index()].name.as_str());
            if consumed == 0 && held.is_none() {
                continue;
            }
            let delivering: Vec<&Route> = routes.iter().filter(|r| r.part == p).collect();
            if delivering.is_empty() && unresolved {
                continue;
            }
            if delivering.is_empty() {
                let by_supplier = suppliers.iter().any(|s| s.part == p);
                let why = match (by_supplier, held) {
                    (true, Some(h)) => format!("its supplier has no route to {h}"),
                    (true, None) => "its supplier has no route to the factory".to_string(),
                    (false, _) => "no supplier makes it".to_string(),
                };
                let user = held.map_or("the line".to_string(), |h| h.to_string());
                self.error(
                    field!(parts[p.index()]),
                    Some(&needle),
                    format!("{user} consumes {} but {why}", part.name),
                );
                continue;
            }
            let ceiling = delivering
                .iter()
                .map(|r| r.order_up_to)
                .max()
                .unwrap_or(0)
                .max(part.on_hand);
            for (k, s) in line.stations.iter().enumerate() {
                for &(q, n) in &s.consumes {
                    if q == p && u64::from(n) > ceiling {
                        self.error(
                            field!(line.stations[k].consumes.{&part.name}),
                            Some(&format!("{:?}", s.name)),
                            format!(
                                "{} takes {n} {} at once but factory stock can never exceed {ceiling} (order-up-to level): the line would wait forever",
                                s.name, part.name
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// The chain of suppliers from `start` back to itself through what each
/// needs and who makes it, if there is one.
fn needs_chain(suppliers: &[Supplier], start: usize) -> Option<Vec<usize>> {
    let makers = |s: usize| {
        suppliers[s]
            .needs
            .iter()
            .flat_map(move |&(p, _)| (0..suppliers.len()).filter(move |&k| suppliers[k].part == p))
    };
    // Depth-first search with the path kept; suppliers are few.
    let mut path = vec![start];
    let mut stack = vec![makers(start).collect::<Vec<_>>()];
    let mut seen = vec![false; suppliers.len()];
    while let Some(next) = stack.last_mut() {
        match next.pop() {
            Some(k) if k == start => {
                path.push(start);
                return Some(path);
            }
            Some(k) if !seen[k] => {
                seen[k] = true;
                path.push(k);
                stack.push(makers(k).collect());
            }
            Some(_) => {}
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
    None
}
