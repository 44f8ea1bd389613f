//! `--measure-frames`: how fast the viewer draws, and how far the model
//! falls behind the clock.

use bevy::prelude::*;

use super::clock::ViewClock;
use crate::model::Kernel;

/// Counts frames for `--measure-frames`.
#[derive(Resource)]
pub(crate) struct FrameMeter {
    pub left: u32,
    pub frames: u32,
    pub started: Option<std::time::Instant>,
    pub sim_started: f64,
    pub cpu_started: Option<f64>,
}

/// Seconds of CPU this process (the software renderer's threads included)
/// has used, where the system says (Linux's `/proc/self/stat`).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

pub(crate) fn meter(
    mut m: ResMut<FrameMeter>,
    view: Res<ViewClock>,
    kernel: Res<Kernel>,
    mut exit: MessageWriter<AppExit>,
) {
    // The first frames compile pipelines; time from the fifth on.
    if m.frames == 5 {
        m.started = Some(std::time::Instant::now());
        m.sim_started = kernel.now();
        m.cpu_started = cpu_seconds();
    }
    m.frames += 1;
    if m.frames < 5 {
        return;
    }
    m.left = m.left.saturating_sub(1);
    if m.left == 0 {
        let wall = m.started.map_or(0.0, |s| s.elapsed().as_secs_f64());
        let frames = m.frames - 5;
        let cpu = match (m.cpu_started, cpu_seconds()) {
            (Some(a), Some(b)) => {
                format!(" ({:.0} ms of CPU a frame)", (b - a) * 1e3 / frames as f64)
            }
            _ => String::new(),
        };
        println!(
            "{frames} frames in {wall:.2} s: {:.1} frames/s{cpu}; simulated {:.0} s ({:.0}x real time), falling behind by {:.0} s in the last frame",
            frames as f64 / wall.max(1e-9),
            kernel.now() - m.sim_started,
            (kernel.now() - m.sim_started) / wall.max(1e-9),
            view.behind
        );
        exit.write(AppExit::Success);
    }
}
