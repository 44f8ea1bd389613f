//! The heads-up display: clock, speed, output against the takt with a small
//! history, active disruptions, station states; the legend; the help
//! overlay; the selected object's figures; reload errors.

use bevy::prelude::*;

use crate::model::ModelRef;
use crate::observe::ServerState;
use crate::time::{DAY, HOUR, format_clock};
use crate::view::common::{
    HelpShown, HudCollapsed, MODEL_COLOURS, Picked, ReloadError, Selection, state_colour,
    station_state,
};
use crate::view::control::clock::{SPEEDS, ViewClock};
use crate::view::control::keys;
use crate::view::render::plate::Plate;

/// Which HUD text a node shows.
#[derive(Component, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HudText {
    Status,
    Selection,
    Help,
    Error,
}

/// A HUD panel: scene labels are laid out around it, never under it.
#[derive(Component)]
pub(crate) struct HudPanel;

/// Sets one length of a node, marking the node changed only if it differs:
/// a changed node makes the UI lay itself out again that frame.
pub(crate) fn set_node(node: &mut Mut<Node>, field: impl Fn(&mut Node) -> &mut Val, value: Val) {
    if *field(node.bypass_change_detection()) != value {
        *field(node.as_mut()) = value;
    }
}

/// A panel that Tab folds away.
#[derive(Component)]
pub(crate) struct Collapsible;

/// The HUD's scale in a window of this logical size: 1 from 1280 x 720 up,
/// smaller in a smaller window (down to 0.6, still legible), so that its
/// panels leave the scene room.
pub(crate) fn hud_scale(width: f32, height: f32) -> f32 {
    (width / 1280.0).min(height / 720.0).clamp(0.6, 1.0)
}

/// Scales the HUD to the window.
pub(crate) fn fit_hud(
    windows: Query<&Window, With<bevy::window::PrimaryWindow>>,
    mut scale: ResMut<UiScale>,
) {
    let Ok(window) = windows.single() else {
        return;
    };
    let want = hud_scale(window.width(), window.height());
    if (scale.0 - want).abs() > 1e-3 {
        scale.0 = want;
    }
}

/// Folds the collapsible panels away or back (the status panel's
/// visibility is `update_hud`'s).
pub(crate) fn collapse_panels(
    collapsed: Res<HudCollapsed>,
    mut panels: Query<&mut Visibility, (With<Collapsible>, Without<HudText>)>,
) {
    if !collapsed.is_changed() {
        return;
    }
    let want = if collapsed.0 {
        Visibility::Hidden
    } else {
        Visibility::Inherited
    };
    for mut vis in &mut panels {
        vis.set_if_neq(want);
    }
}

fn panel(top: Val, left: Option<Val>, right: Option<Val>) -> Node {
    Node {
        position_type: PositionType::Absolute,
        top,
        left: left.unwrap_or(Val::Auto),
        right: right.unwrap_or(Val::Auto),
        padding: UiRect::all(Val::Px(8.0)),
        ..default()
    }
}

