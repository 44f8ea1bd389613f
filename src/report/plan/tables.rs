//! `candidates.csv`: a row per candidate evaluated, each lever's value in
//! a column named by its path, every amount per year in the currency named
//! in its column.

use crate::experiment::plan::{Answer, PlanOutcome};
use crate::report::csv_cell::{number, text_cell};

/// The table's bytes.
pub(super) fn csv(o: &PlanOutcome) -> Vec<u8> {
    let cur = if o.currency.is_empty() {
        "money".to_string()
    } else {
        o.currency.to_lowercase()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["candidate".to_string()];
    header.extend(o.space.levers.iter().map(|l| text_cell(&l.path)));
    for what in ["running", "eal", "normal", "total", "total_half_width"] {
        header.push(format!("{what}_{cur}_per_year"));
    }
    header.push("worst_node".into());
    header.push("worst_lost_95_robots".into());
    header.extend(["within_budget", "outages_ok", "feasible", "problem"].map(String::from));
    let _ = w.write_record(&header);
    for c in &o.candidates {
        let mut row = vec![c.number.to_string()];
        for l in &o.space.levers {
            // Today's plan has no lever settings: its own values.
            let v = c.settings.iter().find(|s| s.path == l.path);
            row.push(v.map_or("today".into(), |s| text_cell(&s.value)));
        }
        row.extend(
            [
                c.running,
                c.loss,
                c.normal,
                c.total.mean,
                c.total.half_width,
            ]
            .map(number),
        );
        let worst = c
            .outages
            .iter()
            .max_by(|a, b| a.lost_95.total_cmp(&b.lost_95));
        row.push(worst.map_or(String::new(), |n| text_cell(&n.node)));
        row.push(worst.map_or(String::new(), |n| number(n.lost_95)));
        row.push(c.within_budget.to_string());
        row.push(c.outages_ok.to_string());
        row.push(c.feasible().to_string());
        row.push(c.problem.as_deref().map_or(String::new(), text_cell));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}

/// The plan found, a row per lever (its path and value), where one was.
pub(super) fn plan_csv(o: &PlanOutcome) -> Option<Vec<u8>> {
    let Answer::Plan { winner, .. } = &o.answer else {
        return None;
    };
    let c = o.candidate(*winner);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["lever", "value"]);
    for l in &o.space.levers {
        let v = c.settings.iter().find(|s| s.path == l.path);
        let _ = w.write_record([
            text_cell(&l.path),
            v.map_or("today".into(), |s| text_cell(&s.value)),
        ]);
    }
    Some(w.into_inner().unwrap_or_default())
}
