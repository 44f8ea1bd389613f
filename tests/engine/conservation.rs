//! Conservation laws and Little's law on the baseline.

use taktline::experiment::simulate;
use taktline::scenario::load_baseline;
use taktline::stats::RunSummary;
use taktline::time::{DAY, HOUR};

#[test]
fn parts_received_equal_consumed_plus_on_hand() {
    let s = load_baseline().unwrap();
    let sum = RunSummary::new(&s, &simulate(&s, 3));
    for p in &sum.parts {
        assert!(p.consumed > 0);
        assert_eq!(
            p.on_hand_at_start + p.received,
            p.consumed + p.on_hand_at_end,
            "{} is not conserved",
            p.name
        );
    }
    let shipped: u64 = sum.routes.iter().map(|r| r.shipped).sum();
    let received: u64 = sum.parts.iter().map(|p| p.received).sum();
    let in_transit: u64 = sum.parts.iter().map(|p| p.in_transit_at_end).sum();
    assert_eq!(
        shipped,
        received + in_transit,
        "every shipped unit arrives or is on the road"
    );
}

#[test]
fn robots_released_equal_completed_plus_in_process() {
    let s = load_baseline().unwrap();
    let rec = simulate(&s, 4);
    let sum = RunSummary::new(&s, &rec);
    let c = &sum.conservation;
    assert_eq!(c.released, c.completed + c.scrapped + c.in_process);
    assert!(
        c.released <= sum.throughput.due,
        "no robot starts before it is due"
    );
    // Each robot consumes its bill of materials exactly once, at S1..S3.
    let robots_past_s3 = rec.completions.len() as u64;
    for (p, part) in s.parts.iter().enumerate() {
        assert!(rec.consumed[p] >= robots_past_s3 * u64::from(part.per_robot));
        assert!(rec.consumed[p] <= c.released * u64::from(part.per_robot));
    }
}

/// L = lambda W holds up to the robots cut by the window's edges: those in
/// the line at the warm-up and at the horizon, each at most the longest
/// lead time observed (the line is stable, so none stays longer).
#[test]
fn littles_law_holds_on_the_baseline() {
    let mut s = load_baseline().unwrap();
    s.horizon = 60.0 * DAY;
    let rec = simulate(&s, 5);
    let sum = RunSummary::new(&s, &rec);
    let span_h = (s.horizon - s.warmup) / HOUR;
    let l = sum.wip.mean;
    let lambda_w = sum.wip.littles_law_estimate;
    let edge = f64::from(rec.wip_at_warmup + rec.wip) * sum.lead_time.max_h / span_h;
    eprintln!("L = {l:.4}, lambda W = {lambda_w:.4}, edge bound {edge:.4}");
    assert!(
        (l - lambda_w).abs() <= edge,
        "L = {l}, lambda W = {lambda_w}, bound {edge}"
    );
    assert!(
        edge < 0.02 * l,
        "the bound must be tight enough to mean something"
    );
}
