//! Probes of names and messages: an item whose name holds `,` `=` or `.`
//! is reachable from every option that names items; a repeated key, an
//! empty base file and overlapping shifts are each one error at its place;
//! numbers in messages say what they are; a run lists a bounded number of
//! disruption occurrences.

use crate::drive::*;

/// The baseline's Wenzhou route under a name with a dot, an `=` and a comma.
const ODD: &str = "Wz.Sh=1,a";

fn baseline_with_odd_route() -> String {
    BASELINE.replace("Wenzhou-Shanghai", ODD)
}

#[test]
fn a_node_named_with_comma_and_equals_is_reachable_by_nodes_and_ttr() {
    let dir = Scratch::new("odd-node");
    let file = dir.write("odd.ron", baseline_with_odd_route());
    let out = dir.join("stress");
    let ttr = format!("{ODD}=4h");
    let ran = taktline(&[
        "stress",
        arg(&file),
        "-n",
        "1",
        "--days",
        "12",
        "--nodes",
        &format!("S1,{ODD}"),
        "--ttr",
        &ttr,
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    assert!(ran.stdout.contains(ODD), "{}", ran.stdout);
    let csv = read(&out.join("stress.csv"));
    assert_eq!(csv.lines().count(), 3, "S1 and the odd route:\n{csv}");
    let odd_row = csv.lines().find(|l| l.contains("Wz.Sh")).unwrap();
    assert!(
        odd_row.contains(",4,") || odd_row.contains(",4.0"),
        "{odd_row}"
    );
}

#[test]
fn a_route_named_with_dots_equals_and_a_comma_can_be_swept() {
    let dir = Scratch::new("odd-sweep");
    let file = dir.write("odd.ron", baseline_with_odd_route());
    let out = dir.join("sweep");
    // Ten bearings of stock per order starve the line; 2880 do not.
    let vary = format!("routes.{ODD}.order_up_to=10,2880");
    taktline(&[
        "sweep",
        arg(&file),
        "-n",
        "1",
        "--days",
        "6",
        "--vary",
        &vary,
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let csv = read(&out.join("sweep.csv"));
    let per_day: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            cells[3].parse().unwrap()
        })
        .collect();
    assert_eq!(per_day.len(), 2, "{csv}");
    assert!(
        per_day[0] < per_day[1],
        "the varied route took effect: {csv}"
    );
}

#[test]
fn a_repeated_map_key_is_reported_at_the_repeated_key() {
    let dir = Scratch::new("dup-key");
    let text = baseline_with(
        "\"Quzhou-Shanghai\": 3200.0,",
        "\"Quzhou-Shanghai\": 3200.0,\n            \"Quzhou-Shanghai\":\n\n\n                4000.0,",
    );
    let line = text
        .lines()
        .position(|l| l.trim() == "\"Quzhou-Shanghai\":")
        .unwrap()
        + 1;
    check(&dir, "dup", text).fails(
        2,
        &[
            &format!("dup.ron:{line}:"),
            "\"Quzhou-Shanghai\" is named twice",
        ],
    );
}

#[test]
fn an_empty_base_file_is_reported_at_the_extends_line() {
    let dir = Scratch::new("empty-base");
    dir.write("empty.ron", "\n  \n");
    let ran = check(
        &dir,
        "child",
        "Scenario(\n    extends: \"empty.ron\",\n    name: \"x\",\n)\n",
    );
    ran.fails(2, &["child.ron:2:", "extends", "is empty"]);
}

#[test]
fn overlapping_shifts_are_one_error_not_three() {
    let dir = Scratch::new("overlap");
    let text = std::fs::read_to_string("scenarios/levers/two-shifts-with-overtime.ron")
        .unwrap()
        .replacen("\"14:00-22:00\"", "\"13:00-22:00\"", 1)
        .replace(
            "extends: \"../baseline.ron\"",
            &format!(
                "extends: {:?}",
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron")
            ),
        );
    let ran = check(&dir, "overlap", text).fails(2, &["overlap: working time is given twice"]);
    let errors = ran
        .stderr
        .lines()
        .filter(|l| l.starts_with("error"))
        .count();
    assert_eq!(errors, 1, "{}", ran.stderr);
}

#[test]
fn an_infinite_rate_is_called_infinite_not_negative() {
    let dir = Scratch::new("inf");
    let ran = check(
        &dir,
        "inf",
        baseline_with("rate_per_h: 75.0", "rate_per_h: inf"),
    )
    .fails(2, &["rate_per_h"]);
    assert!(!ran.stderr.contains("must be positive,"), "{}", ran.stderr);
}

#[test]
fn more_worker_threads_than_any_machine_has_are_refused() {
    for command in ["batch", "stress", "sweep"] {
        let mut args = vec![command, "-j", "100000"];
        if command == "sweep" {
            args.extend(["--vary", "parts.*.on_hand=100"]);
        }
        quick(&args).fails(2, &["--jobs 100000", "at most 1024"]);
    }
}

#[test]
fn a_partial_capacity_keeps_the_digits_that_tell_it_from_an_outage() {
    let dir = Scratch::new("capacity");
    for (share, shown) in [("0.001", "0.1%"), ("0.999", "99.9%")] {
        let out = dir.join(share);
        let ran = taktline(&[
            "stress",
            "-n",
            "1",
            "--days",
            "12",
            "--nodes",
            "S1",
            "--capacity",
            share,
            "--quiet",
            "--out",
            arg(&out),
        ])
        .ok();
        assert!(
            ran.stdout.contains(&format!("at {shown} of its")),
            "{}",
            ran.stdout
        );
        assert!(read(&out.join("index.html")).contains(shown));
    }
}

#[test]
fn a_run_lists_its_first_twenty_occurrences_and_counts_the_rest() {
    // About 60 occurrences in 30 days: each listed one would be measured to
    // the horizon, so only the first 20 are, and the rest are counted.
    let dir = Scratch::new("occurrences");
    let file = dir.write(
        "often.ron",
        baseline_with(
            "disruptions: [],",
            "disruptions: [Random(name: \"flicker\", mean_between: \"12h\", duration: Fixed(\"10min\"), effects: [StationDown(\"S3\")])],",
        ),
    );
    let out = dir.join("run");
    let ran = taktline(&["run", arg(&file), "--days", "30", "--out", arg(&out)]).ok();
    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    let listed = summary["resilience"].as_array().unwrap().len();
    let rest = summary["occurrences_not_listed"].as_u64().unwrap() as usize;
    assert_eq!(listed, 20);
    assert!(listed + rest > 30, "{listed} + {rest}");
    assert!(
        ran.stdout.contains(&format!("and {rest} more occurrences")),
        "{}",
        ran.stdout
    );
    // Listed in order of their start.
    let starts: Vec<f64> = summary["resilience"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["start_h"].as_f64().unwrap())
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
}

#[test]
fn a_renamed_child_without_a_description_does_not_carry_its_bases() {
    use taktline::scenario::load_file;
    let typhoon = load_file(std::path::Path::new("scenarios/typhoon-wenzhou.ron")).unwrap();
    assert_eq!(
        typhoon.description, "",
        "the baseline's words under a typhoon's name"
    );
    // Its own description is kept; a child that keeps the base's name
    // keeps its description too.
    let lever = load_file(std::path::Path::new(
        "scenarios/levers/two-shifts-with-overtime.ron",
    ))
    .unwrap();
    assert!(
        lever
            .description
            .starts_with("The line on two weekday shifts")
    );
    let dir = Scratch::new("same-name");
    let base_path = std::fs::canonicalize("scenarios/baseline.ron").unwrap();
    let file = dir.write(
        "same.ron",
        format!(
            "Scenario(extends: {:?}, add_disruptions: [Scheduled(name: \"S1 down\", start: \"1d\", duration: \"1h\", effects: [StationDown(\"S1\")])])",
            base_path.display().to_string()
        ),
    );
    let base = load_file(&base_path).unwrap();
    let same = load_file(&file).unwrap();
    assert!(!base.description.is_empty());
    assert_eq!(same.description, base.description);
}
