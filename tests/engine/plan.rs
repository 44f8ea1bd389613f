//! Finding the plan: the search reaches an optimum derived by hand, a
//! difference inside the indifference zone is a tie, KN selects the best
//! with the probability it promises, constraints nobody meets give no plan,
//! and bad design spaces are refused where they are written.

use rand::SeedableRng;
use rand::rngs::SmallRng;
use rand_distr::{Distribution, Normal};

use taktline::experiment::Prefix;
use taktline::experiment::Silent;
use taktline::experiment::plan::select::{KnSettings, select};
use taktline::experiment::plan::{Answer, PlanSettings, find_plan};
use taktline::scenario::{Override, Scenario, load_candidate, load_file};

use crate::drive::{Scratch, arg, quick, read, taktline};

/// A line with nothing random but its hazard: one part (a bearing per
/// robot), a supplier far faster than the line, an hourly truck with a
/// fixed 1 h transit, one station of 12 min at a 12 min takt (5 robots an
/// hour, no spare pace: a robot lost is never made up), and one hazard: the route closed for exactly 24 h, once a year on
/// average. Holding costs 100 x 0.2 = 20 CNY per bearing-year of mean
/// stock; a robot-hour late costs 10,000 CNY.
///
/// By hand: a closure is harmless when the stock on hand when it starts
/// (at least X - 10: the order-up-to level X less at most two hours of use
/// on hand or in transit) covers the use until the first truck after it
/// arrives: 24 h closed + at most 1 h to the next departure + 1 h transit
/// = 26 h x 5 = 130 bearings. On the lattice 40, 80, ..., 400, X = 120 can
/// never cover it (120 < 130) and X = 160 always does (150 >= 130): the
/// optimum is 160, the smallest harmless cover; every step above it costs
/// 40 x 20 = 800 CNY a year more and saves nothing.
fn zero_noise(plan: &str) -> String {
    format!(
        r#"Scenario(
    name: "zero noise",
    run: (horizon: "30d", warmup: "1d", seed: 7),
    parts: [(name: "bearing", per_robot: 1, on_hand: 200)],
    suppliers: [(name: "Wenzhou", part: "bearing", rate_per_h: 100.0, fg_cap: 2000, fg_initial: 1000)],
    routes: [(name: "Wenzhou-Shanghai", from: "Wenzhou", first_departure: "0h", every: "1h",
              truck_capacity: 5000, transit: Fixed("1h"), order_up_to: 400)],
    line: (
        takt: "12min",
        stations: [(name: "S1", buffer: 0, consumes: {{"bearing": 1}}, process: Fixed("12min"))],
    ),
    costs: (
        currency: "CNY",
        part_values: {{"bearing": 100.0}},
        holding_rate_per_year: 0.20,
        margin_per_robot: 40000.0,
        lateness_per_robot_hour: 10000.0,
        lost_after: "7d",
        per_truck: {{"Wenzhou-Shanghai": 0.0}},
    ),
    stress: (start: "10d", default_ttr: "24h", ttr: {{"S1": "8h"}}),
    hazards: [(name: "Route closed", node: "Wenzhou-Shanghai", per_year: 1.0, duration: Fixed("24h"))],
    plan: {plan},
)
"#
    )
}

fn settings() -> PlanSettings {
    PlanSettings {
        search_years: 8,
        replications: 4,
        budget: 40,
        select: 3,
        most_years: 24,
        verify_years: 8,
        jobs: Some(2),
        prefix: Prefix::Shared,
    }
}

/// Loads the scenario at `file` and searches its design space.
fn search(
    file: &std::path::Path,
    s: PlanSettings,
) -> (taktline::experiment::plan::PlanOutcome, Option<Scenario>) {
    let today = load_file(file).unwrap();
    let space = today.plan.clone().expect("a design space");
    let build = |pairs: &[(String, String)]| {
        let o: Vec<Override> = pairs.iter().map(|(p, v)| Override::vary(p, v)).collect();
        load_candidate(Some(file), &o)
            .map(|l| l.scenario)
            .map_err(|e| e.to_string())
    };
    find_plan(&today, &space, &build, s, &Silent).unwrap()
}

