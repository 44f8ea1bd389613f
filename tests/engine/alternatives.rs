//! The alternatives the engine must express beyond the baseline: parallel
//! servers, a paced line, planned downtime, random disruptions, route
//! slowdowns and closures.

use taktline::experiment::simulate;
use taktline::model::Simulation;
use taktline::scenario::{Disruption, Dist, Effect, Timing, load_baseline};
use taktline::time::{DAY, HOUR, MINUTE};

use crate::common::*;

/// M/M/2 with lambda = 1/min and mu = 1/1.6 min per server (rho = 0.8):
/// W = C(2, a) / (2 mu - lambda) + 1 / mu with Erlang's C formula.
#[test]
fn parallel_servers_match_erlang_c() {
    let s = scenario(
        r#"Scenario(
            run: (horizon: "40000min", warmup: "1000min", seed: 21),
            parts: [],
            line: (
                takt: "1min",
                release: Random(Exponential(mean: "1min")),
                stations: [(name: "pair", servers: 2, buffer: "unbounded", process: Exponential(mean: "1.6min"))],
            ),
        )"#,
    );
    let (lambda, mu, c) = (1.0f64, 1.0 / 1.6, 2.0);
    let a = lambda / mu;
    let rho = a / c;
    let last = a.powf(c) / 2.0 / (1.0 - rho);
    let erlang_c = last / (1.0 + a + last);
    let theory = erlang_c / (c * mu - lambda) + 1.0 / mu;
    let w = replicate(&s, 30, mean_sojourn_min);
    assert_covers("M/M/2 mean sojourn [min]", &w, theory, 0.04);
}

fn paced(times: [f64; 3]) -> Vec<f64> {
    let s = scenario(&format!(
        r#"Scenario(
            run: (horizon: "2d", warmup: "2h", seed: 1),
            parts: [],
            line: (
                takt: "12min",
                paced: true,
                stations: [
                    (name: "A", process: Fixed("{}min")),
                    (name: "B", process: Fixed("{}min")),
                    (name: "C", process: Fixed("{}min")),
                ],
            ),
        )"#,
        times[0], times[1], times[2]
    ));
    simulate(&s, 0).completions
}

fn gaps(c: &[f64]) -> Vec<f64> {
    c.windows(2)
        .map(|w| ((w[1] - w[0]) / MINUTE * 1e6).round() / 1e6)
        .collect()
}

#[test]
fn paced_line_indexes_every_takt_or_waits_for_its_slowest_station() {
    let on_takt = paced([8.0, 10.0, 9.0]);
    assert!(on_takt.len() > 200);
    assert!(
        gaps(&on_takt).iter().all(|&g| g == 12.0),
        "{:?}",
        &gaps(&on_takt)[..5]
    );
    // Robots move only at an index: the first leaves the third station at the fourth.
    assert_eq!(on_takt[0], 3.0 * 12.0 * MINUTE);
    let late = paced([8.0, 14.0, 9.0]);
    assert!(
        gaps(&late).iter().all(|&g| g == 14.0),
        "a late station stops the whole line"
    );
}

#[test]
fn planned_downtime_stops_the_line_for_exactly_its_window() {
    let s = scenario(
        r#"Scenario(
            run: (horizon: "10d", warmup: "1d", seed: 1),
            parts: [],
            line: (
                takt: "10min",
                release: Conwip(wip: 5),
                stations: [(name: "M", buffer: "unbounded", process: Fixed("10min"))],
                planned_downtime: [(start: "12h5min", duration: "2h", every: "1d")],
            ),
        )"#,
    );
    let rec = simulate(&s, 0);
    for day in 1..10 {
        let (from, to) = (day as f64 * DAY, (day + 1) as f64 * DAY);
        let n = rec
            .completions
            .iter()
            .filter(|&&t| t >= from && t < to)
            .count();
        assert_eq!(n, 132, "22 working hours at 6 an hour on day {day}");
    }
    let sum = taktline::stats::RunSummary::new(&s, &rec);
    assert!((sum.stations[0].off_shift - 2.0 / 24.0).abs() < 1e-9);
    assert!((sum.stations[0].busy - 22.0 / 24.0).abs() < 1e-9);
}

