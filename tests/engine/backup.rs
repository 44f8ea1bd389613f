//! A contingent backup route: it ships only while its primary is disrupted
//! (or the position is below its trigger), and then it covers the gap.

use taktline::experiment::simulate;
use taktline::scenario::{Policy, Scenario};
use taktline::stats::RunSummary;

use super::common::{assert_route_covers_the_typhoon, assert_route_idle, example, route_where};

fn with_backup() -> Scenario {
    example("scenarios/levers/typhoon-with-ningbo-backup.ron")
}

fn backup(s: &Scenario) -> usize {
    route_where(s, |p| matches!(p, Policy::Backup { .. }))
}

#[test]
fn a_backup_ships_nothing_while_its_primary_works() {
    let s = with_backup().undisrupted();
    assert_route_idle(&s, backup(&s));
}

#[test]
fn a_backup_ships_during_its_primarys_outage_and_saves_robots() {
    let with = with_backup();
    assert_route_covers_the_typhoon(&with, backup(&with));
}

#[test]
fn a_trigger_makes_a_backup_ship_when_the_position_is_low() {
    // With its trigger at S, the position is always below it: the backup
    // ships at its departures even without any disruption.
    let mut s = with_backup().undisrupted();
    let r = backup(&s);
    let Policy::Backup { primary, .. } = s.routes[r].policy else {
        unreachable!()
    };
    s.routes[r].policy = Policy::Backup {
        primary,
        trigger: s.routes[r].order_up_to,
    };
    let sum = RunSummary::new(&s, &simulate(&s, 0));
    assert!(sum.routes[r].trucks > 0);
}
