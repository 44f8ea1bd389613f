//! The commands of the `taktline` binary, each a small function over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

mod study;

pub use study::{BatchArgs, MergeArgs, SweepArgs, batch, merge, sweep};
use taktline::experiment::{bench, run_replication};
use taktline::report;
use taktline::scenario::{Scenario, ScenarioError, load_baseline, load_file};
use taktline::time::DAY;

/// Exit code for invalid input (scenario files, arguments).
pub(crate) const BAD_INPUT: u8 = 2;

/// Options of `taktline run`.
#[derive(Args)]
pub struct RunArgs {
    /// Scenario file (RON); without it, the baseline embedded in the binary.
    file: Option<PathBuf>,
    /// Base seed of every random stream (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Replication number: each gives independent random streams.
    #[arg(long, default_value_t = 0)]
    replication: u64,
    /// Horizon in days (default: the scenario's).
    #[arg(long)]
    days: Option<f64>,
    /// Folder for summary.json and hourly.csv.
    #[arg(long, default_value = "out")]
    out: PathBuf,
}

/// Options of `taktline view`.
#[cfg(feature = "viewer")]
#[derive(Args)]
pub struct ViewArgs {
    /// Scenario file (RON), watched for edits; without it, the embedded baseline.
    file: Option<PathBuf>,
    /// Base seed of every random stream (default: the scenario's).
    #[arg(long)]
    seed: Option<u64>,
    /// Replication number.
    #[arg(long, default_value_t = 0)]
    replication: u64,
    /// Start speed: 1, 10, 60, 300, 1000, 3000, 10000, 30000 (x real time) or max.
    #[arg(long, default_value = "300")]
    speed: String,
    /// Window (or screenshot) size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1280x720")]
    size: String,
    /// Reduced quality for software rendering: no shadows or anti-aliasing,
    /// and the 3D scene at half resolution (unless --render-scale says otherwise).
    #[arg(long)]
    low_quality: bool,
    /// The 3D scene's resolution relative to the window, in (0, 1]; the HUD stays sharp.
    #[arg(long)]
    render_scale: Option<f32>,
    /// Save a PNG of the scene at --at and exit (no display needed under Xvfb).
    #[arg(long, value_name = "PNG")]
    screenshot: Option<PathBuf>,
    /// Simulated time of the screenshot, e.g. 2d.
    #[arg(long, default_value = "2d")]
    at: String,
    /// Render N frames, print the frame rate and exit (to measure).
    #[arg(long, value_name = "N")]
    measure_frames: Option<u32>,
}

