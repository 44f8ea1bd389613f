//! Which combinations the reverse stress test searches, and the bound a
//! combination's breaking sub-combinations give its search.

use std::collections::BTreeMap;

use crate::scenario::Node;

/// A combination of distinct nodes, by their places in the plan's list,
/// ascending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate(Vec<usize>);

impl Candidate {
    /// The nodes' places, ascending.
    pub(super) fn members(&self) -> &[usize] {
        &self.0
    }

    /// The nodes themselves.
    pub(super) fn nodes<'a>(&self, nodes: &'a [Node]) -> Vec<&'a Node> {
        self.0.iter().map(|&i| &nodes[i]).collect()
    }
}

/// Whether two nodes stop a supplier, route or station in common (a
/// group and its member): failing together they are not two failures.
fn overlap(a: &Node, b: &Node) -> bool {
    a.effects
        .iter()
        .any(|e| b.effects.iter().any(|f| e.target() == f.target()))
}

/// Every combination of 1..=k nodes, fewer nodes first, each size in
/// lexicographic order; and the names of those left out for overlapping.
pub(super) fn candidates(nodes: &[Node], k: usize) -> (Vec<Candidate>, Vec<String>) {
    let mut kept = Vec::new();
    let mut overlapping = Vec::new();
    for size in 1..=k.min(nodes.len()) {
        let mut idx: Vec<usize> = (0..size).collect();
        loop {
            let clash = idx
                .iter()
                .enumerate()
                .any(|(a, &i)| idx[a + 1..].iter().any(|&j| overlap(&nodes[i], &nodes[j])));
            if clash {
                overlapping.push(
                    idx.iter()
                        .map(|&i| nodes[i].name.as_str())
                        .collect::<Vec<_>>()
                        .join(" + "),
                );
            } else {
                kept.push(Candidate(idx.clone()));
            }
            // The next combination in lexicographic order.
            let Some(p) = (0..size).rev().find(|&p| idx[p] < nodes.len() - size + p) else {
                break;
            };
            idx[p] += 1;
            for q in p + 1..size {
                idx[q] = idx[q - 1] + 1;
            }
        }
    }
    (kept, overlapping)
}

/// A breaking combination found so far: its multiple of TTR, and the
/// mildest combination it comes down to (itself unless a part of it breaks
/// at as short an outage).
#[derive(Debug, Clone)]
struct Entry {
    x: f64,
    /// The step of its grid: it did not break one step shorter.
    step: f64,
    root: Option<String>,
}

/// The breaking multiples of TTR found so far, by combination.
#[derive(Debug, Default)]
pub(super) struct Bounds(BTreeMap<Vec<usize>, Entry>);

impl Bounds {
    /// Records that `c` breaks at `x` times each node's TTR, on a grid of
    /// `step`; `dominated_by` is [`Bounds::dominated_by`]'s answer for it.
    pub(super) fn record(
        &mut self,
        c: &Candidate,
        x: f64,
        step: f64,
        dominated_by: Option<String>,
    ) {
        self.0.insert(
            c.0.clone(),
            Entry {
                x,
                step,
                root: dominated_by,
            },
        );
    }

    /// The combinations with one node of `c` fewer that broke, with the
    /// grid point (of `step`) at or above their breaking multiple.
    fn parts(&self, c: &Candidate, step: f64) -> Vec<(Vec<usize>, u64, &Entry)> {
        if c.0.len() < 2 {
            return Vec::new();
        }
        (0..c.0.len())
            .filter_map(|drop| {
                let mut sub = c.0.clone();
                sub.remove(drop);
                let e = self.0.get(&sub)?;
                // A hair below the exact quotient keeps a multiple found on
                // a grid of the same step from rounding up a whole step.
                Some((sub, (e.x / step - 1e-9).ceil() as u64, e))
            })
            .collect()
    }

    /// The grid point (of `step`) of the mildest breaking part of `c`:
    /// where `c`, with one outage more and every other as long, should
    /// break too.
    pub(super) fn of(&self, c: &Candidate, step: f64) -> Option<u64> {
        self.parts(c, step).into_iter().map(|p| p.1).min()
    }

