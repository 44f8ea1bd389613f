//! Headless capture: render the scene at a simulated time, save a PNG and
//! exit (under Xvfb on a machine without a display).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

/// A screenshot to take once the scene has settled.
#[derive(Resource)]
pub(crate) struct Capture {
    pub path: PathBuf,
    /// Frames to render first (pipelines compile, meshes upload).
    pub frames: u32,
    pub taken: bool,
}

/// Counts frames, then asks for the screenshot; saves it and exits.
pub(crate) fn capture(mut commands: Commands, mut capture: ResMut<Capture>) {
    if capture.taken {
        return;
    }
    if capture.frames > 0 {
        capture.frames -= 1;
        return;
    }
    capture.taken = true;
    let path = capture.path.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |shot: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            let saved = shot
                .image
                .clone()
                .try_into_dynamic()
                .map_err(|e| e.to_string())
                .and_then(|img| img.to_rgb8().save(&path).map_err(|e| e.to_string()));
            match saved {
                Ok(()) => {
                    println!("wrote {}", path.display());
                    exit.write(AppExit::Success);
                }
                Err(e) => {
                    eprintln!("error: cannot save {}: {e}", path.display());
                    exit.write(AppExit::error());
                }
            }
        },
    );
}
