//! The heads-up display: status, selection, legend and help panels
//! (`panels`), and the output and stock charts (`charts`).

mod charts;
mod panels;

use bevy::prelude::*;

pub(crate) use panels::{HudPanel, set_node};

use super::Stage;
use super::common::{HelpShown, HudCollapsed, ReloadError, Selection};

/// The heads-up display.
pub(crate) struct HudPlugin;

impl Plugin for HudPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Selection>()
            .init_resource::<HelpShown>()
            .init_resource::<ReloadError>()
            .init_resource::<HudCollapsed>()
            .add_systems(Startup, (panels::spawn_hud, charts::spawn_charts))
            .add_systems(
                Update,
                (
                    panels::fit_hud,
                    panels::collapse_panels,
                    panels::update_hud,
                    charts::update_charts,
                    charts::update_gap,
                )
                    .in_set(Stage::Project),
            );
    }
}
