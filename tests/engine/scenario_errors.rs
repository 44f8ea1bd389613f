//! Bad scenario files: every problem is reported with where it is, the exit
//! code is 2, and nothing panics.

use std::path::PathBuf;
use std::process::Command;

use crate::drive::{BASELINE, baseline_with};

/// Writes `text` to a fresh file and runs `taktline check` on it.
fn check(name: &str, text: &str) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("taktline-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.ron"));
    std::fs::write(&path, text).unwrap();
    check_path(path)
}

fn check_path(path: PathBuf) -> (i32, String) {
    crate::common::check_file(&path)
}

fn assert_error(name: &str, text: &str, expected: &[&str]) -> String {
    let (code, stderr) = check(name, text);
    assert_eq!(code, 2, "{name}: exit code\n{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "{name}: expected {e:?} in:\n{stderr}");
    }
    stderr
}

#[test]
fn every_shipped_scenario_passes_check() {
    // Every file under scenarios/ (the levers' examples included), found
    // rather than listed, so a new example is checked the day it is added.
    let mut files = Vec::new();
    for dir in ["scenarios", "scenarios/levers"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 17, "scenarios found: {files:?}");
    for f in files {
        let (code, stderr) = check_path(f.clone());
        assert_eq!(code, 0, "{}: {stderr}", f.display());
    }
}

#[test]
fn truncated_file_reports_line_and_column() {
    let cut = &BASELINE[..BASELINE.find("line: (").unwrap() + 40];
    let stderr = assert_error("truncated", cut, &["truncated.ron:"]);
    let pos = stderr.split("truncated.ron:").nth(1).unwrap();
    let mut nums = pos.split(':').take(2).map(|n| n.trim().parse::<usize>());
    assert!(
        nums.next().unwrap().is_ok() && nums.next().unwrap().is_ok(),
        "no line:column in {stderr}"
    );
}

#[test]
fn unknown_field_reports_its_path() {
    let text = baseline_with(
        "truck_capacity: 600,",
        "truck_capacity: 600, colour: \"red\",",
    );
    assert_error("unknown-field", &text, &["routes[2]", "colour"]);
}

#[test]
fn missing_field_reports_its_path() {
    let text = baseline_with("every: \"4h\",", "");
    assert_error("missing-field", &text, &["routes[2]", "every"]);
}

#[test]
fn unknown_references_name_what_exists() {
    let text = baseline_with("from: \"Suzhou\"", "from: \"Suzhuo\"");
    assert_error(
        "unknown-supplier",
        &text,
        &["routes[2].from", "Suzhuo", "known: Wenzhou, Quzhou, Suzhou"],
    );
    let text = baseline_with("station: \"S5\"", "station: \"S9\"");
    assert_error("unknown-station", &text, &["line.test.station", "S9"]);
    let text = baseline_with("part: \"bearing\"", "part: \"bearings\"");
    assert_error("unknown-part", &text, &["suppliers[0].part", "bearings"]);
}

/// `file:line:` where `needle` first appears in `text`.
fn at_line_of(file: &str, text: &str, needle: &str) -> String {
    let offset = text.find(needle).unwrap();
    format!("{file}.ron:{}:", text[..offset].matches('\n').count() + 1)
}

#[test]
fn nonsense_numbers_are_rejected_where_they_are_written() {
    let text = baseline_with("mean: \"10.5min\"", "mean: \"0min\"");
    let here = at_line_of("zero-duration", &text, "\"0min\"");
    assert_error(
        "zero-duration",
        &text,
        &["line.stations[1].process.mean", "positive", &here],
    );
    let text = baseline_with(
        "rate_per_h: 37.5, fg_cap: 1000",
        "rate_per_h: -1.0, fg_cap: 1000",
    );
    let here = at_line_of("negative-rate-suzhou", &text, "-1.0");
    assert_error(
        "negative-rate-suzhou",
        &text,
        &["suppliers[2].rate_per_h", &here],
    );
    assert_error(
        "negative-rate",
        &baseline_with("rate_per_h: 75.0", "rate_per_h: -75.0"),
        &["suppliers[0].rate_per_h"],
    );
    let text = baseline_with("promised_lead_time: \"8h\"", "promised_lead_time: \"-1h\"");
    let here = at_line_of("negative-promise", &text, "\"-1h\"");
    assert_error(
        "negative-promise",
        &text,
        &["line.promised_lead_time", ">= 0", &here],
    );
    assert_error(
        "negative-cv",
        &baseline_with("cv: 0.1)", "cv: -0.1)"),
        &["cv must be >= 0"],
    );
    assert_error(
        "yield",
        &baseline_with("first_pass_yield: 0.97", "first_pass_yield: 1.5"),
        &["line.test.first_pass_yield", "(0, 1]"],
    );
    assert_error(
        "bad-unit",
        &baseline_with("\"12min\"", "\"12 fortnights\""),
        &["unknown unit"],
    );
}