/// Spawns the HUD's text panels and the state legend.
pub(crate) fn spawn_hud(mut commands: Commands) {
    let bg = Plate(Color::srgba(0.0, 0.0, 0.0, 0.6));
    commands.spawn((
        HudPanel,
        Collapsible,
        HudText::Status,
        Text::new(""),
        TextFont::from_font_size(13.0),
        TextColor(Color::WHITE),
        panel(Val::Px(8.0), Some(Val::Px(8.0)), None),
        bg,
    ));
    commands.spawn((
        HudPanel,
        HudText::Selection,
        Text::new(""),
        TextFont::from_font_size(15.0),
        TextColor(Color::WHITE),
        panel(Val::Px(8.0), None, Some(Val::Px(8.0))),
        bg,
        Visibility::Hidden,
    ));
    commands.spawn((
        HudText::Help,
        Text::new(keys::help()),
        TextFont::from_font_size(16.0),
        TextColor(Color::WHITE),
        panel(Val::Percent(35.0), Some(Val::Percent(25.0)), None),
        Plate(Color::srgba(0.0, 0.0, 0.0, 0.8)),
        Visibility::Hidden,
    ));
    commands.spawn((
        HudText::Error,
        Text::new(""),
        TextFont::from_font_size(15.0),
        TextColor(Color::srgb(1.0, 0.85, 0.85)),
        Node {
            position_type: PositionType::Absolute,
            bottom: Val::Px(60.0),
            left: Val::Px(8.0),
            right: Val::Px(8.0),
            padding: UiRect::all(Val::Px(8.0)),
            ..default()
        },
        Plate(Color::srgba(0.55, 0.0, 0.0, 0.85)),
        Visibility::Hidden,
    ));
    commands
        .spawn((
            HudPanel,
            Collapsible,
            Node {
                position_type: PositionType::Absolute,
                bottom: Val::Px(8.0),
                left: Val::Px(8.0),
                padding: UiRect::all(Val::Px(6.0)),
                column_gap: Val::Px(12.0),
                align_items: AlignItems::Center,
                ..default()
            },
            bg,
        ))
        .with_children(|row| {
            for state in ServerState::ALL {
                row.spawn((
                    Node {
                        width: Val::Px(14.0),
                        height: Val::Px(14.0),
                        ..default()
                    },
                    BackgroundColor(state_colour(state)),
                ));
                row.spawn((
                    Text::new(state.label().replace('_', " ")),
                    TextFont::from_font_size(14.0),
                    TextColor(Color::WHITE),
                ));
            }
            row.spawn((
                Text::new("   H: help"),
                TextFont::from_font_size(14.0),
                TextColor(Color::srgb(0.8, 0.8, 0.8)),
            ));
        });
}

/// The status panel's text.
pub(crate) fn status_text(view: &ViewClock, model: &ModelRef) -> String {
    let (line, rec, dis) = (&*model.line, &*model.recorder, &*model.disruptions);
    let spec = &*model.spec.0;
    let now = model.now();
    let s = spec;
    let speed = SPEEDS[view.speed];
    let speed_txt = if speed.is_finite() {
        format!("{speed:.0}x")
    } else {
        "as fast as possible".into()
    };
    let state = if now >= model.kernel.horizon {
        "horizon reached".to_string()
    } else if view.paused {
        "paused".into()
    } else {
        speed_txt
    };
    let done = rec.completions.len();
    let rolling = done - rec.completions.partition_point(|&c| c <= now - DAY);
    // Against what fell due in the same 24 h: the takt counts the line's
    // working time only, so a flat 5 an hour would misstate a two-shift day.
    let due = &rec.due_instants;
    let due_24 = due.partition_point(|&d| d <= now) - due.partition_point(|&d| d <= now - DAY);
    let per_working_hour = if s.line.work.is_some() {
        " working"
    } else {
        ""
    };
    let mut t = format!(
        "{}\n{}  |  {state}\ncompleted {done} of {} due  |  backlog {}\nlast 24 h: {rolling} robots of {due_24} due ({:.2} / h; takt {:.1} per{per_working_hour} hour)\n",
        s.name,
        format_clock(now),
        rec.due,
        rec.due as i64 - done as i64,
        rolling as f64 / (now.clamp(1.0, DAY) / HOUR),
        HOUR / s.line.takt,
    );
    if !s.line.models.is_empty() {
        let names: Vec<String> = s
            .line
            .models
            .iter()
            .enumerate()
            .map(|(m, model)| {
                let colour = MODEL_COLOURS[m % MODEL_COLOURS.len()].0;
                let done = rec.models.get(m).map_or(0, |t| t.completed);
                format!("{} ({colour}) {done}", model.name)
            })
            .collect();
        t.push_str(&format!("models done: {}\n", names.join(", ")));
    }
    if s.line.work.is_some() {
        t.push_str(if line.in_overtime {
            "line in OVERTIME (behind schedule)\n"
        } else if line.off_shift {
            "line off shift\n"
        } else {
            "line on shift\n"
        });
    }
    if view.behind > 1.0 && !view.paused {
        t.push_str(&format!(
            "FALLING BEHIND: {:.0} s of simulated time short this frame\n",
            view.behind
        ));
    }
    let active: Vec<String> = spec
        .disruptions
        .iter()
        .zip(&dis.active)
        .filter(|(_, a)| **a > 0)
        .map(|(d, _)| d.name.clone())
        .collect();
    t.push_str(&format!(
        "disruptions now: {}\n",
        if active.is_empty() {
            "none".into()
        } else {
            active.join(", ")
        }
    ));
    let keys: Vec<String> = spec
        .disruptions
        .iter()
        .enumerate()
        .take(9)
        .map(|(i, d)| format!("{}: {}", i + 1, d.name))
        .collect();
    if !keys.is_empty() {
        t.push_str(&format!("trigger now: {}\n", keys.join("  ")));
    }
    let hour = rec.hours.last();
    for k in 0..line.stations.len() {
        let st = &line.stations[k];
        let busy = hour.map_or(0.0, |h| h.station_states[k][ServerState::Busy.index()]);
        t.push_str(&format!(
            "{:<4} {:<14} busy {:>3.0}% last hour   queue {}\n",
            st.name,
            station_state(line, k).label().replace('_', " "),
            busy * 100.0,
            st.buffer.len()
        ));
    }
    t.push_str(&format!(
        "release backlog {}  |  robots in line {}",
        line.backlog.len(),
        line.wip()
    ));
    t
}

