//! The HUD's charts: robots completed per hour over the last 48 h as bars
//! against the takt line; while the line is behind its undisrupted twin,
//! that shortfall hour by hour; and each part's on-hand stock as a bar
//! against its order-up-to level.

use bevy::prelude::*;

use super::panels::{Collapsible, HudPanel, set_node};
use crate::model::ModelRef;
use crate::time::HOUR;
use crate::view::control::twin::Twin;
use crate::view::render::plate::Plate;

/// Hours the output chart shows.
pub(crate) const HOURS: usize = 48;
/// Parts the stock chart has rows for.
pub(crate) const MAX_PARTS: usize = 8;
const CHART_H: f32 = 64.0;
const BAR_W: f32 = 5.0;
const STOCK_W: f32 = 170.0;
const GAP_H: f32 = 40.0;

/// The bar of the hour `HOURS - 1 - age` hours ago.
#[derive(Component)]
pub(crate) struct HourBar(pub usize);

/// The shortfall against the twin at the end of the hour `HOURS - 1 - age`
/// hours ago.
#[derive(Component)]
pub(crate) struct GapBar(pub usize);

/// The shortfall block (hidden while the line is level with its twin).
#[derive(Component)]
pub(crate) struct GapBlock;

/// The shortfall block's caption.
#[derive(Component)]
pub(crate) struct GapText;

/// The takt line across the output chart.
#[derive(Component)]
pub(crate) struct TaktLine;

/// Part `p`'s row, fill and caption in the stock chart.
#[derive(Component)]
pub(crate) struct StockRow(pub usize);
#[derive(Component)]
pub(crate) struct StockFill(pub usize);
#[derive(Component)]
pub(crate) struct StockText(pub usize);

fn text(s: &str, size: f32) -> impl Bundle {
    (
        Text::new(s),
        TextFont::from_font_size(size),
        TextColor(Color::WHITE),
    )
}

/// A row of `HOURS` bars standing on its bottom edge, `height` tall.
fn bar_row(height: f32) -> Node {
    Node {
        width: Val::Px(HOURS as f32 * (BAR_W + 1.0)),
        height: Val::Px(height),
        flex_direction: FlexDirection::Row,
        align_items: AlignItems::FlexEnd,
        column_gap: Val::Px(1.0),
        ..default()
    }
}

/// One bar of a row, empty until the first update.
fn bar(colour: Color) -> impl Bundle {
    (
        Node {
            width: Val::Px(BAR_W),
            height: Val::Px(0.0),
            ..default()
        },
        BackgroundColor(colour),
    )
}

/// Spawns the chart panel above the state legend.
pub(crate) fn spawn_charts(mut commands: Commands) {
    commands
        .spawn((
            HudPanel,
            Collapsible,
            Node {
                position_type: PositionType::Absolute,
                bottom: Val::Px(44.0),
                left: Val::Px(8.0),
                flex_direction: FlexDirection::Column,
                row_gap: Val::Px(4.0),
                padding: UiRect::all(Val::Px(8.0)),
                ..default()
            },
            Plate(Color::srgba(0.0, 0.0, 0.0, 0.6)),
        ))
        .with_children(|p| {
            p.spawn(text(
                "robots per hour, last 48 h (red: takt per working hour)",
                13.0,
            ));
            p.spawn(bar_row(CHART_H)).with_children(|bars| {
                for i in 0..HOURS {
                    bars.spawn((HourBar(i), bar(Color::srgb(0.3, 0.75, 0.35))));
                }
                bars.spawn((
                    TaktLine,
                    Node {
                        position_type: PositionType::Absolute,
                        left: Val::Px(0.0),
                        right: Val::Px(0.0),
                        height: Val::Px(2.0),
                        bottom: Val::Px(0.0),
                        ..default()
                    },
                    BackgroundColor(Color::srgb(0.95, 0.2, 0.2)),
                ));
            });
            p.spawn((
                GapBlock,
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: Val::Px(4.0),
                    display: Display::None,
                    ..default()
                },
            ))
            .with_children(|block| {
                block.spawn((GapText, text("", 13.0)));
                block.spawn(bar_row(GAP_H)).with_children(|bars| {
                    for i in 0..HOURS {
                        bars.spawn((GapBar(i), bar(Color::srgb(0.9, 0.25, 0.25))));
                    }
                });
            });
            p.spawn(text("on hand against order-up-to level", 13.0));
            for part in 0..MAX_PARTS {
                p.spawn((
                    StockRow(part),
                    Node {
                        flex_direction: FlexDirection::Row,
                        align_items: AlignItems::Center,
                        column_gap: Val::Px(6.0),
                        display: Display::None,
                        ..default()
                    },
                ))
                .with_children(|row| {
                    row.spawn((
                        Node {
                            width: Val::Px(STOCK_W),
                            height: Val::Px(10.0),
                            ..default()
                        },
                        BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.18)),
                    ))
                    .with_children(|track| {
                        track.spawn((
                            StockFill(part),
                            Node {
                                width: Val::Percent(0.0),
                                height: Val::Percent(100.0),
                                ..default()
                            },
                            BackgroundColor(Color::srgb(0.35, 0.6, 0.9)),
                        ));
                    });
                    row.spawn((StockText(part), text("", 12.0)));
                });
            }
        });
}

