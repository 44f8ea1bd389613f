//! Working calendars: the takt schedule counts working time only, a closed
//! supplier makes nothing, a route's departures wait for working time, and
//! overtime starts only when the line is behind.

use taktline::experiment::{run_replication, simulate};
use taktline::model::Simulation;
use taktline::scenario::{Scenario, SupplierId};
use taktline::time::{DAY, HOUR};

use super::common::{example, scenario};

const TWO_SHIFTS: &str = r#"calendars: [
        (name: "two shifts", shifts: ["06:00-14:00", "14:00-22:00"], days: [Mon, Tue, Wed, Thu, Fri]),
        (name: "weekdays", days: [Mon, Tue, Wed, Thu, Fri]),
        (name: "day trucks", shifts: ["06:00-20:00"]),
    ],
    line: ("#;

/// The baseline without noise (every cv 0, no failures, yield 1) over
/// `days`, with the calendars above and `line_extra` in the line.
fn zero_noise(days: u32, line_extra: &str) -> Scenario {
    let text = std::fs::read_to_string("scenarios/baseline.ron").unwrap();
    let mut z = text
        .replace(", failures: (mtbf: \"40h\", mttr: \"45min\")", "")
        .replace("first_pass_yield: 0.97", "first_pass_yield: 1.0")
        .replace("horizon: \"30d\"", &format!("horizon: \"{days}d\""))
        .replacen("    line: (", TWO_SHIFTS, 1)
        .replacen(
            "takt: \"12min\",",
            &format!("takt: \"12min\", {line_extra}"),
            1,
        )
        .replace("start: \"10d\",", "start: \"1d\",");
    for cv in ["0.15", "0.2", "0.1", "0.3"] {
        z = z.replace(&format!("cv: {cv}"), "cv: 0.0");
    }
    assert!(!z.contains("mtbf") && z.contains("two shifts"));
    scenario(&z)
}

#[test]
fn a_zero_noise_two_shift_line_makes_exactly_its_working_time_quota() {
    let s = zero_noise(7, "calendar: \"two shifts\",");
    let rec = simulate(&s, 0);
    // 80 working hours a week at one robot per 12 min: robots 0 to 399
    // fall due (robot 400 would at the shift's end, so on Monday).
    assert_eq!(rec.due, 400);
    // Robot n completes 52 min of working time after it falls due (the
    // line in working time is the always-on line): n <= 395 before Friday
    // 22:00; the last four wait in the line over the weekend.
    assert_eq!(rec.completions.len(), 396);
    // Nothing completes outside working time.
    for &t in &rec.completions {
        let tod = t.rem_euclid(DAY);
        assert!(
            t < 5.0 * DAY && (6.0 * HOUR..=22.0 * HOUR).contains(&tod),
            "{t}"
        );
    }
    // The target after the one-day warm-up: Tuesday to Friday, 64 working
    // hours at 5 an hour, spread over the 144 hours.
    assert!((s.target_per_hour() * 144.0 - 320.0).abs() < 1e-9);
}

#[test]
fn a_supplier_closed_at_weekends_makes_exactly_five_days_a_week() {
    let mut s = zero_noise(14, "");
    let w = s
        .calendars
        .iter()
        .position(|c| c.name == "weekdays")
        .unwrap();
    s.suppliers[0].calendar = Some(w);
    s.suppliers[0].fg_cap = 1_000_000_000;
    s.suppliers[0].fg_initial = 0;
    for r in s.routes.iter_mut().filter(|r| r.supplier.index() == 0) {
        r.first_departure = 20.0 * DAY;
    }
    let rate = s.suppliers[0].rate;
    let mut sim = Simulation::new(&s, 0);
    let mut made = |t: f64| {
        sim.step_until(t);
        sim.read().supply.supplier_stock_at(SupplierId::new(0), t).0
    };
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * b;
    assert!(close(made(7.0 * DAY), 5.0 * DAY * rate), "one week");
    assert!(
        close(made(12.0 * DAY), 10.0 * DAY * rate),
        "to Saturday 00:00"
    );
    assert!(
        close(made(14.0 * DAY), 10.0 * DAY * rate),
        "nothing at the weekend"
    );
}

#[test]
fn a_departure_outside_its_routes_working_time_leaves_at_the_next_working_instant() {
    let mut s = zero_noise(3, "");
    let day_trucks = s
        .calendars
        .iter()
        .position(|c| c.name == "day trucks")
        .unwrap();
    // Suzhou's trucks leave every 4 h from 02:00: 02:00 and 22:00 fall
    // outside 06:00-20:00, so they leave at 06:00 (two at once: the second
    // finds nothing left to order) and at 06:00 the next day.
    s.routes[2].calendar = Some(day_trucks);
    let mut sim = Simulation::new(&s, 0);
    let mut departures = Vec::new();
    let mut t = 0.0;
    while t < 2.0 * DAY {
        t += 60.0;
        sim.step_until(t);
        for truck in &sim.read().supply.trucks {
            if truck.route.index() == 2 && !departures.contains(&truck.departed) {
                departures.push(truck.departed);
            }
        }
    }
    let hours: Vec<f64> = departures.iter().map(|d| d / HOUR).collect();
    assert!(
        hours
            .iter()
            .all(|h| (6.0..=20.0).contains(&h.rem_euclid(24.0))),
        "{hours:?}"
    );
    assert_eq!(hours.first(), Some(&6.0), "{hours:?}");
    assert!(hours.contains(&30.0), "{hours:?}");
}

#[test]
fn overtime_starts_only_when_the_backlog_is_above_its_threshold() {
    // At 22:00 the zero-noise line has four robots due but not completed
    // (its 52 min pipeline): a threshold of 4 never starts overtime, 3
    // starts it every weekday evening.
    let never = zero_noise(
        7,
        "calendar: \"two shifts\", overtime: (backlog_above: 4, up_to: \"2h\"),",
    );
    let out = run_replication(&never, 0);
    assert!(out.recorded.overtime.is_empty());
    let o = out.summary.overtime.unwrap();
    assert_eq!((o.hours, o.robots_recovered), (0.0, Some(0)));
    let evenings = zero_noise(
        7,
        "calendar: \"two shifts\", overtime: (backlog_above: 3, up_to: \"2h\"),",
    );
    let out = run_replication(&evenings, 0);
    let starts: Vec<f64> = out.recorded.overtime.iter().map(|o| o.0 / HOUR).collect();
    assert_eq!(starts, vec![22.0, 46.0, 70.0, 94.0, 118.0]);
    let o = out.summary.overtime.unwrap();
    assert!((o.hours - 10.0).abs() < 1e-9);
    // Two hours a night clear the pipeline: all 400 complete by Friday night.
    assert_eq!(o.robots_recovered, Some(4));
}

#[test]
fn overtime_recovers_robots_after_a_breakdown_and_its_example_says_so() {
    let s = example("scenarios/levers/two-shifts-with-overtime.ron");
    let out = run_replication(&s, 0);
    let o = out.summary.overtime.unwrap();
    assert!(o.hours > 0.0 && o.robots_recovered.unwrap() > 0, "{o:?}");
    assert!(o.delay_saved_robot_h.unwrap() > 0.0);
}

#[test]
fn the_takt_schedule_every_target_is_drawn_from_is_the_one_the_line_makes_due() {
    // Two shifts on weekdays and planned downtime: the schedule the charts
    // and report use must be the due instants of the run itself.
    let s = zero_noise(
        15,
        "calendar: \"two shifts\", planned_downtime: [(start: \"2d10h\", duration: \"3h\"), (start: \"1h\", duration: \"30min\", every: \"1d\")],",
    );
    let rec = simulate(&s, 0);
    assert_eq!(s.takt_due_instants(), rec.due_instants);
    let schedule = s.takt_schedule();
    let per_day = schedule.per_day();
    assert_eq!(per_day.len(), 15);
    // Saturdays and Sundays are due nothing; a weekday its 16 working hours.
    assert_eq!((per_day[5], per_day[6]), (0.0, 0.0));
    assert_eq!(per_day[1], 80.0);
    assert_eq!(per_day.iter().sum::<f64>(), rec.due as f64);
    let by_hour = schedule.by_hour();
    assert_eq!(by_hour.len(), 15 * 24 + 1);
    assert_eq!(*by_hour.last().unwrap(), rec.due as f64);
    // Off shift (Monday 03:00) nothing falls due; in a shift five an hour.
    let per_hour = schedule.per_hour();
    assert_eq!((per_hour[3], per_hour[8]), (0.0, 5.0));
}