/// The selection panel's text.
pub(crate) fn selection_text(model: &ModelRef, picked: Picked) -> String {
    let (line, supply, rec) = (&*model.line, &*model.supply, &*model.recorder);
    let spec = &*model.spec.0;
    let now = model.now();
    match picked {
        Picked::Station(k) => {
            let st = &line.stations[k];
            let mut t = format!(
                "station {}\nstate: {}\nrobots started: {}\nin buffer: {}",
                st.name,
                station_state(line, k).label(),
                st.started,
                st.buffer.len()
            );
            if let Some(h) = rec.hours.last() {
                for state in ServerState::ALL {
                    t.push_str(&format!(
                        "\n{}: {:.0}% of the last hour",
                        state.label(),
                        h.station_states[k][state.index()] * 100.0
                    ));
                }
            }
            t
        }
        Picked::Bin(p) => {
            let part = &supply.parts[p];
            let at = spec.holder_of(p).unwrap_or("the factory");
            format!(
                "{} at {at}\non hand {}\nin transit {}\nreceived {}\nconsumed {}\nstockout hours (after warm-up) {:.1}",
                spec.parts[p].name,
                part.on_hand,
                part.in_transit,
                part.received,
                part.consumed,
                rec.stockout[p] / HOUR
            )
        }
        Picked::Truck(id) => match supply.trucks.iter().find(|t| t.id == id) {
            Some(t) => format!(
                "{}truck {id} on {}\ncarrying {} {}\nleft {}\narrives {}\n{:.0}% of the way",
                match spec.routes[t.route].policy {
                    crate::scenario::Policy::Emergency { .. } => "emergency ",
                    crate::scenario::Policy::Backup { .. } => "backup ",
                    _ => "",
                },
                spec.routes[t.route].name,
                t.quantity,
                spec.parts[t.part].name,
                format_clock(t.departed),
                format_clock(t.arrives),
                ((now - t.departed) / (t.arrives - t.departed) * 100.0).clamp(0.0, 100.0)
            ),
            None => format!("truck {id} has arrived"),
        },
        Picked::Supplier(i) => {
            let s = &supply.suppliers[i];
            let (stock, _) = supply.supplier_stock_at(crate::scenario::SupplierId::new(i), now);
            format!(
                "supplier {}\nmakes {}\n{}\nfinished goods about {:.0} of {:.0}\nrate {:.1} / h",
                spec.suppliers[i].name,
                spec.parts[spec.suppliers[i].part].name,
                if s.outages > 0 {
                    "OUTAGE: production stopped"
                } else {
                    "producing"
                },
                stock,
                s.cap,
                s.rate * HOUR
            )
        }
    }
}

