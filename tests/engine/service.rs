//! Service to the customer: the run's own tally of its orders (kept as it
//! goes, in every run) agrees exactly with the order book replayed from the
//! kept instants, a promise counts working time under a calendar, and a
//! disruption lowers the share of orders on time against its twin.

use taktline::experiment::run_replication;
use taktline::observe::Service;
use taktline::scenario::Scenario;
use taktline::stats::Running;
use taktline::time::{DAY, HOUR};

use super::common::{TYPHOON, book_lost_after_a_day, example, scenario};
use crate::drive::BASELINE;

/// The baseline with a typhoon, no warm-up, orders lost after a day and
/// promised `promise` after falling due.
fn typhoon(promise: &str) -> Scenario {
    let text = BASELINE
        .replacen("warmup: \"1d\",", "warmup: \"0s\",", 1)
        .replacen("lost_after: \"7d\",", "lost_after: \"1d\",", 1)
        .replacen(
            "promised_lead_time: \"8h\",",
            &format!("promised_lead_time: \"{promise}\","),
            1,
        )
        .replacen("costs: (", &format!("{TYPHOON}\n    costs: ("), 1);
    scenario(&text)
}

#[test]
fn the_runs_own_tally_agrees_with_the_order_book_replayed_from_its_instants() {
    // Promised at once: on time means completed by the due instant, as the
    // replayed book (money v3) judges it, so the two must agree exactly.
    let s = typhoon("0s");
    for rep in 0..3 {
        let out = run_replication(&s, rep);
        let rec = &out.recorded;
        let book = book_lost_after_a_day(rec, 0.0, s.horizon);
        let service = &out.summary.service;
        assert!(book.lost > 0 && book.late > 0, "{book:?}");
        assert_eq!(service.on_time, book.on_time, "{service:?} {book:?}");
        assert_eq!(service.lost, book.lost, "{service:?} {book:?}");
        assert_eq!(service.late, book.late + book.open, "{service:?} {book:?}");
        assert_eq!(service.orders, rec.due);
        let tally = &rec.service.tally;
        let open: f64 = rec
            .service
            .open_at(s.horizon)
            .iter()
            .filter(|(_, lost)| lost.is_none())
            .map(|(promised, _)| s.horizon - promised)
            .sum();
        let lateness_h = (tally.lateness_sum + open) / HOUR;
        let rel = (lateness_h - book.lateness_robot_h).abs() / book.lateness_robot_h;
        assert!(rel < 1e-9, "{lateness_h} vs {}", book.lateness_robot_h);
        let shares = (service.on_time + service.late + service.lost) as f64;
        assert_eq!(shares, service.orders as f64);
    }
}

#[test]
fn a_later_promise_puts_more_orders_on_time_and_none_later() {
    let (soon, later) = (typhoon("2h"), typhoon("12h"));
    let a = run_replication(&soon, 1).summary.service;
    let b = run_replication(&later, 1).summary.service;
    assert!(b.on_time > a.on_time, "{a:?} {b:?}");
    assert!(b.lateness_p95_h <= a.lateness_p95_h, "{a:?} {b:?}");
}

#[test]
fn a_promise_counts_working_time_under_a_calendar() {
    // Two shifts, 06:00 to 22:00 on weekdays, t = 0 a Monday: an order due
    // on Friday at 21:00 has one working hour that day and the other seven
    // of its 8 h promise on Monday, so it is promised for Monday 13:00.
    let s = example("scenarios/levers/two-shifts-with-overtime.ron");
    assert!(s.line.work.is_some(), "a calendar");
    let friday_late = 4.0 * DAY + 21.0 * HOUR;
    let monday_13 = 7.0 * DAY + 13.0 * HOUR;
    let mut service = Service::new(&s.line, None, 0.0);
    service.due(friday_late);
    service.completed(monday_13);
    service.due(friday_late);
    service.completed(monday_13 + 120.0);
    let tally = &service.tally;
    assert_eq!((tally.on_time, tally.late), (1, 1), "{tally:?}");
    assert!((tally.lateness_sum - 120.0).abs() < 1e-6, "{tally:?}");
}

#[test]
fn a_disruption_lowers_the_share_of_orders_on_time_against_its_twin() {
    // Paired under common random numbers: the 95% interval of the
    // difference lies below zero.
    let s = example("scenarios/s3-down.ron");
    let mut difference = Running::default();
    for rep in 0..8 {
        let out = run_replication(&s, rep);
        let twin = out.twin.expect("disrupted");
        difference.push(out.summary.service.on_time_share - twin.summary.service.on_time_share);
    }
    let e = difference.estimate();
    assert!(e.high.is_some_and(|h| h < 0.0), "{e:?}");
}