#[test]
fn random_disruptions_arrive_as_a_poisson_process() {
    let s = scenario(
        r#"Scenario(
            run: (horizon: "1000d", warmup: "1d", seed: 5),
            parts: [],
            line: (
                takt: "1h",
                stations: [(name: "M", process: Fixed("10min"))],
            ),
            disruptions: [
                Random(name: "glitch", mean_between: "2d", duration: Fixed("1h"), effects: [StationDown("M")]),
            ],
        )"#,
    );
    let rec = simulate(&s, 0);
    let n = rec.disruptions.len() as f64;
    let expected = 1000.0 / 2.0;
    // A Poisson count: standard deviation sqrt(500) ~ 22; allow 4 of them.
    assert!(
        (n - expected).abs() < 4.0 * expected.sqrt(),
        "{n} arrivals, expected about {expected}"
    );
    assert!(
        rec.disruptions
            .iter()
            .all(|w| (w.end - w.start - HOUR).abs() < 1e-6)
    );
    let twin = simulate(&s.undisrupted(), 0);
    assert!(twin.disruptions.is_empty());
}

fn with_disruption(effect: Effect, start: f64, duration: f64) -> taktline::scenario::Scenario {
    let mut s = load_baseline().unwrap();
    for r in &mut s.routes {
        r.transit = Dist::Fixed(r.transit.mean());
    }
    s.disruptions.push(Disruption {
        name: "test".into(),
        timing: Timing::Scheduled { start, duration },
        effects: vec![effect],
    });
    s
}

fn trucks_after(s: &taktline::scenario::Scenario, t: f64) -> Vec<taktline::model::Truck> {
    let mut sim = Simulation::new(s, 0);
    sim.step_until(t);
    sim.read().supply.trucks.clone()
}

#[test]
fn route_slowdown_multiplies_transit_of_departures_inside_its_window() {
    // Suzhou departs at 02:00 + 4h k with a fixed 1.5 h transit.
    let r = taktline::scenario::RouteId::new(2);
    let s = with_disruption(
        Effect::RouteSlowdown {
            route: r,
            factor: 3.0,
        },
        5.0 * DAY + 5.0 * HOUR,
        5.0 * HOUR,
    );
    let trucks = trucks_after(&s, 5.0 * DAY + 6.0 * HOUR + 1.0);
    let t = trucks
        .iter()
        .find(|t| t.route == r && t.departed == 5.0 * DAY + 6.0 * HOUR)
        .expect("a truck left at 06:00");
    assert_eq!(t.arrives - t.departed, 3.0 * 1.5 * HOUR);
    let trucks = trucks_after(&s, 5.0 * DAY + 10.0 * HOUR + 1.0);
    let t = trucks
        .iter()
        .find(|t| t.route == r && t.departed == 5.0 * DAY + 10.0 * HOUR)
        .expect("a truck left at 10:00");
    assert_eq!(
        t.arrives - t.departed,
        1.5 * HOUR,
        "10:00 is after the window: normal transit"
    );
}

#[test]
fn route_closure_holds_departures_until_its_end() {
    let r = taktline::scenario::RouteId::new(2);
    let (start, end) = (5.0 * DAY + HOUR, 5.0 * DAY + 13.0 * HOUR);
    let s = with_disruption(Effect::RouteClosure(r), start, end - start);
    let mut sim = Simulation::new(&s, 0);
    sim.step_until(end - 1.0);
    let during: Vec<_> = sim
        .read()
        .supply
        .trucks
        .iter()
        .filter(|t| t.route == r && t.departed >= start)
        .copied()
        .collect();
    assert!(
        during.is_empty(),
        "no truck leaves a closed route: {during:?}"
    );
    assert_eq!(
        sim.read().supply.routes[r].deferred.len(),
        3,
        "02:00, 06:00 and 10:00 wait"
    );
    sim.step_until(end + 1.0);
    let model = sim.read();
    let supply = &*model.supply;
    let at_end: Vec<_> = supply
        .trucks
        .iter()
        .filter(|t| t.route == r && t.departed == end)
        .collect();
    assert_eq!(
        at_end.len(),
        1,
        "the first held departure loads up to S; the others find nothing to add"
    );
    assert!(supply.routes[r].deferred.is_empty());
}
