//! Hot reload: when the scenario file changes, the simulation restarts
//! from the edited scenario; an invalid edit is shown on screen and the last
//! good scenario keeps running.

use std::path::PathBuf;
use std::time::SystemTime;

use bevy::prelude::*;

use super::clock::{ViewClock, restart};
use crate::scenario::load_file;
use crate::view::common::ReloadError;

/// The scenario file being watched.
#[derive(Resource)]
pub(crate) struct Watched {
    pub path: Option<PathBuf>,
    pub modified: Option<SystemTime>,
    /// Seconds until the next look at the file.
    pub wait: f32,
}

impl Watched {
    /// Watches `path` (nothing for the embedded baseline).
    pub(crate) fn new(path: Option<PathBuf>) -> Watched {
        let modified = path
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok()?.modified().ok());
        Watched {
            path,
            modified,
            wait: 0.5,
        }
    }
}

/// Tells the scene to rebuild for a new scenario.
#[derive(Message)]
pub(crate) struct ScenarioReloaded;

/// Looks at the file twice a second and reloads it when it changed.
pub(crate) fn watch(
    mut commands: Commands,
    time: Res<Time>,
    mut watched: ResMut<Watched>,
    mut view: ResMut<ViewClock>,
    mut error: ResMut<ReloadError>,
    mut reloaded: MessageWriter<ScenarioReloaded>,
) {
    watched.wait -= time.delta_secs();
    if watched.wait > 0.0 {
        return;
    }
    watched.wait = 0.5;
    let Some(path) = watched.path.clone() else {
        return;
    };
    let modified = std::fs::metadata(&path)
        .ok()
        .and_then(|m| m.modified().ok());
    if modified == watched.modified {
        return;
    }
    watched.modified = modified;
    match load_file(&path) {
        Ok(scenario) => {
            info!("reloaded {}: restarting from t = 0", path.display());
            let (speed, rep) = (view.speed, view.replication);
            *view = ViewClock::new(rep, speed);
            restart(&mut commands, view.fresh_model(&scenario));
            error.0 = None;
            reloaded.write(ScenarioReloaded);
        }
        Err(e) => {
            let text = e.diagnostics().join("\n");
            warn!("not reloaded, the last good scenario keeps running:\n{text}");
            error.0 = Some(text);
        }
    }
}
