//! Keyboard controls and click selection.

use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::clock::{SPEEDS, ViewClock, restart, step_to_next_event};
use super::keys::{self, Action};
use crate::model::ModelMut;
use crate::view::common::{HelpShown, HudCollapsed, Pickable, Selection};
use crate::view::render::scene_image::RenderScale;

/// Pause, speed, step, restart, live disruptions, the HUD's panels and help.
pub(crate) fn keyboard(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    mut view: ResMut<ViewClock>,
    mut model: ModelMut,
    mut help: ResMut<HelpShown>,
    mut collapsed: ResMut<HudCollapsed>,
    mut selection: ResMut<Selection>,
) {
    for (action, key) in keys::pressed(&keys) {
        match action {
            Action::Pause => view.paused = !view.paused,
            Action::Faster => view.speed = (view.speed + 1).min(SPEEDS.len() - 1),
            Action::Slower => view.speed = view.speed.saturating_sub(1),
            Action::NextEvent if view.paused => step_to_next_event(&mut model),
            Action::NextEvent => {}
            Action::Restart => {
                let fresh = view.fresh_model(model.scenario());
                restart(&mut commands, fresh);
            }
            Action::Help => help.0 = !help.0,
            Action::FoldPanels => collapsed.0 = !collapsed.0,
            Action::ClearSelection => selection.0 = None,
            Action::Disruption => {
                model.trigger_disruption(key);
            }
            // The camera's own system frames the view.
            Action::Frame => {}
        }
    }
}

/// How far the mouse moved while the left button was held.
#[derive(Resource, Default)]
pub(crate) struct Drag(f32);

/// A left click that did not drag selects the nearest object under the cursor.
#[allow(clippy::too_many_arguments)] // a bevy system: each parameter is one resource or query
pub(crate) fn pick(
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    mut drag: ResMut<Drag>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    pickables: Query<(&Pickable, &GlobalTransform)>,
    mut selection: ResMut<Selection>,
    scale: Res<RenderScale>,
) {
    if buttons.just_pressed(MouseButton::Left) {
        drag.0 = 0.0;
    }
    if buttons.pressed(MouseButton::Left) {
        drag.0 += motion.delta.length();
    }
    if !buttons.just_released(MouseButton::Left) || drag.0 > 4.0 {
        return;
    }
    let (Ok(window), Ok((camera, at))) = (windows.single(), cameras.single()) else {
        return;
    };
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let Ok(ray) = camera.viewport_to_world(at, cursor * scale.viewport_px_per_window_px(window))
    else {
        return;
    };
    let hit = pickables
        .iter()
        .filter_map(|(p, tf)| {
            let c = tf.translation();
            let along = (c - ray.origin).dot(*ray.direction);
            let off = (ray.origin + *ray.direction * along - c).length();
            (along > 0.0 && off < p.radius).then_some((along, p.what))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|h| h.1);
    if hit.is_some() {
        selection.0 = hit;
    }
}