#[test]
fn a_part_no_supplier_serves_is_rejected() {
    let text = baseline_with(
        "(name: \"bearing\",          per_robot: 12, on_hand: 2880),",
        "(name: \"bearing\",          per_robot: 12, on_hand: 2880),\n        (name: \"grease\", per_robot: 1),",
    )
    .replacen("title: \"cabling and controller\",", "title: \"cabling and controller\", consumes: {\"grease\": 1},", 1);
    assert_error("unserved-part", &text, &["grease", "no supplier makes it"]);
}

#[test]
fn a_line_that_would_wait_forever_is_rejected() {
    let text = baseline_with("order_up_to: 2880", "order_up_to: 4").replacen(
        "on_hand: 2880",
        "on_hand: 0",
        1,
    );
    assert_error("deadlock", &text, &["S3 takes 6 bearing", "wait forever"]);
}

#[test]
fn every_error_in_a_file_is_reported() {
    let text = baseline_with("rate_per_h: 75.0", "rate_per_h: 0.0")
        .replacen("from: \"Quzhou\"", "from: \"Nowhere\"", 1)
        .replacen("first_pass_yield: 0.97", "first_pass_yield: -1.0", 1);
    let stderr = assert_error(
        "three-errors",
        &text,
        &["rate_per_h", "Nowhere", "first_pass_yield"],
    );
    assert!(
        stderr.lines().filter(|l| l.starts_with("error:")).count() >= 3,
        "{stderr}"
    );
    assert!(
        stderr.contains("three-errors.ron:"),
        "errors name the file:\n{stderr}"
    );
}

#[test]
fn a_missing_file_and_an_extends_cycle_are_errors() {
    let (code, stderr) = check_path(PathBuf::from("no/such/file.ron"));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read no/such/file.ron"), "{stderr}");
    assert_error(
        "cycle",
        "Scenario(extends: \"cycle.ron\")",
        &["extends itself"],
    );
}

