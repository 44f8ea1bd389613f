//! `taktline view`: the 3D viewer (cargo feature `viewer`).

use std::path::PathBuf;

use clap::Args;
use taktline::time::Span;
use taktline::view::{SPEEDS, ViewOptions};

use super::{CliError, load};

/// Options of `taktline view`.
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
    /// Reduced quality for software rendering: no shadows or anti-aliasing.
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
    /// What the camera frames first: the line, or the whole region with the
    /// line (C switches between them).
    #[arg(long, value_enum, default_value = "line")]
    frame: taktline::view::Framing,
    /// Render N frames, print the frame rate and exit (to measure).
    #[arg(long, value_name = "N")]
    measure_frames: Option<u32>,
}

/// `--speed`: an index into [`SPEEDS`].
fn speed(text: &str) -> Result<usize, CliError> {
    let found = if text == "max" {
        Some(SPEEDS.len() - 1)
    } else {
        text.parse::<f64>()
            .ok()
            .and_then(|v| SPEEDS.iter().position(|&s| s == v))
    };
    found.ok_or_else(|| {
        CliError::invalid(format!(
            "--speed {text}: one of 1, 10, 60, 300, 1000, 3000, 10000, 30000 or max"
        ))
    })
}

/// `--size WIDTHxHEIGHT`, at least 64x64.
fn size(text: &str) -> Result<(u32, u32), CliError> {
    text.split_once('x')
        .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        .filter(|&(w, h)| w >= 64 && h >= 64)
        .ok_or_else(|| {
            CliError::invalid(format!(
                "--size {text}: write WIDTHxHEIGHT, e.g. 1280x720 (at least 64x64)"
            ))
        })
}

/// `taktline view [FILE]`
pub fn view(args: &ViewArgs) -> Result<(), CliError> {
    let scenario = load(args.file.as_deref(), args.seed, None)?;
    let speed = speed(&args.speed)?;
    let size = size(&args.size)?;
    let at = match Span::parse(&args.at) {
        Ok(a) if a.secs() >= 0.0 && a.secs() <= scenario.horizon => a.secs(),
        Ok(_) => {
            return Err(CliError::invalid(format!(
                "--at {}: must lie within the horizon",
                args.at
            )));
        }
        Err(e) => return Err(CliError::invalid(format!("--at: {e}"))),
    };
    let render_scale = args.render_scale.unwrap_or(1.0);
    if !(render_scale > 0.0 && render_scale <= 1.0) {
        return Err(CliError::invalid(format!(
            "--render-scale {render_scale}: must be in (0, 1]"
        )));
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
        framing: args.frame,
    });
    if exit.is_success() {
        Ok(())
    } else {
        Err(CliError::failed("the viewer stopped with an error"))
    }
}
