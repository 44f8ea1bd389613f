//! Hazards: a node's outage arriving at random, so many times a year,
//! seasonal where monthly weights are given.

use super::Checker;
use super::names::Names;
use super::path::{FieldPath, field};
use crate::scenario::file::HazardFile;
use crate::scenario::limits::{MAX_RANDOM_ARRIVALS, MAX_SLOWDOWN};
use crate::scenario::model::{Hazard, Node};

impl Checker<'_> {
    /// Each hazard: a known node, a frequency >= 0, 12 weights >= 0 (not
    /// all 0), a duration, and a capacity kept in [0, 1).
    pub(super) fn hazards(&mut self, all: &[HazardFile], nodes: &[Node]) -> Vec<Hazard> {
        self.anchor = None;
        let at = |i: usize| field!((FieldPath::root("hazards"))[i]);
        // Each name once and not empty.
        self.names(
            "hazard",
            all.iter()
                .enumerate()
                .map(|(i, h)| (field!((at(i)).name), h.name.as_str())),
        );
        let node_names = Names::listed(nodes.iter().map(|n| n.name.as_str()));
        all.iter()
            .enumerate()
            .map(|(i, h)| {
                let path = at(i);
                let k = self.resolve(
                    &node_names,
                    field!((path).node),
                    "node (a supplier, route, station or stress group)",
                    &h.node,
                );
                let node = nodes.get(k);
                let per_year = h.per_year;
                if !(per_year.is_finite() && per_year >= 0.0) {
                    self.error(
                        field!((path).per_year),
                        None,
                        format!("a frequency must be a finite number of events per year >= 0, got {per_year}"),
                    );
                } else if per_year > MAX_RANDOM_ARRIVALS as f64 {
                    self.error(
                        field!((path).per_year),
                        None,
                        format!("at most {MAX_RANDOM_ARRIVALS} events a year, got {per_year}: model frequent short stops as a station's failures"),
                    );
                }
                let monthly_shares = h.monthly_weights.as_ref().and_then(|w| {
                    let at = field!((path).monthly_weights);
                    if w.len() != 12 {
                        self.error(
                            at,
                            None,
                            format!("monthly_weights needs 12 numbers, January to December, got {}", w.len()),
                        );
                        return None;
                    }
                    if let Some(k) = w.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
                        self.error(
                            field!((at)[k]),
                            None,
                            format!("a monthly weight must be finite and >= 0, got {}", w[k]),
                        );
                        return None;
                    }
                    let sum: f64 = w.iter().sum();
                    if sum <= 0.0 {
                        self.error(at, None, "monthly_weights are all 0: give at least one month a weight".into());
                        return None;
                    }
                    Some(std::array::from_fn(|m| w[m] / sum))
                });
                let duration = self.dist(field!((path).duration), &h.duration);
                let capacity = h.capacity.unwrap_or(0.0);
                let least = 1.0 / MAX_SLOWDOWN;
                if !(capacity == 0.0 || (least..1.0).contains(&capacity)) {
                    self.error(
                        field!((path).capacity),
                        None,
                        format!("the capacity kept must be 0 (an outage) or in [{least}, 1), got {capacity}"),
                    );
                }
                let effects = node.map_or_else(Vec::new, |n| {
                    if capacity > 0.0 && capacity < 1.0 {
                        n.at_capacity(capacity).effects
                    } else {
                        n.effects.clone()
                    }
                });
                Hazard {
                    name: h.name.clone(),
                    node: h.node.clone(),
                    per_year,
                    monthly_shares,
                    duration,
                    effects,
                }
            })
            .collect()
    }
}
