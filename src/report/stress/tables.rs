//! The stress test's tables: `stress.csv`, a row per node, and
//! `stress.json` with the whole result.

use std::path::{Path, PathBuf};

use crate::atomic_file::{WriteError, write as write_atomic};
use crate::experiment::stress::StressResult;
use crate::report::csv_cell::{number, text_cell};
use crate::report::parquet::write_csv_and_parquet;
use crate::report::workbook::{Sheet, write_workbook};
use crate::stats::figures::Paired;

/// Writes `stress.csv` (and `stress.parquet`, amounts in `currency`),
/// `stress.json` and the ranking as `summary.xlsx`; returns their paths.
pub fn write_tables(
    out: &Path,
    result: &StressResult,
    currency: &str,
) -> Result<Vec<PathBuf>, WriteError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "rank",
        "node",
        "kind",
        "ttr_h",
        "tts_mean_h",
        "tts_half_width_h",
        "p_survived",
        "tts_p5_h",
        "tts_censored_mean_h",
        "longest_harmless_h",
        "harmless_to_horizon",
        "at_risk",
        "robots_lost_at_ttr",
        "peak_shortfall_at_ttr",
        "delay_robot_h_at_ttr",
        "cost_at_ttr",
        "caught_up_share_at_ttr",
        "advice",
        "extra_days_of_cover",
        "holding_cost_per_year",
    ];
    let _ = w.write_record(header);
    for (k, n) in result.nodes.iter().enumerate() {
        let advice = n.advice.as_ref();
        let _ = w.write_record([
            (k + 1).to_string(),
            text_cell(&n.node),
            n.kind.to_string(),
            format!("{}", n.ttr_h),
            number(n.tts_h.estimate.mean),
            number(n.tts_h.estimate.half_width),
            format!("{}", n.tts_h.share_undefined),
            number(n.tts_p5_h),
            format!("{}", n.tts_censored_mean_h),
            format!("{}", n.longest_harmless_h),
            n.harmless_to_horizon.to_string(),
            n.at_risk.to_string(),
            number(n.impact(Paired::RobotsLost)),
            number(n.impact(Paired::PeakShortfall)),
            number(n.impact(Paired::DelayRobotH)),
            number(n.impact(Paired::Cost)),
            number(n.impact(Paired::CaughtUp)),
            advice.map_or(String::new(), |a| text_cell(&a.verdict)),
            number(advice.and_then(|a| a.extra_days_of_cover)),
            number(advice.and_then(|a| a.holding_cost_per_year)),
        ]);
    }
    let csv = w.into_inner().unwrap_or_default();
    let mut files = write_csv_and_parquet(&out.join("stress.csv"), &csv, currency)?.to_vec();
    let ranking = Sheet {
        name: "Stress ranking",
        about: format!(
            "a row per node (supplier, route, station, group), most harmful first by {} \
             of an outage as long as its time to recover (TTR); its time to survive (TTS) \
             and the impact at its TTR, paired with the undisrupted twin",
            result.ranked_by
        ),
        csv,
    };
    files.push(write_workbook(
        out,
        &format!("Stress test: {}", result.scenario),
        &[],
        &[ranking],
        currency,
    )?);
    let json_path = out.join("stress.json");
    let mut json = serde_json::to_vec_pretty(result).unwrap_or_default();
    json.push(b'\n');
    write_atomic(&json_path, &json)?;
    files.push(json_path);
    Ok(files)
}