    /// The mildest combination `c` comes down to where a part of it breaks
    /// at grid point `m` or sooner, to the part's own resolution (not
    /// breaking one step of its grid shorter, the part is only known to
    /// break somewhere in that step): the extra node buys nothing. Its name
    /// from `names`.
    pub(super) fn dominated_by(
        &self,
        c: &Candidate,
        step: f64,
        m: u64,
        names: impl Fn(&[usize]) -> String,
    ) -> Option<String> {
        let x = m as f64 * step;
        let (sub, _, e) = self
            .parts(c, step)
            .into_iter()
            .find(|p| x > p.2.x - p.2.step + 1e-12)?;
        Some(e.root.clone().unwrap_or_else(|| names(&sub)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Effect, StationId, SupplierId};

    fn node(name: &str, effects: Vec<Effect>) -> Node {
        Node {
            name: name.into(),
            effects,
            ttr: 3600.0,
        }
    }

    #[test]
    fn every_combination_of_distinct_nodes_is_listed_once_fewest_first() {
        let nodes: Vec<Node> = (0..4)
            .map(|i| {
                node(
                    &format!("S{i}"),
                    vec![Effect::StationDown(StationId::new(i))],
                )
            })
            .collect();
        let (kept, overlapping) = candidates(&nodes, 3);
        assert_eq!(kept.len(), 4 + 6 + 4);
        assert!(overlapping.is_empty());
        assert_eq!(kept[0].members(), &[0]);
        assert_eq!(kept[4].members(), &[0, 1]);
        assert_eq!(kept.last().unwrap().members(), &[1, 2, 3]);
    }

    #[test]
    fn a_group_and_its_member_are_not_a_combination() {
        let w = Effect::SupplierOutage(SupplierId::new(0));
        let nodes = vec![
            node("Wenzhou", vec![w]),
            node(
                "Wenzhou region",
                vec![w, Effect::StationDown(StationId::new(0))],
            ),
            node("S2", vec![Effect::StationDown(StationId::new(1))]),
        ];
        let (kept, overlapping) = candidates(&nodes, 2);
        assert_eq!(kept.len(), 3 + 2);
        assert_eq!(overlapping, vec!["Wenzhou + Wenzhou region".to_string()]);
    }

    #[test]
    fn a_combination_is_bounded_by_its_mildest_breaking_part() {
        let mut b = Bounds::default();
        b.record(&Candidate(vec![0]), 0.5, 0.125, None);
        b.record(&Candidate(vec![1]), 0.25, 0.125, None);
        assert_eq!(b.of(&Candidate(vec![0, 1]), 0.125), Some(2));
        assert_eq!(b.of(&Candidate(vec![0, 2]), 0.1), Some(5));
        assert_eq!(b.of(&Candidate(vec![2, 3]), 0.1), None);
        assert_eq!(b.of(&Candidate(vec![0]), 0.1), None);
    }

    #[test]
    fn a_combination_no_milder_than_a_part_comes_down_to_the_mildest_part() {
        let name = |m: &[usize]| format!("{m:?}");
        let mut b = Bounds::default();
        b.record(&Candidate(vec![0]), 0.5, 0.125, None);
        let pair = Candidate(vec![0, 1]);
        // Breaking at 0.5 with node 1 added: node 0 alone does it.
        assert_eq!(b.dominated_by(&pair, 0.125, 4, name), Some("[0]".into()));
        // Breaking a step of node 0's grid sooner: a combination of its own.
        assert_eq!(b.dominated_by(&pair, 0.125, 3, name), None);
        // On a finer grid, within node 0's last step: no milder than it.
        assert_eq!(b.dominated_by(&pair, 0.0625, 7, name), Some("[0]".into()));
        assert_eq!(b.dominated_by(&pair, 0.0625, 6, name), None);
        b.record(&pair, 0.5, 0.125, Some("[0]".into()));
        let triple = Candidate(vec![0, 1, 2]);
        assert_eq!(b.dominated_by(&triple, 0.125, 4, name), Some("[0]".into()));
    }
}