#[test]
fn bad_run_arguments_exit_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_taktline"))
        .args(["run", "--days", "-3", "--out"])
        .arg(std::env::temp_dir().join("taktline-bad-days"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_location_off_the_map_or_not_finite_is_rejected_where_it_is_written() {
    let text = baseline_with("location: (28.00, 120.67)", "location: (48.85, 2.35)");
    let here = at_line_of("paris", &text, "(48.85, 2.35)");
    assert_error(
        "paris",
        &text,
        &["suppliers[0].location", "on the map", &here],
    );
    let text = baseline_with("location: (31.23, 121.47)", "location: (NaN, 121.47)");
    let here = at_line_of("nan-location", &text, "(NaN, 121.47)");
    assert_error("nan-location", &text, &["line.location", &here]);
    assert_error(
        "one-number",
        &baseline_with("location: (31.23, 121.47)", "location: 31.23"),
        &["line.location"],
    );
}

#[test]
fn capacity_factors_outside_zero_to_one_are_rejected_where_they_are_written() {
    let text = baseline_with(
        "disruptions: [],",
        "disruptions: [Scheduled(name: \"slow\", start: \"1d\", duration: \"1d\",\n effects: [SupplierSlowdown(supplier: \"Wenzhou\", factor: 1.5), StationSlowdown(station: \"S3\", factor: 0.0)])],",
    );
    let here = at_line_of("factors", &text, "SupplierSlowdown");
    let err = assert_error(
        "factors",
        &text,
        &["effects[0].factor", "effects[1].factor", "(0, 1]", &here],
    );
    assert!(err.contains("1.5") && err.contains("got 0"), "{err}");
    assert_error(
        "ramp",
        &baseline_with("fg_initial: 2000,", "fg_initial: 2000, ramp_up: \"-2h\","),
        &["suppliers[0].ramp_up"],
    );
}

#[test]
fn a_reorder_point_at_or_above_order_up_to_and_a_zero_lead_time_are_rejected() {
    let text = baseline_with(
        "order_up_to: 1080),",
        "order_up_to: 1080,\n         policy: Continuous(reorder_point: 1080, lead_time: \"0h\")),",
    );
    let here = at_line_of("policy", &text, "reorder_point: 1080");
    assert_error(
        "emergency",
        &baseline_with(
            "order_up_to: 1080),",
            "order_up_to: 1080,\n         policy: Emergency(below: 5000, min_gap: \"8h\")),",
        ),
        &[
            "routes[1].policy.below",
            "between 1 and the order-up-to level 1080",
        ],
    );
    assert_error(
        "policy",
        &text,
        &[
            "routes[1].policy.reorder_point",
            "below the order-up-to level 1080",
            "routes[1].policy.lead_time",
            &here,
        ],
    );
}

/// The baseline with a steel-ring part and a mill making it, Wenzhou
/// needing `wenzhou_needs` and the mill `mill_needs`.
fn with_mill(wenzhou_needs: &str, mill_needs: &str) -> String {
    baseline_with(
        "(name: \"bearing\",          per_robot: 12, on_hand: 2880),",
        "(name: \"bearing\",          per_robot: 12, on_hand: 2880),\n        (name: \"steel ring\", per_robot: 0, on_hand: 100),",
    )
    .replacen(
        "location: (28.00, 120.67)),",
        &format!("location: (28.00, 120.67), needs: {wenzhou_needs}),\n        (name: \"Mill\", part: \"steel ring\", rate_per_h: 90.0, fg_cap: 1000, needs: {mill_needs}),"),
        1,
    )
    .replacen(
        "routes: [",
        "routes: [\n        (name: \"Mill-Wenzhou\", from: \"Mill\", first_departure: \"4h\", every: \"12h\",\n         truck_capacity: 900, transit: Fixed(\"4h\"), order_up_to: 900),",
        1,
    )
}

#[test]
fn a_tier_two_supply_checks_and_its_mistakes_are_rejected_where_they_are_written() {
    assert_eq!(
        check("tier-2", &with_mill("{\"steel ring\": 1}", "{}")).0,
        0
    );
    let text = with_mill("{\"steel ring\": 1}", "{\"steel ring\": 1}");
    let here = at_line_of("cycle", &text, "name: \"Mill\"");
    assert_error(
        "cycle",
        &text,
        &["Mill needs its own output: Mill -> Mill", &here],
    );
    let text = with_mill("{\"steel ring\": 1, \"servo motor\": 2}", "{}");
    let here = at_line_of("robot-part", &text, "\"servo motor\": 2");
    assert_error(
        "robot-part",
        &text,
        &[
            "suppliers[0].needs.servo motor",
            "a part of the robot",
            &here,
        ],
    );
    assert_error(
        "two-holders",
        &with_mill("{\"steel ring\": 1}", "{}").replacen(
            "location: (28.97, 118.87)),",
            "location: (28.97, 118.87), needs: {\"steel ring\": 1}),",
            1,
        ),
        &["needed by both Wenzhou and Quzhou"],
    );
    assert_error(
        "unused",
        &with_mill("{}", "{}"),
        &["parts[3].per_robot", "used by neither the robot"],
    );
    assert_error(
        "zero",
        &with_mill("{\"steel ring\": 0}", "{}"),
        &["suppliers[0].needs.steel ring", "needs 0 steel ring"],
    );
    assert_error(
        "no-route",
        &with_mill("{\"steel ring\": 1}", "{}")
            .replacen("(name: \"Mill-Wenzhou\"", "(name: \"Mill-Shanghai\"", 1)
            .replacen("from: \"Mill\"", "from: \"Quzhou\"", 1),
        &["Wenzhou consumes steel ring but its supplier has no route to Wenzhou"],
    );
}

#[test]
fn split_shares_not_summing_to_one_or_on_different_timetables_are_rejected() {
    let split = |share_w: &str, share_n: &str, every: &str| {
        baseline_with(
            "order_up_to: 2880),",
            &format!(
                "order_up_to: 2880, policy: Split(share: {share_w})),\n        (name: \"Wenzhou-2\", from: \"Wenzhou\", first_departure: \"8h\", every: \"{every}\",\n         truck_capacity: 3000, transit: Fixed(\"5h\"), order_up_to: 2880, policy: Split(share: {share_n})),"
            ),
        )
    };
    assert_eq!(check("split-ok", &split("0.7", "0.3", "12h")).0, 0);
    let text = split("0.7", "0.4", "12h");
    let here = at_line_of("split-sum", &text, "share: 0.7");
    assert_error(
        "split-sum",
        &text,
        &[
            "routes[0].policy.share",
            "Wenzhou-Shanghai, Wenzhou-2 sum to 1.1",
            &here,
        ],
    );
    assert_error(
        "split-every",
        &split("0.7", "0.3", "8h"),
        &["routes[1].every", "must be the same"],
    );
    assert_error(
        "split-range",
        &split("1.5", "-0.5", "12h"),
        &["routes[0].policy.share", "between 0 and 1, got 1.5"],
    );
}

/// The baseline with `calendars` and the line's `line_extra`.
fn with_calendars(calendars: &str, line_extra: &str) -> String {
    baseline_with(
        "    line: (",
        &format!("    calendars: [{calendars}],\n    line: ("),
    )
    .replacen(
        "takt: \"12min\",",
        &format!("takt: \"12min\", {line_extra}"),
        1,
    )
}

#[test]
fn contradictory_or_empty_calendars_are_rejected_where_they_are_written() {
    let ok = with_calendars(
        "(name: \"day\", shifts: [\"06:00-14:00\", \"14:00-22:00\"])",
        "calendar: \"day\",",
    );
    assert_eq!(check("calendar-ok", &ok).0, 0);
    let text = with_calendars(
        "(name: \"day\", shifts: [\"06:00-14:00\", \"12:00-20:00\"])",
        "calendar: \"day\",",
    );
    let here = at_line_of("overlap", &text, "shifts: [");
    assert_error(
        "overlap",
        &text,
        &[
            "calendars[0].shifts",
            "\"06:00-14:00\" and \"12:00-20:00\" overlap",
            &here,
        ],
    );
    assert_error(
        "no-days",
        &with_calendars("(name: \"never\", days: [])", "calendar: \"never\","),
        &["calendars[0]", "has no working time before the horizon"],
    );
    assert_error(
        "all-holiday",
        &with_calendars(
            "(name: \"closed\", holidays: [(start: \"0h\", duration: \"40d\")])",
            "",
        ),
        &["calendar \"closed\" has no working time"],
    );
    assert_error(
        "bad-shift",
        &with_calendars("(name: \"day\", shifts: [\"6-14\", \"25:00-26:00\"])", ""),
        &[
            "calendars[0].shifts[0]",
            "calendars[0].shifts[1]",
            "not a time of day",
        ],
    );
    assert_error(
        "unknown",
        &with_calendars("(name: \"day\")", "calendar: \"night\","),
        &["line.calendar", "unknown calendar \"night\" (known: day)"],
    );
    assert_error(
        "overtime-always",
        &with_calendars(
            "(name: \"day\")",
            "overtime: (backlog_above: 5, up_to: \"2h\"),",
        ),
        &["line.overtime", "give the line a calendar"],
    );
    assert_error(
        "twice",
        &with_calendars("(name: \"day\", days: [Mon, Mon])", ""),
        &["calendars[0].days", "\"Mon\" is named twice"],
    );
}

/// The baseline with `models` and `mix` in the line.
fn with_models(models: &str, mix: &str) -> String {
    baseline_with(
        "takt: \"12min\",",
        &format!("takt: \"12min\", models: [{models}], {mix}"),
    )
}

#[test]
fn bad_models_and_mixes_are_rejected_where_they_are_written() {
    let two = "(name: \"A\"), (name: \"B\", stations: {\"S3\": (process: Fixed(\"7min\"))})";
    assert_eq!(
        check(
            "models-ok",
            &with_models(two, "mix: Sequence([\"A\", \"B\"]),")
        )
        .0,
        0
    );
    assert_error(
        "shares",
        &with_models(two, "mix: Shares({\"A\": 0.7, \"B\": 0.4}),"),
        &["line.mix", "shares sum to 1.1"],
    );
    let text = with_models(
        "(name: \"A\"), (name: \"B\", stations: {\"S1\": (consumes: {}), \"S2\": (consumes: {}), \"S3\": (consumes: {})})",
        "mix: Sequence([\"A\", \"B\"]),",
    );
    assert_error(
        "no-parts",
        &text,
        &[
            "line.models[1]",
            "model \"B\" takes no parts at any station",
        ],
    );
    assert_error(
        "unknown-station",
        &with_models(
            "(name: \"A\", stations: {\"S9\": (process: Fixed(\"7min\"))})",
            "mix: Sequence([\"A\"]),",
        ),
        &["line.models[0].stations.S9", "unknown station \"S9\""],
    );
    assert_error(
        "unknown-model",
        &with_models(two, "mix: Sequence([\"A\", \"C\"]),"),
        &["line.mix", "unknown model \"C\" (known: A, B)"],
    );
    assert_error(
        "no-mix",
        &with_models(two, ""),
        &["line.models", "give the line a mix"],
    );
}

#[test]
fn a_value_out_of_range_is_one_error_at_its_own_field() {
    // Each field is checked in one place, both its ends: a zero period is
    // not also "not positive", and a station's consumption has one spelling.
    let text = baseline_with("every: \"12h\"", "every: \"0h\"");
    let stderr = assert_error("zero-period", &text, &["routes[0].every", "at least 1min"]);
    assert_eq!(stderr.lines().count(), 1, "one error only:\n{stderr}");
    let text = baseline_with("takt: \"12min\"", "takt: \"0min\"");
    let stderr = assert_error("zero-takt", &text, &["line.takt", "at least 1s"]);
    assert_eq!(stderr.lines().count(), 1, "one error only:\n{stderr}");
    let text = baseline_with("\"bearing\": 2}", "\"bearing\": 5000000}");
    let stderr = assert_error(
        "huge-consumes",
        &text,
        &["line.stations[0].consumes.bearing"],
    );
    assert!(!stderr.contains("line.stations.S"), "{stderr}");
}

#[test]
fn days_and_seed_are_validated_with_the_scenario_and_a_cut_off_disruption_is_a_warning() {
    let out = std::env::temp_dir().join(format!("taktline-days-{}", std::process::id()));
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_taktline"))
            .args(args)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    // The typhoon starts on day 10: a 5-day look still runs, and says so.
    let (code, stderr) = run(&["run", "scenarios/typhoon-wenzhou.ron", "--days", "5"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("warning: --days 5"), "{stderr}");
    assert!(stderr.contains("never happen"), "{stderr}");
    // A horizon that leaves no time after the warm-up is refused, by the
    // same check as in a file, and the option is named.
    let (code, stderr) = run(&["run", "--days", "0.5", "--seed", "3"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--seed 3 --days 0.5"), "{stderr}");
    assert!(stderr.contains("run.warmup"), "{stderr}");
    let _ = std::fs::remove_dir_all(&out);
}

/// The baseline with these windows of planned downtime.
fn with_planned_downtime(windows: impl Iterator<Item = String>) -> String {
    let list = windows.collect::<Vec<_>>().join(", ");
    baseline_with("line: (", &format!("line: (\n planned_downtime: [{list}],"))
}

#[test]
fn a_calendar_is_refused_at_its_first_repeating_window_too_many() {
    let daily = |i: u32| format!("(start: \"{i}min\", duration: \"1s\", every: \"1d\")");
    let text = with_planned_downtime((0..101).map(daily));
    assert_error(
        "many-repeating",
        &text,
        &[
            "line.planned_downtime[100]",
            "101 repeating windows",
            "at most 100",
        ],
    );
    let (code, stderr) = check(
        "as-many-repeating",
        &with_planned_downtime((0..100).map(daily)),
    );
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn one_off_windows_are_not_limited() {
    let once = |i: u32| format!("(start: \"{i}h\", duration: \"1min\")");
    let (code, stderr) = check("many-once", &with_planned_downtime((0..2_000).map(once)));
    assert_eq!(code, 0, "{stderr}");
}