/// Refreshes every HUD text.
pub(crate) fn update_hud(
    view: Res<ViewClock>,
    model: ModelRef,
    selection: Res<Selection>,
    help: Res<HelpShown>,
    collapsed: Res<HudCollapsed>,
    error: Res<ReloadError>,
    mut texts: Query<(&HudText, &mut Text, &mut Visibility)>,
) {
    for (kind, mut text, mut vis) in &mut texts {
        let (content, shown) = match kind {
            // Not written while folded away: no text to lay out.
            HudText::Status => (
                (!collapsed.0).then(|| status_text(&view, &model)),
                !collapsed.0,
            ),
            HudText::Selection => (
                selection.0.map(|p| selection_text(&model, p)),
                selection.0.is_some(),
            ),
            HudText::Help => (None, help.0),
            HudText::Error => (
                error.0.clone().map(|e| {
                    format!("scenario not reloaded, still running the last good one:\n{e}")
                }),
                error.0.is_some(),
            ),
        };
        if let Some(c) = content
            && text.0 != c
        {
            text.0 = c;
        }
        let want = if shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if *vis != want {
            *vis = want;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::ecs::system::RunSystemOnce;

    fn set_height(world: &mut World, px: f32) -> bool {
        world.clear_trackers();
        world
            .run_system_once(move |mut nodes: Query<&mut Node>| {
                for mut node in &mut nodes {
                    set_node(&mut node, |n| &mut n.height, Val::Px(px));
                }
            })
            .unwrap();
        let mut changed = world.query_filtered::<(), Changed<Node>>();
        changed.iter(world).count() > 0
    }

    #[test]
    fn the_hud_shrinks_with_a_smaller_window_but_stays_legible() {
        assert_eq!(hud_scale(1280.0, 720.0), 1.0);
        assert_eq!(hud_scale(1920.0, 1080.0), 1.0, "never enlarged");
        assert_eq!(hud_scale(960.0, 540.0), 0.75);
        assert_eq!(hud_scale(1280.0, 540.0), 0.75, "the tighter side counts");
        assert_eq!(hud_scale(480.0, 270.0), 0.6, "no smaller than 0.6");
    }

    #[test]
    fn folding_the_hud_hides_its_collapsible_panels_but_leaves_the_status_text_to_update_hud() {
        let mut app = App::new();
        app.add_plugins(MinimalPlugins)
            .init_resource::<HudCollapsed>()
            .add_systems(Update, collapse_panels);
        let chart = app
            .world_mut()
            .spawn((Collapsible, Visibility::default()))
            .id();
        let other = app.world_mut().spawn(Visibility::default()).id();
        let status = app
            .world_mut()
            .spawn((Collapsible, HudText::Status, Visibility::default()))
            .id();
        let vis = |app: &App, e| *app.world().get::<Visibility>(e).unwrap();
        app.update();
        assert_eq!(vis(&app, chart), Visibility::Inherited);
        app.world_mut().resource_mut::<HudCollapsed>().0 = true;
        app.update();
        assert_eq!(vis(&app, chart), Visibility::Hidden);
        assert_eq!(
            vis(&app, other),
            Visibility::Inherited,
            "only collapsible panels"
        );
        assert_eq!(
            vis(&app, status),
            Visibility::Inherited,
            "update_hud's to set"
        );
        app.world_mut().resource_mut::<HudCollapsed>().0 = false;
        app.update();
        assert_eq!(vis(&app, chart), Visibility::Inherited);
    }

    #[test]
    fn a_node_set_to_the_length_it_has_is_not_marked_changed() {
        let mut world = World::new();
        world.spawn(Node {
            height: Val::Px(5.0),
            ..default()
        });
        assert!(
            !set_height(&mut world, 5.0),
            "the same length: no new layout"
        );
        assert!(set_height(&mut world, 6.0), "a new length is laid out");
        let mut nodes = world.query::<&Node>();
        assert_eq!(nodes.single(&world).unwrap().height, Val::Px(6.0));
    }
}
