//! `taktline batch`, `merge` and `sweep`: studies over many replications.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use taktline::experiment::aggregate::Interval;
use taktline::experiment::batch::{Manifest, Progress, Shard, prepare, run_replications, slug};
use taktline::experiment::record::figure_names;
use taktline::experiment::study::{StudyInput, finish};
use taktline::experiment::sweep::{SweepRow, Vary, points, run_in_memory};
use taktline::report::study::StudyEntry;
use taktline::report::sweep::{write_curves, write_index, write_tables};
use taktline::scenario::{Scenario, load_with};
use taktline::stats::mser::mser5_truncation;
use taktline::time::{HOUR, Span};

use super::{BAD_INPUT, horizon_days};

/// The title of every study's index page.
const TITLE: &str = "taktline study";

/// Options of `taktline batch`.
#[derive(Args)]
pub struct BatchArgs {
    /// Scenario files (RON); without any, the baseline embedded in the binary.
    files: Vec<PathBuf>,
    /// Replications per scenario (with --target: the first round).
    #[arg(long, short = 'n', default_value_t = 20)]
    replications: u64,
    #[command(flatten)]
    common: Common,
    /// Warm-up: a duration ("2d") or "auto" for an MSER-5 estimate from 5 pilot replications.
    #[arg(long)]
    warmup: Option<String>,
    /// Output folder: summary.json, index.html, and a folder per scenario.
    #[arg(long, default_value = "study")]
    out: PathBuf,
    /// Run only shard K of N (K from 0): replications r with r mod N = K. Combine with `merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Keep the replications already recorded in --out and run only the rest.
    #[arg(long)]
    resume: bool,
    /// Keep each replication's record (hourly series) under <scenario>/reps.
    #[arg(long)]
    keep_series: bool,
    /// Add replications until the 95% half-width of FIGURE is at most VALUE (e.g. robots_per_day=0.5).
    #[arg(long, value_name = "FIGURE=VALUE")]
    target: Option<String>,
    /// Most replications per scenario with --target.
    #[arg(long, default_value_t = 1000)]
    max_replications: u64,
}

/// Options shared by `batch` and `sweep`.
#[derive(Args)]
struct Common {
    /// Worker threads (default: all cores); results are the same for any value.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Base seed of every random stream (default: each scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Horizon in days (default: each scenario's).
    #[arg(long)]
    days: Option<f64>,
    /// No progress output.
    #[arg(long)]
    quiet: bool,
}

/// Options of `taktline merge`.
#[derive(Args)]
pub struct MergeArgs {
    /// Output folders of `taktline batch --shard K/N` runs.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Where to write the merged study.
    #[arg(long, default_value = "study")]
    out: PathBuf,
}

/// Options of `taktline sweep`.
#[derive(Args)]
pub struct SweepArgs {
    /// Scenario files (one curve each); without any, the embedded baseline.
    files: Vec<PathBuf>,
    /// PATH=VALUES: a list (24h,48h) or a range FROM..TO:STEP (0h..96h:12h); repeat for a full grid.
    #[arg(long = "vary", required = true, value_name = "PATH=VALUES")]
    vary: Vec<String>,
    /// Replications per grid point.
    #[arg(long, short = 'n', default_value_t = 10)]
    replications: u64,
    /// Output folder.
    #[arg(long, default_value = "sweep")]
    out: PathBuf,
    #[command(flatten)]
    common: Common,
}

fn bad(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(BAD_INPUT)
}

fn failed(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}

/// Loads every file (or the baseline) and applies the common settings;
/// every problem of every file is reported.
fn load_all(
    files: &[PathBuf],
    seed: Option<u64>,
    days: Option<f64>,
) -> Result<Vec<Scenario>, ExitCode> {
    let paths: Vec<Option<&Path>> = if files.is_empty() {
        vec![None]
    } else {
        files.iter().map(|f| Some(f.as_path())).collect()
    };
    let mut out = Vec::new();
    let mut failed = false;
    for p in paths {
        match load_with(p, &[]) {
            Ok(mut s) => {
                if let Some(seed) = seed {
                    s.seed = seed;
                }
                if let Some(d) = days {
                    s.horizon = horizon_days(d, s.warmup)?;
                }
                out.push(s);
            }
            Err(e) => {
                failed = true;
                for line in e.diagnostics() {
                    eprintln!("error: {line}");
                }
            }
        }
    }
    if failed {
        Err(ExitCode::from(BAD_INPUT))
    } else {
        Ok(out)
    }
}

