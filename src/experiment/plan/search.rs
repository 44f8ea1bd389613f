//! The search: a compass (pattern) search on the lattice of lever values.
//! From the middle of every lever's values it polls each lever one step up
//! and one step down (all the polls of a round evaluated together, so the
//! rounds are the same for any number of threads), moves to the best poll
//! that improves on the incumbent, and halves the steps when none does; it
//! ends at a point no single step improves (a local optimum at the
//! lattice's resolution) or when the budget of evaluations is spent.

use std::collections::HashMap;

use crate::experiment::error::BatchError;

/// A point of the lattice: the index of each lever's value.
pub(super) type Point = Vec<usize>;

/// How the search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    /// No single step of the finest size improves the incumbent.
    Converged,
    /// The budget of evaluations was spent first.
    Budget,
}

/// What the search asks of the problem.
pub(super) trait Oracle {
    /// Evaluates new points; returns a handle of each (an error where they
    /// cannot be evaluated yet: a shard waiting for its peers).
    fn evaluate(&mut self, points: &[Point]) -> Result<Vec<usize>, BatchError>;
    /// Whether the point of handle `a` beats that of `b`.
    fn better(&self, a: usize, b: usize) -> bool;
}

/// Searches the lattice whose levers have `sizes` values each, evaluating
/// at most `budget` points.
pub(super) fn compass_search(
    sizes: &[usize],
    budget: usize,
    oracle: &mut dyn Oracle,
) -> Result<End, BatchError> {
    let mut seen: HashMap<Point, usize> = HashMap::new();
    let mut x: Point = sizes.iter().map(|&n| (n - 1) / 2).collect();
    let mut steps: Vec<usize> = sizes.iter().map(|&n| (n / 4).max(1)).collect();
    if budget == 0 {
        return Ok(End::Budget);
    }
    let first = oracle.evaluate(std::slice::from_ref(&x))?;
    seen.insert(x.clone(), first[0]);
    let mut spent = 1;
    loop {
        let polls = polls(&x, &steps, sizes);
        let fresh: Vec<Point> = polls
            .iter()
            .filter(|p| !seen.contains_key(*p))
            .cloned()
            .collect();
        if !fresh.is_empty() && spent >= budget {
            return Ok(End::Budget);
        }
        let asked: Vec<Point> = fresh.into_iter().take(budget - spent).collect();
        if !asked.is_empty() {
            for (p, h) in asked.iter().zip(oracle.evaluate(&asked)?) {
                seen.insert(p.clone(), h);
            }
            spent += asked.len();
        }
        let here = seen[&x];
        let best = polls
            .iter()
            .filter_map(|p| seen.get(p).map(|&h| (p, h)))
            .fold(None::<(&Point, usize)>, |best, (p, h)| match best {
                Some((_, b)) if !oracle.better(h, b) => best,
                _ => Some((p, h)),
            });
        match best {
            Some((p, h)) if oracle.better(h, here) => x = p.clone(),
            _ if polls.iter().any(|p| !seen.contains_key(p)) => return Ok(End::Budget),
            _ if steps.iter().all(|&s| s == 1) => return Ok(End::Converged),
            _ => steps.iter_mut().for_each(|s| *s = (*s / 2).max(1)),
        }
    }
}

/// Each lever one step up and one step down from `x` (clamped to its
/// values), in lever order, without repeats or `x` itself.
fn polls(x: &Point, steps: &[usize], sizes: &[usize]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    for (j, (&step, &n)) in steps.iter().zip(sizes).enumerate() {
        for up in [true, false] {
            let mut p = x.clone();
            p[j] = if up {
                (x[j] + step).min(n - 1)
            } else {
                x[j].saturating_sub(step)
            };
            if p != *x && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A function of the lattice, every point evaluated kept.
    struct Bowl<F: Fn(&Point) -> f64> {
        f: F,
        seen: Vec<(Point, f64)>,
    }

    impl<F: Fn(&Point) -> f64> Oracle for Bowl<F> {
        fn evaluate(&mut self, points: &[Point]) -> Result<Vec<usize>, BatchError> {
            Ok(points
                .iter()
                .map(|p| {
                    self.seen.push((p.clone(), (self.f)(p)));
                    self.seen.len() - 1
                })
                .collect())
        }
        fn better(&self, a: usize, b: usize) -> bool {
            self.seen[a].1 < self.seen[b].1
        }
    }

    /// Runs the search on `f`; the best point, how it ended, evaluations.
    fn minimise(sizes: &[usize], budget: usize, f: impl Fn(&Point) -> f64) -> (Point, End, usize) {
        let mut bowl = Bowl {
            f,
            seen: Vec::new(),
        };
        let end = compass_search(sizes, budget, &mut bowl).unwrap();
        let best = bowl
            .seen
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|b| b.0.clone())
            .unwrap();
        (best, end, bowl.seen.len())
    }

    #[test]
    fn a_separable_bowl_is_minimised_exactly() {
        let (best, end, n) = minimise(&[21, 9, 3], 500, |p| {
            (p[0] as f64 - 17.0).powi(2) + (p[1] as f64 - 1.0).powi(2) + p[2] as f64
        });
        assert_eq!(best, vec![17, 1, 0]);
        assert_eq!(end, End::Converged);
        assert!(n < 21 * 9 * 3 / 4, "{n} evaluations");
    }

    #[test]
    fn the_budget_bounds_the_evaluations() {
        let (_, end, n) = minimise(&[50, 50], 7, |p| (p[0] + p[1]) as f64);
        assert_eq!((end, n), (End::Budget, 7));
    }

    #[test]
    fn a_lever_with_one_value_is_never_moved() {
        let (best, end, _) = minimise(&[1, 5], 100, |p| (p[1] as f64 - 3.0).abs());
        assert_eq!((best, end), (vec![0, 3], End::Converged));
    }
}
