//! Scene labels: UI texts that follow points of the 3D scene, placed each
//! frame where they overlap neither a label of higher priority nor a HUD
//! panel.

use bevy::prelude::*;

use super::common::Label3d;
use super::hud::{HudPanel, set_node};
use super::render::plate::Plate;
use super::render::scene_image::RenderScale;

/// A UI text used as a scene label.
pub(super) fn label(text: &str, size: f32) -> impl Bundle {
    (
        Text::new(text),
        TextFont::from_font_size(size),
        TextColor(Color::WHITE),
        Plate(Color::srgba(0.05, 0.07, 0.1, 0.55)),
        Node {
            padding: UiRect::axes(Val::Px(4.0), Val::Px(1.0)),
            position_type: PositionType::Absolute,
            ..default()
        },
    )
}

/// A rectangle on screen [the UI's logical px]: left, top, right, bottom.
type Rect2 = (f32, f32, f32, f32);

fn overlaps(a: Rect2, b: Rect2) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Keeps scene labels over the points they name, drawn once each: a label
/// that would overlap one of higher priority (or a HUD panel) moves down
/// in steps of its height, and hides if it finds no free place nearby.
pub(super) fn place_labels(
    camera: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    scale: Res<RenderScale>,
    ui_scale: Res<UiScale>,
    windows: Query<&Window>,
    panels: Query<(&Node, &ComputedNode, &InheritedVisibility), With<HudPanel>>,
    mut labels: Query<(&Label3d, &mut Node, &mut Visibility, &ComputedNode), Without<HudPanel>>,
) {
    let Ok((camera, at)) = camera.single() else {
        return;
    };
    // In the UI's units, which a smaller window's HUD scale enlarges.
    let (w, h, per_px) = windows.iter().next().map_or((1280.0, 720.0, scale.0), |w| {
        (w.width(), w.height(), scale.viewport_px_per_window_px(w))
    });
    let (w, h) = (w / ui_scale.0, h / ui_scale.0);
    let px = |v: Val| match v {
        Val::Px(p) => Some(p),
        _ => None,
    };
    let mut taken: Vec<Rect2> = panels
        .iter()
        .filter(|(_, _, vis)| vis.get())
        .map(|(node, c, _)| {
            let size = c.size() * c.inverse_scale_factor();
            let left = px(node.left).unwrap_or_else(|| w - px(node.right).unwrap_or(0.0) - size.x);
            let top = px(node.top).unwrap_or_else(|| h - px(node.bottom).unwrap_or(0.0) - size.y);
            (left, top, left + size.x, top + size.y)
        })
        .collect();
    let mut order: Vec<_> = labels.iter_mut().collect();
    order.sort_by_key(|(l, ..)| std::cmp::Reverse(l.priority));
    for (label, node, vis, computed) in order {
        let (mut node, mut vis) = (node, vis);
        if label.hidden {
            vis.set_if_neq(Visibility::Hidden);
            continue;
        }
        let Ok(p) = camera.world_to_viewport(at, label.at) else {
            vis.set_if_neq(Visibility::Hidden);
            continue;
        };
        let p = p / per_px / ui_scale.0;
        if p.x < 0.0 || p.x > w || p.y < 0.0 || p.y > h {
            vis.set_if_neq(Visibility::Hidden);
            continue;
        }
        let size = computed.size() * computed.inverse_scale_factor();
        let mut place = None;
        // Inside the window, however near its edge the point is.
        let left = (p.x - size.x / 2.0).clamp(0.0, (w - size.x).max(0.0));
        for step in 0..4 {
            let top = p.y - size.y / 2.0 + step as f32 * (size.y + 2.0);
            let r = (left, top, left + size.x, top + size.y);
            if !taken.iter().any(|t| overlaps(*t, r)) {
                place = Some(r);
                break;
            }
        }
        match place {
            Some(r) => {
                taken.push(r);
                set_node(&mut node, |n| &mut n.left, Val::Px(r.0));
                set_node(&mut node, |n| &mut n.top, Val::Px(r.1));
                vis.set_if_neq(Visibility::Inherited);
            }
            None => {
                vis.set_if_neq(Visibility::Hidden);
            }
        }
    }
}

/// Scene labels placed each frame: after the camera's transform is
/// propagated, before the UI is laid out with the labels' new places.
pub(super) struct LabelsPlugin;

impl Plugin for LabelsPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            PostUpdate,
            place_labels
                .after(bevy::transform::TransformSystems::Propagate)
                .before(bevy::ui::UiSystems::Layout),
        );
    }
}
