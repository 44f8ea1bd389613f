//! The reverse stress test's chart: each breaking combination's shortest
//! outage (a multiple of every failing node's TTR), grouped by how many
//! nodes fail together, mildest first.

use std::path::Path;

use crate::experiment::reverse::ReverseResult;
use crate::report::ChartId;
use crate::report::charts::ranked::RankedBars;
use crate::report::charts::{self, ChartError, Saved};

/// Combinations drawn per number of nodes failing.
const PER_SECTION: usize = 8;
/// Longest name drawn beside a bar, in characters.
const NAME_CHARS: usize = 52;

fn short(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        name.to_string()
    } else {
        let cut: String = name.chars().take(NAME_CHARS - 1).collect();
        format!("{cut}…")
    }
}

/// The chart of breaking outages; none where nothing breaks.
pub fn write_charts(out: &Path, result: &ReverseResult) -> Result<Vec<Saved>, ChartError> {
    let mut sections = Vec::new();
    for k in 1..=result.k {
        let mut items: Vec<(String, f64)> = result
            .mildest()
            .filter(|c| c.k == k)
            .filter_map(|c| Some((short(&c.name), c.breaking_ttrs?)))
            .collect();
        let all = items.len();
        items.sort_by(|a, b| a.1.total_cmp(&b.1));
        items.truncate(PER_SECTION);
        let heading = if k == 1 {
            "1 node failing alone".to_string()
        } else {
            format!("{k} nodes failing together")
        };
        let shown = if all > items.len() {
            format!(" (the {} mildest of {all})", items.len())
        } else if all == 0 && k > 1 {
            ": none breaks sooner than a part of it alone".to_string()
        } else if all == 0 {
            ": none breaks the target alone".to_string()
        } else {
            String::new()
        };
        sections.push((format!("{heading}{shown}"), items));
    }
    if result.mildest().next().is_none() {
        return Ok(Vec::new());
    }
    Ok(vec![charts::save(
        &RankedBars {
            title: format!(
                "Shortest outage losing {} robots in {} of replications",
                result.lose,
                crate::report::percent(result.share)
            ),
            x_desc: "outage, times each failing node's time to recover (TTR)".into(),
            sections,
        },
        out,
        ChartId::ReverseBreaking,
    )?])
}
