//! `compare.csv`: a row per plan, every amount per year in the currency
//! named in its column.

use crate::experiment::compare::{Comparison, RUNNING_KINDS};
use crate::report::csv_cell::{number, text_cell};
use crate::stats::Estimate;

/// The table's bytes.
pub(crate) fn csv(c: &Comparison) -> Vec<u8> {
    let cur = if c.currency.is_empty() {
        "money".to_string()
    } else {
        c.currency.to_lowercase()
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["plan".to_string(), "source".into(), "years".into()];
    for kind in RUNNING_KINDS.iter().chain(&["running"]) {
        header.push(format!("{kind}_{cur}_per_year"));
    }
    for what in ["eal", "total"] {
        header.push(format!("{what}_{cur}_per_year"));
        header.push(format!("{what}_half_width_{cur}_per_year"));
    }
    header.push(format!("var_95_{cur}"));
    header.push(format!("cvar_95_{cur}"));
    header.push(format!("minus_base_{cur}_per_year"));
    header.push(format!("minus_base_half_width_{cur}_per_year"));
    header.push(format!("minus_cheapest_{cur}_per_year"));
    header.push(format!("minus_cheapest_half_width_{cur}_per_year"));
    header.push("on_time_share".into());
    header.push("on_time_share_half_width".into());
    let _ = w.write_record(&header);
    let pair = |e: Option<&Estimate>| {
        e.map_or([String::new(), String::new()], |e| {
            [number(e.mean), number(e.half_width)]
        })
    };
    for p in &c.plans {
        let r = &p.running;
        let mut row = vec![
            text_cell(&p.plan),
            text_cell(&p.source),
            p.years.len().to_string(),
        ];
        for (_, e) in r.kinds().into_iter().chain([("running", &r.total)]) {
            row.push(number(e.mean));
        }
        row.extend([
            number(p.annual_loss.expected.mean),
            number(p.annual_loss.expected.half_width),
        ]);
        row.extend([number(p.total.mean), number(p.total.half_width)]);
        row.extend([number(p.annual_loss.var_95), number(p.annual_loss.cvar_95)]);
        let base = c.against_base.iter().find(|d| d.plan == p.plan);
        row.extend(pair(base.map(|d| &d.estimate)));
        let cheap = c.against_cheapest.iter().find(|d| d.plan == p.plan);
        row.extend(pair(cheap.map(|d| &d.estimate)));
        row.extend(pair(Some(&p.on_time)));
        let _ = w.write_record(&row);
    }
    w.into_inner().unwrap_or_default()
}