fn pm(i: Option<Interval>) -> String {
    match i {
        Some(Interval {
            mean: Some(m),
            half_width: Some(h),
            ..
        }) => format!("{m:.2} ± {h:.2}"),
        Some(Interval { mean: Some(m), .. }) => format!("{m:.2}"),
        _ => "–".into(),
    }
}

fn print_entries(entries: &[StudyEntry]) {
    println!(
        "\n{:<44} {:>5} {:>18} {:>16}",
        "scenario", "reps", "robots per day", "attainment [%]"
    );
    for e in entries {
        println!(
            "{:<44} {:>5} {:>18} {:>16}",
            e.scenario.name,
            e.study.replications,
            pm(e.aggregate.figure("robots_per_day")),
            pm(e.aggregate.figure("takt_attainment").map(|i| Interval {
                mean: i.mean.map(|m| m * 100.0),
                half_width: i.half_width.map(|h| h * 100.0),
                ..i
            })),
        );
        for r in &e.study.resilience {
            println!(
                "    {}: robots lost {}, TTS {} h ({} survived), TTR {} h ({} not recovered)",
                r.disruption,
                pm(Some(r.robots_lost)),
                pm(Some(r.time_to_survive_h.estimate)),
                r.time_to_survive_h.undefined,
                pm(Some(r.time_to_recover_h.estimate)),
                r.time_to_recover_h.undefined,
            );
        }
    }
}

/// Sets each scenario's warm-up from `--warmup` (a duration, or MSER-5 on pilots).
fn apply_warmup(
    scenarios: &mut [Scenario],
    warmup: &str,
    jobs: Option<usize>,
    quiet: bool,
) -> Result<(), ExitCode> {
    for s in scenarios {
        let w = if warmup.trim() == "auto" {
            let pilot = run_in_memory(
                s,
                5,
                jobs,
                &Progress::new(&format!("{} (pilot)", s.name), 5, quiet),
            )
            .map_err(failed)?;
            let mean = pilot.output.means(pilot.replications);
            let hours = mser5_truncation(&mean).unwrap_or(0) as f64;
            println!(
                "{}: MSER-5 warm-up estimate {hours} h (5 pilot replications)",
                s.name
            );
            hours * HOUR
        } else {
            Span::parse(warmup)
                .map_err(|e| bad(format!("--warmup: {e} (or \"auto\")")))?
                .secs()
        };
        if w < 0.0 || w >= s.horizon {
            return Err(bad(format!(
                "--warmup: {w} s is not shorter than the horizon of {}",
                s.name
            )));
        }
        s.warmup = w;
    }
    Ok(())
}

