//! With every random element removed, the line must hit its takt exactly.

use taktline::experiment::simulate;
use taktline::scenario::{Dist, load_baseline};
use taktline::time::DAY;

#[test]
fn deterministic_line_makes_exactly_120_robots_a_day_after_warmup() {
    let mut s = load_baseline().unwrap();
    for st in &mut s.line.stations {
        st.process = Dist::Fixed(st.process.mean());
        st.failures = None;
    }
    for r in &mut s.routes {
        r.transit = Dist::Fixed(r.transit.mean());
    }
    let test = s.line.test.as_mut().unwrap();
    test.first_pass_yield = 1.0;
    let rec = simulate(&s, 0);
    let days = (s.horizon / DAY) as usize;
    for day in 1..days {
        let (from, to) = (day as f64 * DAY, (day + 1) as f64 * DAY);
        let made = rec
            .completions
            .iter()
            .filter(|&&t| t >= from && t < to)
            .count();
        assert_eq!(made, 120, "day {day} made {made} robots");
    }
    assert!(
        rec.stockout.iter().all(|&h| h == 0.0),
        "a deterministic supply never runs short"
    );
}
