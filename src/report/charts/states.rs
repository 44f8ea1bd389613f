//! The share of time each station spends in each state.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot_areas::plotted;
use super::{Chart, category, err, label, legend, title};
use crate::observe::ServerState;

/// A state's colour ([`ServerState::rgb`]) for plotters.
pub(crate) const fn colour(state: ServerState) -> RGBColor {
    let (r, g, b) = state.rgb();
    RGBColor(r, g, b)
}

/// State names and colours, in stacking order (every bar adds up to 100%).
pub(crate) const STATES: [(&str, RGBColor); 6] = [
    (ServerState::Busy.words(), colour(ServerState::Busy)),
    (ServerState::Blocked.words(), colour(ServerState::Blocked)),
    (ServerState::Starved.words(), colour(ServerState::Starved)),
    (
        ServerState::StarvedForParts.words(),
        colour(ServerState::StarvedForParts),
    ),
    (ServerState::Down.words(), colour(ServerState::Down)),
    (ServerState::OffShift.words(), colour(ServerState::OffShift)),
];

/// The y axis runs past 100% to leave the legend room above the bars.
const HEADROOM: f64 = 150.0;

/// Station states: one stacked bar per station.
pub(crate) struct StationStates {
    /// Caption above the chart.
    pub title: String,
    /// (station, fractions in [`STATES`] order).
    pub stations: Vec<(String, [f64; 6])>,
}

impl Chart for StationStates {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let n = self.stations.len().max(1);
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title(&self.title))
            .margin(20)
            .x_label_area_size(50)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..HEADROOM)
            .map(plotted)
            .map_err(err)?;
        let names: Vec<String> = self.stations.iter().map(|s| s.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n + 1)
            .x_label_formatter(&|x| category(&names, *x))
            .y_label_formatter(&|y| {
                if *y <= 100.0 {
                    format!("{y:.0}")
                } else {
                    String::new()
                }
            })
            .y_desc("share of time after warm-up [%]")
            .x_desc("station")
            .label_style(label())
            .axis_desc_style(label())
            .draw()
            .map_err(err)?;
        for (k, (state, colour)) in STATES.iter().enumerate() {
            let bars: Vec<Rectangle<(f64, f64)>> = self
                .stations
                .iter()
                .enumerate()
                .map(|(i, (_, f))| {
                    let below: f64 = f[..k].iter().sum::<f64>() * 100.0;
                    let x = i as f64;
                    Rectangle::new(
                        [(x - 0.35, below), (x + 0.35, below + f[k] * 100.0)],
                        colour.filled(),
                    )
                })
                .collect();
            let c = *colour;
            chart
                .draw_series(bars)
                .map_err(err)?
                .label(*state)
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 20, y + 6)], c.filled()));
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight, 18)
    }
}
