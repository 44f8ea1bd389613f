//! Keyboard controls and click selection.

use bevy::input::mouse::AccumulatedMouseMotion;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::clock::{SPEEDS, ViewClock, restart, step_to_next_event};
use super::common::Pickable;
use super::hud::{HelpShown, HudCollapsed, Selection};
use crate::model::ModelMut;

/// Pause, speed, step, restart, live disruptions, the HUD's panels and help.
pub(super) fn keyboard(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    mut view: ResMut<ViewClock>,
    mut model: ModelMut,
    mut help: ResMut<HelpShown>,
    mut collapsed: ResMut<HudCollapsed>,
    mut selection: ResMut<Selection>,
) {
    if keys.just_pressed(KeyCode::Space) {
        view.paused = !view.paused;
    }
    if keys.any_just_pressed([KeyCode::ArrowUp, KeyCode::Equal, KeyCode::NumpadAdd]) {
        view.speed = (view.speed + 1).min(SPEEDS.len() - 1);
    }
    if keys.any_just_pressed([KeyCode::ArrowDown, KeyCode::Minus, KeyCode::NumpadSubtract]) {
        view.speed = view.speed.saturating_sub(1);
    }
    if keys.just_pressed(KeyCode::KeyN) && view.paused {
        step_to_next_event(&mut model);
    }
    if keys.just_pressed(KeyCode::KeyR) {
        restart(&mut commands, view.fresh_model());
    }
    if keys.just_pressed(KeyCode::KeyH) {
        help.0 = !help.0;
    }
    if keys.just_pressed(KeyCode::Tab) {
        collapsed.0 = !collapsed.0;
    }
    if keys.just_pressed(KeyCode::Escape) {
        selection.0 = None;
    }
    const DIGITS: [KeyCode; 9] = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ];
    for (d, key) in DIGITS.iter().enumerate() {
        if keys.just_pressed(*key) {
            model.trigger_disruption(d);
        }
    }
}

/// How far the mouse moved while the left button was held.
#[derive(Resource, Default)]
pub(super) struct Drag(f32);

/// A left click that did not drag selects the nearest object under the cursor.
#[allow(clippy::too_many_arguments)] // a bevy system: each parameter is one resource or query
pub(super) fn pick(
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    mut drag: ResMut<Drag>,
    windows: Query<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    pickables: Query<(&Pickable, &GlobalTransform)>,
    mut selection: ResMut<Selection>,
    scale: Res<super::scene_image::RenderScale>,
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