/// `taktline batch`
pub fn batch(args: &BatchArgs) -> ExitCode {
    let mut scenarios = match load_all(&args.files, args.common.seed, args.common.days) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if args.replications == 0 {
        return bad("--replications must be at least 1");
    }
    let shard = match args.shard.as_deref().map(Shard::parse).transpose() {
        Ok(s) => s,
        Err(e) => return bad(e),
    };
    let target = match &args.target {
        None => None,
        Some(t) => {
            let Some((figure, value)) = t.split_once('=') else {
                return bad(format!(
                    "--target {t:?}: write FIGURE=VALUE, e.g. robots_per_day=0.5"
                ));
            };
            let Ok(value) = value.trim().parse::<f64>() else {
                return bad(format!("--target {t:?}: {value:?} is not a number"));
            };
            let names = figure_names(&scenarios[0]);
            if !names.iter().any(|n| n == figure.trim()) {
                return bad(format!(
                    "--target: no figure {figure:?}; figures are: {}",
                    names.join(", ")
                ));
            }
            if shard.is_some() {
                return bad(
                    "--target decides how many replications to run; it cannot be combined with --shard",
                );
            }
            Some((figure.trim().to_string(), value))
        }
    };
    if let Some(w) = &args.warmup
        && let Err(code) = apply_warmup(&mut scenarios, w, args.common.jobs, args.common.quiet)
    {
        return code;
    }
    let slugs: Vec<String> = scenarios.iter().map(slug).collect();
    for (i, s) in slugs.iter().enumerate() {
        if slugs[..i].contains(s) {
            return bad(format!(
                "two scenarios would share the folder {s:?}: rename one file"
            ));
        }
    }
    let mut inputs = Vec::new();
    for (order, (scenario, slug)) in scenarios.into_iter().zip(slugs).enumerate() {
        let dir = args.out.join(&slug);
        let mut n = args.replications;
        if let Err(e) = prepare(&dir, &Manifest::new(&scenario, n, order), args.resume) {
            return failed(e);
        }
        loop {
            let label = match shard {
                Some(s) => format!("{} [shard {}/{}]", scenario.name, s.index, s.count),
                None => scenario.name.clone(),
            };
            let owned = (0..n).filter(|&r| shard.is_none_or(|s| s.owns(r))).count() as u64;
            match run_replications(
                &scenario,
                &dir,
                0..n,
                shard,
                args.common.jobs,
                &label,
                args.common.quiet,
            ) {
                Ok(ran) if ran < owned => println!(
                    "{label}: ran {ran} replications, {} already recorded in {}",
                    owned - ran,
                    dir.display()
                ),
                Ok(_) => {}
                Err(e) => return failed(e),
            }
            let Some((figure, goal)) = &target else { break };
            let agg = match taktline::experiment::batch::aggregate(
                &scenario,
                std::slice::from_ref(&dir),
                n,
                |_| {},
            ) {
                Ok(a) => a,
                Err(e) => return failed(e),
            };
            let hw = agg
                .figure(figure)
                .and_then(|i| i.half_width)
                .unwrap_or(f64::INFINITY);
            if hw <= *goal || n >= args.max_replications {
                println!(
                    "{}: {n} replications give a 95% half-width of {hw:.4} for {figure} (target {goal}){}",
                    scenario.name,
                    if hw <= *goal {
                        ""
                    } else {
                        ": --max-replications reached"
                    }
                );
                break;
            }
            n = (n + args.replications).min(args.max_replications);
        }
        if let Err(e) = prepare(&dir, &Manifest::new(&scenario, n, order), true) {
            return failed(e);
        }
        inputs.push(StudyInput {
            scenario,
            slug,
            dirs: vec![dir],
            replications: n,
        });
    }
    if let Some(s) = shard {
        let dirs: Vec<String> = inputs
            .iter()
            .map(|i| i.dirs[0].display().to_string())
            .collect();
        println!(
            "shard {}/{} done: {}. When every shard is done: taktline merge <each shard's --out> --out <study>",
            s.index,
            s.count,
            dirs.join(", ")
        );
        return ExitCode::SUCCESS;
    }
    finish_study(&args.out, &inputs, !args.keep_series)
}

fn finish_study(out: &Path, inputs: &[StudyInput], drop_records: bool) -> ExitCode {
    let entries = match finish(out, inputs, TITLE) {
        Ok(e) => e,
        Err(e) => return failed(e),
    };
    print_entries(&entries);
    if drop_records {
        for i in inputs {
            let _ = std::fs::remove_dir_all(i.dirs[0].join("reps"));
        }
    }
    println!("\nwrote {}", out.join("index.html").display());
    ExitCode::SUCCESS
}

