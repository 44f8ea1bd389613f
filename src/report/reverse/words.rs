//! A combination in words: "Suzhou-Shanghai closed 0.6 TTR (14 h) with S3
//! down 0.25 TTR (2 h)", and how plausible it is.

use crate::experiment::reverse::{Combination, Failure};

/// What a node's failure is called, by its kind.
fn verb(f: &Failure, partial: bool) -> &'static str {
    match (f.kind, partial) {
        (_, true) => "slowed",
        ("route", _) => "closed",
        ("station", _) => "down",
        _ => "out",
    }
}

/// A duration in hours as a person says it: "2.5 h", "14 h", "97 h".
fn hours(h: f64) -> String {
    if h >= 10.0 {
        format!("{h:.0} h")
    } else {
        format!("{h:.1} h")
    }
}

/// Each node of `c` with how long it fails: "Wenzhou out for 30 h (0.42
/// TTR)", joined with "with"; `partial`: the nodes keep part of their
/// capacity.
pub fn described(c: &Combination, partial: bool) -> String {
    c.failures
        .iter()
        .map(|f| {
            format!(
                "{} {} for {} ({:.2} TTR)",
                f.node,
                verb(f, partial),
                hours(f.duration_h),
                f.ttrs
            )
        })
        .collect::<Vec<_>>()
        .join(" with ")
}

/// How plausible `c` is: "1 in 40 years at the scenario's hazard
/// frequencies" where every node has hazards, else the sum of its outages
/// in TTRs.
pub fn plausibility(c: &Combination) -> String {
    match (c.plausibility_per_year, c.sum_ttrs) {
        (Some(p), _) if p > 0.0 => {
            let years = 1.0 / p;
            let every = if years >= 10.0 {
                crate::report::money(years, "")
            } else {
                format!("{years:.1}")
            };
            format!("1 in {every} years at the scenario's hazard frequencies")
        }
        (Some(_), _) => "never at the scenario's hazard frequencies (no event that long)".into(),
        (None, Some(t)) => format!("{t:.2} TTRs in all (no hazard frequency for every node)"),
        (None, None) => "–".into(),
    }
}

/// [`plausibility`] in a table cell: "1 in 40 years", "0.93 TTRs", "never".
pub fn plausibility_short(c: &Combination) -> String {
    match (c.plausibility_per_year, c.sum_ttrs) {
        (Some(p), _) if p > 0.0 => {
            let years = 1.0 / p;
            if years >= 10.0 {
                format!("1 in {} years", crate::report::money(years, ""))
            } else {
                format!("1 in {years:.1} years")
            }
        }
        (Some(_), _) => "never (no hazard that long)".into(),
        (None, Some(t)) => format!("{t:.2} TTRs (no hazards)"),
        (None, None) => "–".into(),
    }
}
