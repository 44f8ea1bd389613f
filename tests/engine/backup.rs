//! A contingent backup route: it ships only while its primary is disrupted
//! (or the position is below its trigger), and then it covers the gap.

use std::path::Path;

use taktline::experiment::simulate;
use taktline::scenario::{Policy, Scenario, load_file};
use taktline::stats::RunSummary;

fn with_backup() -> Scenario {
    load_file(Path::new("scenarios/levers/typhoon-with-ningbo-backup.ron")).unwrap()
}

fn backup(s: &Scenario) -> usize {
    s.routes
        .iter()
        .position(|r| matches!(r.policy, Policy::Backup { .. }))
        .expect("the example has a backup route")
}

#[test]
fn a_backup_ships_nothing_while_its_primary_works() {
    let s = with_backup().undisrupted();
    let r = backup(&s);
    for rep in 0..5 {
        let sum = RunSummary::new(&s, &simulate(&s, rep));
        assert_eq!(sum.routes[r].trucks, 0, "replication {rep}");
    }
}

#[test]
fn a_backup_ships_during_its_primarys_outage_and_saves_robots() {
    let with = with_backup();
    let without = load_file(Path::new("scenarios/typhoon-wenzhou.ron")).unwrap();
    let r = backup(&with);
    for rep in 0..5 {
        let a = simulate(&with, rep);
        let sum = RunSummary::new(&with, &a);
        assert!(
            sum.routes[r].trucks > 0,
            "replication {rep}: the backup never shipped"
        );
        assert!(
            a.completions.len() > simulate(&without, rep).completions.len(),
            "replication {rep}: the backup saved no robot"
        );
    }
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
