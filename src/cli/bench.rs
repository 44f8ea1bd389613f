//! `taktline bench`: events per second, memory, and batch speed-up.

use clap::Args;
use taktline::experiment::floor::measure_floor;
use taktline::experiment::stress::{StressPlan, run_stress};
use taktline::experiment::{Prefix, Silent, bench, synthetic};
use taktline::scenario::load_baseline;
use taktline::time::HOUR;

use super::CliError;
use super::error::warn;
use super::output::say;

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
    /// Also time the stress test with advice of the baseline (every node and
    /// the Wenzhou region) with this many replications, on all cores: forked
    /// from the twins, then every run from t = 0.
    #[arg(long, value_name = "REPLICATIONS")]
    stress: Option<u64>,
    /// Also time one replication (of --days) of a synthetic network of
    /// PARTS parts, each from its own supplier over its own route, and
    /// STATIONS stations, and of the same at a half and a quarter of the
    /// size, with each one's peak memory: how time and memory grow.
    #[arg(long, value_name = "PARTSxSTATIONS", value_parser = network_size)]
    network: Option<(usize, usize)>,
    /// With --network: also write the whole network's scenario file here,
    /// to run it with any other command.
    #[arg(long, value_name = "FILE", requires = "network")]
    write_network: Option<std::path::PathBuf>,
}

/// `PARTSxSTATIONS`, e.g. `300x50`.
fn network_size(text: &str) -> Result<(usize, usize), String> {
    let (parts, stations) = text
        .split_once('x')
        .ok_or_else(|| format!("{text:?}: expected PARTSxSTATIONS, e.g. 300x50"))?;
    let count = |what: &str, t: &str, most: usize| match t.trim().parse::<usize>() {
        Ok(n) if (1..=most).contains(&n) => Ok(n),
        _ => Err(format!("{what} {t:?}: a whole number from 1 to {most}")),
    };
    Ok((
        count("parts", parts, synthetic::MOST_PARTS)?,
        count("stations", stations, synthetic::MOST_STATIONS)?,
    ))
}

fn megabytes(bytes: Option<u64>) -> String {
    bytes.map_or("unknown".to_string(), |b| {
        format!("{:.1} MB", b as f64 / 1e6)
    })
}

/// `taktline bench`
pub fn bench(args: &BenchArgs) -> Result<(), CliError> {
    if cfg!(debug_assertions) {
        warn("this is a debug build; measure with `cargo run --release -- bench`");
    }
    if !(args.days.is_finite() && args.days >= 1.0 && args.days <= 100_000.0) {
        return Err(CliError::invalid(format!(
            "--days {}: between 1 and 100000",
            args.days
        )));
    }
    if !(1_000..=1_000_000_000).contains(&args.customers) {
        return Err(CliError::invalid(format!(
            "--customers {}: between 1000 and 1000000000",
            args.customers
        )));
    }
    if args.batch == Some(0) {
        return Err(CliError::invalid("--batch must be at least 1"));
    }
    let base = load_baseline()?;
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
        measure_floor(args.customers, args.repeats),
    ];
    say!(
        "{:<44} {:>12} {:>10} {:>14} {:>10}",
        "run",
        "events",
        "wall s",
        "events/s",
        "completed"
    );
    for m in &runs {
        say!(
            "{:<44} {:>12} {:>10.4} {:>14.0} {:>10}",
            m.name,
            m.events,
            m.wall_s,
            m.events_per_second(),
            m.completed
        );
    }
    say!(
        "M/M/1 at {:.2}x the floor's events/s (a bare BinaryHeap loop, one exponential draw an event, in this process)",
        runs[1].events_per_second() / runs[2].events_per_second()
    );
    say!(
        "peak resident memory so far: {}",
        megabytes(bench::peak_memory_bytes())
    );
    if let Some(n) = args.batch {
        let scenario = bench::baseline(&base, args.days);
        let small = (n / 4).max(1);
        let mut times = Vec::new();
        for (reps, jobs) in [(small, 1), (n, 1), (n, 2)] {
            let wall = bench::batch(&scenario, reps, jobs)?;
            say!(
                "batch of {reps} x {} days, {jobs} job(s): {wall:.2} s; peak resident memory {}",
                args.days,
                megabytes(bench::peak_memory_bytes())
            );
            times.push(wall);
        }
        say!("speed-up with 2 jobs: {:.2}", times[1] / times[2]);
    }
    if let Some(n) = args.stress.filter(|&n| n > 0) {
        let mut seconds = Vec::new();
        for prefix in [Prefix::Shared, Prefix::Rerun] {
            let plan = StressPlan {
                nodes: base.stress.nodes.clone(),
                start: base.stress.start,
                scenario: base.clone(),
                replications: n,
                jobs: None,
                resolution: HOUR,
                advise: true,
                capacity: None,
                prefix,
            };
            let started = std::time::Instant::now();
            let result = run_stress(&plan, &Silent)?;
            let wall = started.elapsed().as_secs_f64();
            let how = match prefix {
                Prefix::Shared => "forked from the twins at the start",
                Prefix::Rerun => "every run from t = 0",
            };
            say!(
                "stress --advise of the baseline, {} nodes x {n} replications, {how}: {wall:.2} s; peak resident memory {}",
                result.nodes.len(),
                megabytes(bench::peak_memory_bytes())
            );
            seconds.push(wall);
        }
        say!("speed-up of forking: {:.2}", seconds[1] / seconds[0]);
    }
    if let Some((parts, stations)) = args.network {
        if let Some(file) = &args.write_network {
            let text = synthetic::network_text(parts, stations, args.days);
            taktline::atomic_file::write(file, text.as_bytes())?;
            say!("wrote {}", file.display());
        }
        network(parts, stations, args.days)?;
    }
    Ok(())
}

/// Times the synthetic network at a quarter, a half and the whole of its
/// size, each with the peak memory of its own run, and says how they grow.
fn network(parts: usize, stations: usize, days: f64) -> Result<(), CliError> {
    let mut last: Option<(f64, u64, usize)> = None;
    for share in [4, 2, 1] {
        let (p, n) = ((parts / share).max(1), (stations / share).max(1));
        bench::reset_peak_memory();
        let scenario = synthetic::network(p, n, days)?;
        let m = bench::measure(
            &format!("network {p} suppliers x {p} parts x {n} stations"),
            &scenario,
            1,
        );
        let peak = bench::peak_memory_bytes();
        say!(
            "{:<44} {:>12} {:>10.3} {:>14.0} {:>10}  peak memory {}",
            m.name,
            m.events,
            m.wall_s,
            m.events_per_second(),
            m.completed,
            megabytes(peak)
        );
        if let (Some((wall, memory, size)), Some(peak)) = (last, peak) {
            say!(
                "  stations x parts x{:.1}: time x{:.2}, peak memory x{:.2}",
                (p * n) as f64 / size as f64,
                m.wall_s / wall,
                peak as f64 / memory as f64
            );
        }
        last = peak.map(|b| (m.wall_s, b, p * n));
    }
    Ok(())
}