/// `taktline view`
#[cfg(feature = "viewer")]
pub fn view(args: &ViewArgs) -> ExitCode {
    use taktline::view::{ViewOptions, clock::SPEEDS};
    let mut scenario = match load(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => return report_invalid(&e),
    };
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    let speed = if args.speed == "max" {
        Some(SPEEDS.len() - 1)
    } else {
        args.speed
            .parse::<f64>()
            .ok()
            .and_then(|v| SPEEDS.iter().position(|&s| s == v))
    };
    let Some(speed) = speed else {
        eprintln!(
            "error: --speed {}: one of 1, 10, 60, 300, 1000, 3000, 10000, 30000 or max",
            args.speed
        );
        return ExitCode::from(BAD_INPUT);
    };
    let size = args
        .size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .filter(|&(w, h)| w >= 64 && h >= 64);
    let Some(size) = size else {
        eprintln!(
            "error: --size {}: write WIDTHxHEIGHT, e.g. 1280x720 (at least 64x64)",
            args.size
        );
        return ExitCode::from(BAD_INPUT);
    };
    let at = match taktline::time::Span::parse(&args.at) {
        Ok(a) if a.secs() >= 0.0 && a.secs() <= scenario.horizon => a.secs(),
        Ok(_) => {
            eprintln!("error: --at {}: must lie within the horizon", args.at);
            return ExitCode::from(BAD_INPUT);
        }
        Err(e) => {
            eprintln!("error: --at: {e}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let render_scale = args
        .render_scale
        .unwrap_or(if args.low_quality { 0.5 } else { 1.0 });
    if !(render_scale > 0.0 && render_scale <= 1.0) {
        eprintln!("error: --render-scale {render_scale}: must be in (0, 1]");
        return ExitCode::from(BAD_INPUT);
    }
    let exit = taktline::view::run(ViewOptions {
        file: args.file.clone(),
        scenario,
        replication: args.replication,
        speed,
        size,
        low_quality: args.low_quality,
        render_scale,
        screenshot: args.screenshot.clone().map(|p| (p, at)),
        measure_frames: args.measure_frames,
    });
    if exit.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Options of `taktline bench`.
#[derive(Args)]
pub struct BenchArgs {
    /// Days of the baseline replication.
    #[arg(long, default_value_t = 365.0)]
    days: f64,
    /// Customers of the M/M/1 run.
    #[arg(long, default_value_t = 1_000_000)]
    customers: u64,
    /// Runs of each, keeping the fastest.
    #[arg(long, default_value_t = 3)]
    repeats: usize,
    /// Also time a batch of this many baseline replications with 1 and with 2 jobs.
    #[arg(long, value_name = "REPLICATIONS")]
    batch: Option<u64>,
}

fn report_invalid(e: &ScenarioError) -> ExitCode {
    for line in e.diagnostics() {
        eprintln!("error: {line}");
    }
    ExitCode::from(BAD_INPUT)
}

/// Checks `--days`: positive and longer than the warm-up.
pub(crate) fn horizon_days(days: f64, warmup: f64) -> Result<f64, ExitCode> {
    if !(days > 0.0 && days.is_finite()) || days * DAY <= warmup {
        eprintln!(
            "error: --days {days}: the horizon must be positive and longer than the warm-up ({} d)",
            warmup / DAY
        );
        return Err(ExitCode::from(BAD_INPUT));
    }
    Ok(days * DAY)
}

fn load(file: Option<&Path>) -> Result<Scenario, ScenarioError> {
    match file {
        Some(path) => load_file(path),
        None => load_baseline(),
    }
}

/// `taktline check FILE...`
pub fn check(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for file in files {
        match load_file(file) {
            Ok(s) => println!(
                "{}: ok ({}: {} stations, {} parts, {} routes, {} disruptions)",
                file.display(),
                s.name,
                s.line.stations.len(),
                s.parts.len(),
                s.routes.len(),
                s.disruptions.len()
            ),
            Err(e) => {
                ok = false;
                for line in e.diagnostics() {
                    eprintln!("error: {line}");
                }
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(BAD_INPUT)
    }
}

/// `taktline run [FILE]`
pub fn run(args: &RunArgs) -> ExitCode {
    let mut scenario = match load(args.file.as_deref()) {
        Ok(s) => s,
        Err(e) => return report_invalid(&e),
    };
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    if let Some(days) = args.days {
        match horizon_days(days, scenario.warmup) {
            Ok(h) => scenario.horizon = h,
            Err(code) => return code,
        }
    }
    let outcome = run_replication(&scenario, args.replication);
    print!("{}", report::render(&scenario, &outcome));
    let written = report::write_run(&args.out, &scenario, &outcome)
        .map_err(|e| e.to_string())
        .and_then(|mut paths| {
            paths.extend(
                report::study::run_charts(&args.out, &scenario, &outcome)
                    .map_err(|e| e.to_string())?,
            );
            Ok(paths)
        });
    match written {
        Ok(paths) => {
            let names: Vec<String> = paths
                .iter()
                .filter(|p| p.extension().is_none_or(|e| e != "svg"))
                .map(|p| p.display().to_string())
                .collect();
            println!("\nwrote {} (charts also as SVG)", names.join(", "));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `taktline bench`
pub fn bench(args: &BenchArgs) -> ExitCode {
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; measure with `cargo run --release -- bench`");
    }
    let base = match load_baseline() {
        Ok(s) => s,
        Err(e) => return report_invalid(&e),
    };
    let runs = [
        bench::measure(
            &format!("baseline, {} days", args.days),
            &bench::baseline(&base, args.days),
            args.repeats,
        ),
        bench::measure(
            &format!("M/M/1, {} customers", args.customers),
            &bench::mm1(args.customers),
            args.repeats,
        ),
    ];
    println!(
        "{:<32} {:>12} {:>10} {:>14} {:>10}",
        "run", "events", "wall s", "events/s", "completed"
    );
    for m in &runs {
        println!(
            "{:<32} {:>12} {:>10.4} {:>14.0} {:>10}",
            m.name,
            m.events,
            m.wall_s,
            m.events_per_second(),
            m.completed
        );
    }
    let mb = |b: Option<u64>| {
        b.map_or("unknown".to_string(), |b| {
            format!("{:.1} MB", b as f64 / 1e6)
        })
    };
    println!(
        "peak resident memory so far: {}",
        mb(bench::peak_memory_bytes())
    );
    if let Some(n) = args.batch {
        let scenario = bench::baseline(&base, args.days);
        let small = (n / 4).max(1);
        let mut times = Vec::new();
        for (reps, jobs) in [(small, 1), (n, 1), (n, 2)] {
            match bench::batch(&scenario, reps, jobs) {
                Ok(wall) => {
                    println!(
                        "batch of {reps} x {} days, {jobs} job(s): {wall:.2} s; peak resident memory {}",
                        args.days,
                        mb(bench::peak_memory_bytes())
                    );
                    times.push(wall);
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        println!("speed-up with 2 jobs: {:.2}", times[1] / times[2]);
    }
    ExitCode::SUCCESS
}