/// Refreshes both charts from the model.
#[allow(clippy::type_complexity)]
pub(crate) fn update_charts(
    model: ModelRef,
    mut bars: Query<
        (&HourBar, &mut Node, &mut BackgroundColor),
        (Without<TaktLine>, Without<StockFill>),
    >,
    mut takt: Query<&mut Node, (With<TaktLine>, Without<HourBar>, Without<StockFill>)>,
    mut rows: Query<
        (&StockRow, &mut Node),
        (Without<HourBar>, Without<TaktLine>, Without<StockFill>),
    >,
    mut fills: Query<
        (&StockFill, &mut Node, &mut BackgroundColor),
        (Without<HourBar>, Without<TaktLine>),
    >,
    mut texts: Query<(&StockText, &mut Text)>,
) {
    let rec = &*model.recorder;
    // Hour by hour the takt holds while the line works.
    let target = (crate::time::HOUR / model.spec.0.line.takt) as f32;
    let recent: Vec<f32> = rec
        .hours
        .iter()
        .rev()
        .take(HOURS)
        .map(|h| h.totals.completed as f32)
        .collect();
    let top = recent.iter().copied().fold(target * 2.0, f32::max).max(1.0);
    for (bar, mut node, mut colour) in &mut bars {
        let age = HOURS - 1 - bar.0;
        let v = recent.get(age).copied().unwrap_or(0.0);
        set_node(&mut node, |n| &mut n.height, Val::Px(v / top * CHART_H));
        let c = if v >= target {
            Color::srgb(0.3, 0.75, 0.35)
        } else {
            Color::srgb(0.95, 0.6, 0.15)
        };
        if colour.0 != c {
            colour.0 = c;
        }
    }
    for mut node in &mut takt {
        set_node(
            &mut node,
            |n| &mut n.bottom,
            Val::Px(target / top * CHART_H),
        );
    }
    let spec = &*model.spec.0;
    let level = |p: usize| {
        spec.routes
            .iter()
            .filter(|r| r.part.index() == p)
            .map(|r| r.order_up_to)
            .max()
            .unwrap_or(spec.parts[p].on_hand)
            .max(1)
    };
    // Rows beyond the scenario's parts take no room.
    for (row, mut node) in &mut rows {
        let want = if row.0 < spec.parts.len() {
            Display::Flex
        } else {
            Display::None
        };
        if node.display != want {
            node.display = want;
        }
    }
    for (fill, mut node, mut colour) in &mut fills {
        let Some(part) = model.supply.parts.get(fill.0) else {
            continue;
        };
        let share = (part.on_hand as f32 / level(fill.0) as f32).clamp(0.0, 1.0);
        set_node(&mut node, |n| &mut n.width, Val::Percent(share * 100.0));
        let c = if part.on_hand == 0 {
            Color::srgb(0.9, 0.2, 0.2)
        } else {
            Color::srgb(0.35, 0.6, 0.9)
        };
        if colour.0 != c {
            colour.0 = c;
        }
    }
    for (t, mut text) in &mut texts {
        let Some(part) = model.supply.parts.get(t.0) else {
            continue;
        };
        let part_spec = &spec.parts[t.0];
        let at = spec
            .holder_of(t.0)
            .map_or(String::new(), |h| format!(" at {h}"));
        let want = format!("{}{at} {} / {}", part_spec.name, part.on_hand, level(t.0));
        if text.0 != want {
            text.0 = want;
        }
    }
}

/// Refreshes the shortfall against the twin: robots behind it at each of
/// the last 48 hour ends, shown while any is above zero.
#[allow(clippy::type_complexity)]
pub(crate) fn update_gap(
    model: ModelRef,
    twin: Option<ResMut<Twin>>,
    mut block: Query<&mut Node, (With<GapBlock>, Without<GapBar>)>,
    mut caption: Query<&mut Text, With<GapText>>,
    mut bars: Query<(&GapBar, &mut Node), Without<GapBlock>>,
) {
    let Some(mut twin) = twin else {
        return;
    };
    let now = model.now();
    let done = |t: f64| model.recorder.completions.partition_point(|&c| c <= t);
    let last_hour = (now / HOUR).floor();
    // Now, then the last 48 hour ends (those before t = 0 count as level).
    let times: Vec<f64> = std::iter::once(now)
        .chain((0..HOURS).map(|age| (last_hour - age as f64) * HOUR))
        .collect();
    let twin_done = twin.completed_by_each(&times);
    let behind = |i: usize| twin_done[i] as i64 - done(times[i]) as i64;
    let behind_now = behind(0);
    let gaps: Vec<f32> = (1..=HOURS)
        .map(|i| {
            if times[i] < 0.0 {
                0.0
            } else {
                behind(i) as f32
            }
        })
        .collect();
    let shown = behind_now > 0 || gaps.iter().any(|&g| g > 0.0);
    for mut node in &mut block {
        let want = if shown { Display::Flex } else { Display::None };
        if node.display != want {
            node.display = want;
        }
    }
    if !shown {
        return;
    }
    let peak = gaps.iter().copied().fold(1.0, f32::max);
    for mut t in &mut caption {
        let want = format!(
            "behind the undisrupted twin: {behind_now} robots now, {peak:.0} at most in 48 h"
        );
        if t.0 != want {
            t.0 = want;
        }
    }
    for (bar, mut node) in &mut bars {
        let g = gaps[HOURS - 1 - bar.0].max(0.0);
        set_node(&mut node, |n| &mut n.height, Val::Px(g / peak * GAP_H));
    }
}