/// `taktline merge`
pub fn merge(args: &MergeArgs) -> ExitCode {
    let mut found: BTreeMap<String, (Manifest, Vec<PathBuf>)> = BTreeMap::new();
    for dir in &args.dirs {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return bad(format!("cannot read {}: {e}", dir.display())),
        };
        let mut subdirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        for sub in subdirs {
            let manifest = match Manifest::read(&sub) {
                Ok(Some(m)) => m,
                Ok(None) => continue,
                Err(e) => return failed(e),
            };
            let slug = sub
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match found.get_mut(&slug) {
                Some((m, dirs)) => {
                    if m.digest != manifest.digest || m.replications != manifest.replications {
                        return bad(format!(
                            "{} and {} hold different batches of {slug} (other scenario, settings or replication count)",
                            dirs[0].display(),
                            sub.display()
                        ));
                    }
                    dirs.push(sub);
                }
                None => {
                    found.insert(slug, (manifest, vec![sub]));
                }
            }
        }
    }
    if found.is_empty() {
        return bad("no batch output (a folder with manifest.json) found in the given folders");
    }
    let mut inputs: Vec<(usize, StudyInput)> = found
        .into_iter()
        .map(|(slug, (m, dirs))| {
            (
                m.order,
                StudyInput {
                    scenario: m.scenario,
                    slug,
                    dirs,
                    replications: m.replications,
                },
            )
        })
        .collect();
    inputs.sort_by_key(|(order, _)| *order);
    let inputs: Vec<StudyInput> = inputs.into_iter().map(|(_, i)| i).collect();
    finish_study(&args.out, &inputs, false)
}

/// `taktline sweep`
pub fn sweep(args: &SweepArgs) -> ExitCode {
    let varies: Vec<Vary> = match args.vary.iter().map(|v| Vary::parse(v)).collect() {
        Ok(v) => v,
        Err(e) => return bad(e),
    };
    if args.replications == 0 {
        return bad("--replications must be at least 1");
    }
    let files: Vec<Option<&Path>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|f| Some(f.as_path())).collect()
    };
    let mut horizon_error = None;
    let grid = points(&files, &varies, |s| {
        if let Some(seed) = args.common.seed {
            s.seed = seed;
        }
        if let Some(d) = args.common.days {
            match horizon_days(d, s.warmup) {
                Ok(h) => s.horizon = h,
                Err(code) => horizon_error = Some(code),
            }
        }
    });
    if let Some(code) = horizon_error {
        return code;
    }
    let grid = match grid {
        Ok(g) => g,
        Err(problems) => {
            for p in problems {
                eprintln!("error: {p}");
            }
            return ExitCode::from(BAD_INPUT);
        }
    };
    println!(
        "sweep: {} grid points x {} replications{}",
        grid.len(),
        args.replications,
        if grid.iter().any(|p| !p.scenario.disruptions.is_empty()) {
            " (each with its undisrupted twin)"
        } else {
            ""
        }
    );
    let mut rows = Vec::new();
    for point in &grid {
        let settings: Vec<String> = point
            .settings
            .iter()
            .map(|(p, v)| format!("{p}={v}"))
            .collect();
        let label = format!("{} {}", point.scenario.name, settings.join(" "));
        let progress = Progress::new(&label, args.replications, args.common.quiet);
        let agg = match run_in_memory(
            &point.scenario,
            args.replications,
            args.common.jobs,
            &progress,
        ) {
            Ok(a) => a,
            Err(e) => return failed(e),
        };
        let study = agg.summarise(&point.scenario);
        let res = study.resilience.first();
        println!(
            "{label}: robots per day {}, robots lost {}, TTR {} h",
            pm(study.figures.get("robots_per_day").copied()),
            pm(res.map(|r| r.robots_lost).or(study.robots_lost_total)),
            pm(res.map(|r| r.time_to_recover_h.estimate)),
        );
        rows.push(SweepRow {
            scenario: point.scenario.name.clone(),
            settings: point.settings.clone(),
            study,
        });
    }
    let paths: Vec<String> = varies.iter().map(|v| v.path.clone()).collect();
    let result = write_tables(&args.out, &rows, &paths)
        .map_err(|e| e.to_string())
        .and_then(|_| write_curves(&args.out, &rows, &paths).map_err(|e| e.to_string()))
        .and_then(|charts| {
            write_index(&args.out, &rows, &paths, &charts).map_err(|e| e.to_string())
        });
    match result {
        Ok(index) => {
            println!("\nwrote {}", index.display());
            ExitCode::SUCCESS
        }
        Err(e) => failed(e),
    }
}
