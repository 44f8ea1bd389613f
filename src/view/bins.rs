//! The part bins at the factory dock, filled with on-hand stock.

use bevy::prelude::*;

use super::Stage;
use super::common::BinFill;
use super::layout::Layout;
use crate::model::Supply;

/// Bins fill with on-hand stock.
pub(super) fn fill_bins(
    supply: Res<Supply>,
    layout: Res<Layout>,
    mut bins: Query<(&BinFill, &mut Transform)>,
) {
    for (bin, mut tf) in &mut bins {
        let level = (supply.parts[bin.part].on_hand as f32 / bin.full).clamp(0.0, 1.0) * 1.4;
        let base = layout.bins[bin.part];
        tf.scale = Vec3::new(1.0, level.max(0.001), 1.0);
        tf.translation = base + Vec3::new(0.0, 0.3 + level / 2.0, 0.0);
    }
}

/// Bins show the stock on hand.
pub(super) struct BinsPlugin;

impl Plugin for BinsPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, fill_bins.in_set(Stage::Project));
    }
}
