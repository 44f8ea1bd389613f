//! Service to the customer over the run after the warm-up: of the orders
//! that fell due, the share delivered by their promised instant (the order
//! fill rate), how many were late or lost, and how late the late ones were.

use serde::Serialize;

use crate::observe::{LATENESS_BIN, Recorder, Tally};
use crate::time::HOUR;

/// What became of the orders due after the warm-up, by the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceSummary {
    /// Orders due after the warm-up and decided by the horizon (delivered,
    /// lost, or open past their promised instant).
    pub orders: u64,
    /// Of those, delivered by their promised instant.
    pub on_time: u64,
    /// Delivered after their promised instant, or still open past it at
    /// the horizon.
    pub late: u64,
    /// Lost: not delivered within `costs.lost_after`.
    pub lost: u64,
    /// on_time / orders: the order fill rate; NaN with no order due.
    pub on_time_share: f64,
    /// Median lateness of the late orders past their promised instant [h]
    /// (an order still open at the horizon counts its lateness so far);
    /// NaN with none late.
    pub lateness_p50_h: f64,
    /// 95th percentile of the same [h]. Both by nearest rank, exact to the
    /// minute (the middle of the minute it falls in).
    pub lateness_p95_h: f64,
}

impl ServiceSummary {
    /// The service figures of a recorded run.
    pub fn new(rec: &Recorder) -> ServiceSummary {
        let mut t: Tally = rec.service.tally.clone();
        // An order open at the horizon is lost if its time ran out, late
        // by now if its promise has passed, and otherwise not yet decided.
        for (promised, lost_at) in rec.service.open_at(rec.horizon) {
            match lost_at {
                Some(_) => t.lost += 1,
                None if promised < rec.horizon => t.late_by(rec.horizon - promised),
                None => {}
            }
        }
        let orders = t.on_time + t.late + t.lost;
        ServiceSummary {
            orders,
            on_time: t.on_time,
            late: t.late,
            lost: t.lost,
            on_time_share: if orders > 0 {
                t.on_time as f64 / orders as f64
            } else {
                f64::NAN
            },
            lateness_p50_h: nearest_rank(&t.lateness_by_minute, 0.50) / HOUR,
            lateness_p95_h: nearest_rank(&t.lateness_by_minute, 0.95) / HOUR,
        }
    }
}

/// The `p` quantile by nearest rank of lateness counted by minute: the
/// middle of the first minute with at least `p` of the counts at or below
/// it [s] (exact to the minute); NaN with none.
fn nearest_rank(by_minute: &[u32], p: f64) -> f64 {
    let total: u64 = by_minute.iter().map(|&n| u64::from(n)).sum();
    if total == 0 {
        return f64::NAN;
    }
    let rank = ((p * total as f64).ceil() as u64).max(1);
    let mut below = 0;
    for (minute, &n) in by_minute.iter().enumerate() {
        below += u64::from(n);
        if below >= rank {
            return (minute as f64 + 0.5) * LATENESS_BIN;
        }
    }
    unreachable!("the rank is at most the total")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_rank_quantile_is_the_middle_of_its_minute() {
        // Twenty orders, 1 to 20 minutes late (each within its minute).
        let mut by_minute = vec![1; 21];
        by_minute[0] = 0;
        assert_eq!(nearest_rank(&by_minute, 0.5), 10.5 * 60.0);
        assert_eq!(nearest_rank(&by_minute, 0.95), 19.5 * 60.0);
        assert!(nearest_rank(&[0, 0], 0.5).is_nan());
    }
}
