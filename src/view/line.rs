//! The line's stations coloured by their state.

use bevy::prelude::*;

use super::Stage;
use super::common::{StationBody, state_colour, station_state};
use super::render::shaded::ShadedMaterial;
use crate::model::Line;

/// Colours each station body by its state.
pub(super) fn colour_stations(
    line: Res<Line>,
    bodies: Query<(&StationBody, &MeshMaterial3d<ShadedMaterial>)>,
    mut materials: ResMut<Assets<ShadedMaterial>>,
) {
    for (body, mat) in &bodies {
        if body.station >= line.stations.len() {
            continue;
        }
        let colour = state_colour(station_state(&line, body.station));
        if let Some(mut m) = materials.get_mut(&mat.0)
            && m.base_color != colour
        {
            m.base_color = colour;
        }
    }
}

/// Stations show their state.
pub(super) struct LinePlugin;

impl Plugin for LinePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, colour_stations.in_set(Stage::Project));
    }
}
