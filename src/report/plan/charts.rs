//! The plan search's charts: the frontier (every candidate by running cost
//! and EAL, today's plan and the winner marked) and the search's progress
//! (the best total by evaluation).

use std::path::Path;

use crate::experiment::plan::{Answer, PlanOutcome};
use crate::report::ChartId;
use crate::report::charts::resilience::{Curves, Point};
use crate::report::charts::scatter::{Group, Marker, Scatter};
use crate::report::charts::{self, ChartError, Saved, palette};

/// Writes both charts.
pub(super) fn write_charts(out: &Path, o: &PlanOutcome) -> Result<Vec<Saved>, ChartError> {
    let cur = &o.currency;
    let winner = match o.answer {
        Answer::Plan { winner, .. } => Some(winner),
        Answer::NoPlan { .. } => None,
    };
    let at = |pick: &dyn Fn(usize) -> bool| -> Vec<(f64, f64)> {
        o.candidates
            .iter()
            .filter(|c| pick(c.number))
            .map(|c| (c.running, c.loss))
            .collect()
    };
    let feasible = |n: usize| o.candidate(n).feasible();
    let mut groups = vec![
        Group {
            name: "candidate meeting the constraints".into(),
            colour: palette::DISRUPTED,
            marker: Marker::Dot,
            points: at(&|n| n != 0 && Some(n) != winner && feasible(n)),
        },
        Group {
            name: "candidate failing a constraint".into(),
            colour: palette::TWIN,
            marker: Marker::Cross,
            points: at(&|n| n != 0 && !feasible(n)),
        },
        Group {
            name: "today's plan".into(),
            colour: palette::TARGET,
            marker: Marker::Square,
            points: at(&|n| n == 0),
        },
    ];
    if let Some(w) = winner.filter(|&w| w != 0) {
        groups.push(Group {
            name: "the plan found".into(),
            colour: palette::CONTINGENT,
            marker: Marker::Triangle,
            points: at(&|n| n == w),
        });
    }
    groups.retain(|g| !g.points.is_empty());
    let mut saved = vec![charts::save(
        &Scatter {
            title: format!(
                "Running cost against expected annual loss: {} candidates over {} hazard years",
                o.candidates.len(),
                o.search_years
            ),
            x_desc: format!("running cost [{cur} a year]"),
            y_desc: format!("expected annual loss [{cur} a year]"),
            groups,
        },
        out,
        ChartId::PlanFrontier,
    )?];
    let best: Vec<Point> = o
        .best_by_evaluation
        .iter()
        .enumerate()
        .map(|(i, &b)| Point {
            x: i as f64,
            mean: b,
            low: f64::NAN,
            high: f64::NAN,
        })
        .collect();
    saved.push(charts::save(
        &Curves {
            title: "The search's progress: the best total found so far".into(),
            x_desc: "candidates evaluated (0: today's plan)".into(),
            y_desc: format!("best total annual cost [{cur} a year]"),
            curves: vec![("best meeting the constraints".into(), best)],
            fit_y: true,
        },
        out,
        ChartId::PlanProgress,
    )?);
    Ok(saved)
}
