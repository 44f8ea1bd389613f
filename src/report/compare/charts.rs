//! The comparison's charts: each plan's yearly cost (running, EAL, total)
//! with intervals, the loss-exceedance curves of all plans on one chart,
//! and running cost against EAL, a point per plan.

use std::path::Path;

use crate::experiment::compare::{Comparison, RUNNING_KINDS};
use crate::report::ChartId;
use crate::report::charts::resilience::{Curves, Point};
use crate::report::charts::stacked::StackedBars;
use crate::report::charts::{self, ChartError, Saved};
use crate::stats::Estimate;

fn point(x: f64, e: &Estimate) -> Point {
    let (low, high) = if e.half_width.is_finite() {
        (e.low, e.high)
    } else {
        (e.mean, e.mean)
    };
    Point {
        x,
        mean: e.mean,
        low,
        high,
    }
}

/// Writes the three charts.
pub(super) fn write_charts(out: &Path, c: &Comparison) -> Result<Vec<Saved>, ChartError> {
    let cur = &c.currency;
    let groups: Vec<String> = c.plans.iter().map(|p| p.plan.clone()).collect();
    let kind = |name: &str, f: &dyn Fn(usize) -> f64| {
        (
            name.to_string(),
            (0..c.plans.len()).map(f).collect::<Vec<f64>>(),
        )
    };
    let r = |i: usize| &c.plans[i].running;
    let mut saved = vec![charts::save(
        &StackedBars {
            title: format!(
                "What each plan costs a year, by kind: running cost + expected annual loss ({} hazard years)",
                c.years
            ),
            groups,
            y_desc: format!("{cur} a year (mean; bar: 95% interval of the total)"),
            parts: (0..RUNNING_KINDS.len())
                .map(|k| kind(RUNNING_KINDS[k], &|i| r(i).kinds()[k].1.mean))
                .chain([kind("expected annual loss", &|i| {
                    c.plans[i].annual_loss.expected.mean
                })])
                .collect(),
            totals: (0..c.plans.len())
                .map(|i| point(0.0, &c.plans[i].total))
                .collect(),
        },
        out,
        ChartId::CompareTotals,
    )?];
    saved.push(charts::save(
        &Curves {
            title: "Loss-exceedance: the share of years losing at least so much".into(),
            x_desc: format!("annual loss [{cur}]"),
            y_desc: "share of hazard years with at least this loss".into(),
            curves: c
                .plans
                .iter()
                .map(|p| {
                    let pts = p
                        .annual_loss
                        .exceedance
                        .iter()
                        .rev()
                        .map(|&(x, share)| Point {
                            x,
                            mean: share,
                            low: f64::NAN,
                            high: f64::NAN,
                        })
                        .collect();
                    (p.plan.clone(), pts)
                })
                .collect(),
            fit_y: false,
        },
        out,
        ChartId::CompareExceedance,
    )?);
    saved.push(charts::save(
        &Curves {
            title: "Running cost against expected annual loss: down and left is better".into(),
            x_desc: format!("running cost [{cur} a year]"),
            y_desc: format!("expected annual loss [{cur} a year], 95% interval"),
            curves: c
                .plans
                .iter()
                .map(|p| {
                    (
                        p.plan.clone(),
                        vec![point(p.running.total.mean, &p.annual_loss.expected)],
                    )
                })
                .collect(),
            fit_y: false,
        },
        out,
        ChartId::CompareRunningVsLoss,
    )?);
    Ok(saved)
}