fn order_up_to(o: &taktline::experiment::plan::PlanOutcome, number: usize) -> String {
    o.candidate(number).settings[0].value.clone()
}

#[test]
fn the_search_finds_the_smallest_cover_that_makes_the_outage_harmless() {
    let dir = Scratch::new("plan-zero-noise");
    // The years seen: 8 in the search, up to 24 in the selection, 8 fresh.
    // Two 24 h closures within 26 h of each other would need more cover;
    // at one a year that happens in a given year with probability about
    // 2 x 26 / 8760 = 0.6%, so over these 40 years about one seed in five
    // would see it: seed 7's years, fixed above, are a deterministic draw.
    let file = dir.write(
        "zero.ron",
        zero_noise(r#"(levers: [(path: "routes.Wenzhou-Shanghai.order_up_to", values: "40..400:40")], delta: 500.0)"#),
    );
    let (o, winner) = search(&file, settings());
    let Answer::Plan { winner: w, tied } = &o.answer else {
        panic!("a plan: {:?}", o.answer)
    };
    assert_eq!(
        order_up_to(&o, *w),
        "160",
        "{}",
        taktline::report::plan::answer(&o)
    );
    assert!(
        tied.is_empty(),
        "800 CNY a year apart is outside a 500 CNY zone: {tied:?}"
    );
    assert!(o.converged);
    // Below the optimum the closure costs robots; at and above it nothing.
    for c in &o.candidates[1..] {
        let x: f64 = c.settings[0].value.parse().unwrap();
        if x >= 160.0 {
            assert_eq!(c.loss, 0.0, "cover {x} is harmless");
        } else if x <= 120.0 {
            assert!(c.loss > 0.0, "cover {x} cannot carry the closure");
        }
    }
    assert!(winner.is_some());
}

#[test]
fn two_plans_within_the_indifference_zone_are_a_tie_not_a_winner() {
    let dir = Scratch::new("plan-tie");
    // Both harmless; 200 holds 40 bearings less than 240: 800 CNY a year,
    // inside a zone of 1,000 (today's 400 is 4,000 CNY a year dearer: outside).
    let file = dir.write(
        "tie.ron",
        zero_noise(r#"(levers: [(path: "routes.Wenzhou-Shanghai.order_up_to", values: "200,240")], delta: 1000.0)"#),
    );
    let (o, _) = search(&file, settings());
    let Answer::Plan { winner, tied } = &o.answer else {
        panic!("a plan: {:?}", o.answer)
    };
    assert_eq!(order_up_to(&o, *winner), "200", "the lower mean is named");
    let other: Vec<String> = tied.iter().map(|&n| order_up_to(&o, n)).collect();
    assert_eq!(other, ["240"], "the rival within the zone is tied with it");
    assert!(taktline::report::plan::answer(&o).contains("Tied within the indifference zone"));
}

#[test]
fn a_plan_that_saves_stock_by_starving_the_line_in_normal_times_does_not_win() {
    let dir = Scratch::new("plan-starving");
    // No hazard strikes: only holding cost and the line's own orders
    // differ. An order-up-to level of 2 brings at most 2 bearings an hour
    // against 5 used: cheapest stock, but the line makes 2 robots an hour
    // instead of 5, and its lateness is priced as normal-time cost.
    let text = zero_noise(r#"(levers: [(path: "routes.Wenzhou-Shanghai.order_up_to", values: "2,160")], delta: 500.0)"#)
        .replace("per_year: 1.0", "per_year: 0.0");
    let file = dir.write("starving.ron", text);
    let (o, _) = search(&file, settings());
    let Answer::Plan { winner, .. } = &o.answer else {
        panic!("a plan: {:?}", o.answer)
    };
    assert_eq!(
        order_up_to(&o, *winner),
        "160",
        "{}",
        taktline::report::plan::answer(&o)
    );
    let starving = o
        .candidates
        .iter()
        .find(|c| c.settings.first().is_some_and(|s| s.value == "2"))
        .unwrap();
    assert!(
        starving.running < o.candidate(*winner).running,
        "the starving plan holds less stock"
    );
    assert!(
        starving.normal > 1e6,
        "and pays for its lateness: {}",
        starving.normal
    );
}

#[test]
fn constraints_no_candidate_meets_give_no_plan_and_no_plan_file() {
    let dir = Scratch::new("plan-infeasible");
    // S1 down for its 8 h TTR loses about 8 x 5 = 40 robots whatever the stock.
    let file = dir.write(
        "none.ron",
        zero_noise(r#"(levers: [(path: "routes.Wenzhou-Shanghai.order_up_to", values: "120,160,200")], delta: 500.0, lose_at_most: 5.0, nodes: ["S1"])"#),
    );
    let out = dir.join("out");
    let ran = taktline(&[
        "plan",
        arg(&file),
        "--years",
        "4",
        "-n",
        "4",
        "--most-years",
        "8",
        "--verify-years",
        "4",
        "--out",
        arg(&out),
        "--quiet",
    ])
    .ok();
    assert!(
        ran.stdout.contains("No plan meets the constraints"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout.contains("S1 is out for its 8 h"),
        "{}",
        ran.stdout
    );
    assert!(!out.join("plan.ron").exists(), "no plan, no plan file");
    let page = read(&out.join("index.html"));
    assert!(page.contains("No plan meets the constraints"));
    let csv = read(&out.join("candidates.csv"));
    assert_eq!(csv.lines().count(), 1 + 4, "today and the three candidates");
    assert!(csv.lines().skip(1).all(|l| l.contains(",false,")), "{csv}");
}

#[test]
fn the_written_plan_extends_its_scenario_reruns_the_same_on_any_thread_count() {
    let dir = Scratch::new("plan-file");
    let file = dir.write(
        "zero.ron",
        zero_noise(r#"(levers: [(path: "routes.Wenzhou-Shanghai.order_up_to", values: "80..240:40"), (path: "routes.Wenzhou-Shanghai.every", values: "1h,2h")], delta: 500.0, lose_at_most: 1000.0)"#),
    );
    let run = |jobs: &str, out: &str| {
        let out = dir.join(out);
        taktline(&[
            "plan",
            arg(&file),
            "--years",
            "4",
            "-n",
            "3",
            "--most-years",
            "12",
            "--verify-years",
            "4",
            "-j",
            jobs,
            "--out",
            arg(&out),
            "--quiet",
        ])
        .ok();
        out
    };
    let (one, two) = (run("1", "one"), run("2", "two"));
    crate::parquet_tables::assert_parquet_is_the_csv(&one.join("candidates.csv"), "CNY");
    crate::workbook::assert_sheet_is_the_csv(
        &one.join("summary.xlsx"),
        "Candidates",
        read(&one.join("candidates.csv")).as_bytes(),
        "CNY",
    );
    assert_eq!(read(&one.join("plan.json")), read(&two.join("plan.json")));
    assert_eq!(
        read(&one.join("candidates.csv")),
        read(&two.join("candidates.csv"))
    );
    let plan = read(&one.join("plan.ron"));
    assert!(plan.contains("extends: \"../zero.ron\""), "{plan}");
    // The file is a scenario like any other: it checks and runs.
    quick(&["check", arg(&one.join("plan.ron"))]).ok();
    let json = read(&one.join("plan.json"));
    assert!(
        json.contains("\"rechecked\""),
        "the constraints re-checked on the file"
    );
    taktline(&[
        "run",
        arg(&one.join("plan.ron")),
        "--out",
        arg(&dir.join("run")),
    ])
    .ok();
}

#[test]
fn bad_design_spaces_are_refused_at_their_file_line_and_column() {
    let dir = Scratch::new("plan-bad");
    let text = zero_noise(
        r#"(
        levers: [
            (path: "routes.Nowhere.order_up_to", values: "40..400:40"),
            (path: "routes.Wenzhou-Shanghai.every", values: "4h..1h:1h"),
        ],
        delta: 500.0,
        lose_at_most: 10.0,
        nodes: ["Atlantis"],
        running_at_most: 0.0,
    )"#,
    );
    let file = dir.write("bad.ron", &text);
    // Where each offending item is written: "bad.ron:LINE:".
    let at = |needle: &str| {
        let line = text
            .lines()
            .position(|l| l.contains(needle))
            .expect("written")
            + 1;
        format!("bad.ron:{line}:")
    };
    let ran = quick(&["plan", arg(&file), "--out", arg(&dir.join("out"))]);
    ran.fails(
        2,
        &[
            &at("routes.Nowhere"),
            "plan.levers[0].values",
            "no route named \"Nowhere\"",
            &at("4h..1h"),
            "plan.levers[1].values",
            &at("Atlantis"),
            "\"Atlantis\" is not a stress node",
            &at("running_at_most"),
            "a budget must be an amount > 0",
        ],
    );
    let file = dir.write("ok.ron", zero_noise(r#"(levers: [(path: "routes.Wenzhou-Shanghai.order_up_to", values: "40,80")], delta: 500.0)"#));
    quick(&["plan", arg(&file), "--budget", "0"]).fails(2, &["--budget must be 1"]);
    let space = dir.write("space.ron", "Plan(levers: [], delta: 1.0)\n");
    quick(&["plan", arg(&file), "--space", arg(&space)])
        .fails(2, &["space.ron:1:", "at least one lever"]);
    let no_space = dir.write("plain.ron", zero_noise("None"));
    quick(&["plan", arg(&no_space)]).fails(2, &["no design space"]);
    let set = dir.write(
        "set.ron",
        "Scenario(\n    extends: \"ok.ron\",\n    set: [(\"routes.Nowhere.order_up_to\", \"5\")],\n)\n",
    );
    quick(&["check", arg(&set)])
        .fails(2, &["set.ron:3:11", "set[0]", "no route named \"Nowhere\""]);
}

/// KN's guarantee, tested as a procedure: five systems under common random
/// numbers in the slippage configuration (the best 0, every other delta
/// worse: the least favourable case, where the bound is tightest), each
/// observation a common draw N(0, 3^2) plus its own N(0, 1). KN promises a
/// correct selection with probability >= 95%. Over R = 400 seeds the count
/// of correct selections is Binomial(400, p); with p = 0.95 its mean is 380
/// and its standard deviation sqrt(400 x 0.95 x 0.05) = 4.36, so fewer than
/// 380 - 3 x 4.36 = 367 would say p < 0.95 with a false alarm under 0.2%.
#[test]
fn selection_under_common_random_numbers_picks_the_best_of_five_at_least_95_percent_of_the_time() {
    let (k, delta, repeats) = (5, 1.0, 400);
    let means = [0.0, delta, delta, delta, delta];
    let common = Normal::new(0.0, 3.0).unwrap();
    let own = Normal::new(0.0, 1.0).unwrap();
    let mut correct = 0;
    for seed in 0..repeats {
        let mut rng = SmallRng::seed_from_u64(seed);
        let mut drawn: Vec<Vec<f64>> = vec![Vec::new(); k];
        let mut shared: Vec<f64> = Vec::new();
        let mut sample = |alive: &[usize], range: std::ops::Range<usize>| {
            while shared.len() < range.end {
                shared.push(common.sample(&mut rng));
                for (i, d) in drawn.iter_mut().enumerate() {
                    d.push(means[i] + own.sample(&mut rng));
                }
            }
            Ok(alive
                .iter()
                .map(|&i| range.clone().map(|r| drawn[i][r] + shared[r]).collect())
                .collect())
        };
        let s = select(
            k,
            KnSettings {
                delta,
                alpha: 0.05,
                first_stage: 10,
                most: 100_000,
                batch: 8,
            },
            &mut sample,
        )
        .unwrap();
        assert!(!s.truncated);
        if s.chosen == 0 {
            correct += 1;
        }
    }
    assert!(correct >= 367, "{correct} of {repeats} correct selections");
}
