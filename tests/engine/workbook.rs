//! `summary.xlsx`, read back with calamine: each sheet of a table is that
//! table (the CSV's columns in order, a heading naming each unit, every
//! number to the bit, empty cells empty), the study's sheets are its
//! `summary.json`, and a name a spreadsheet would evaluate stays text.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use taktline::report::parquet::unit_of;

use crate::drive::{BASELINE, Scratch, TYPHOON_FILE, arg, read, taktline};

fn sheet(book: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(book).unwrap_or_else(|e| panic!("{}: {e}", book.display()));
    let formulas = wb.worksheet_formula(name).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{}: sheet {name} holds a formula",
        book.display()
    );
    wb.worksheet_range(name)
        .unwrap_or_else(|e| panic!("{}: sheet {name}: {e}", book.display()))
}

/// The heading of column `name`: its name, and its unit in brackets.
fn heading(name: &str, currency: &str) -> String {
    match unit_of(name, currency) {
        Some(u) => format!("{name} [{}]", u.trim_end_matches(" (0 to 1)")),
        None => name.to_string(),
    }
}

/// The text a CSV cell stands for (the CSV's quote before a formula-looking
/// text dropped: the workbook marks such text as text itself).
fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// Checks that sheet `name` of `book` is the CSV table `csv`.
pub fn assert_sheet_is_the_csv(book: &Path, name: &str, csv: &[u8], currency: &str) {
    let range = sheet(book, name);
    let mut table = csv::Reader::from_reader(csv);
    let header: Vec<String> = table.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = table.records().map(Result::unwrap).collect();
    let read: Vec<&[Data]> = range.rows().collect();
    assert_eq!(read.len(), rows.len() + 1, "{name}: rows");
    for (k, column) in header.iter().enumerate() {
        assert_eq!(
            read[0].get(k),
            Some(&Data::String(heading(column, currency))),
            "{name}: heading {k}"
        );
    }
    for (r, cells) in rows.iter().enumerate() {
        let got = read[r + 1];
        for (k, cell) in cells.iter().enumerate() {
            let value = got.get(k).unwrap_or(&Data::Empty);
            let same = match value {
                Data::Empty => cell.is_empty(),
                Data::Float(x) => cell.parse::<f64>().ok().map(f64::to_bits) == Some(x.to_bits()),
                Data::Int(i) => cell.parse::<i64>().ok() == Some(*i),
                Data::Bool(b) => cell == b.to_string(),
                Data::String(s) => s == plain(cell),
                other => panic!("{name}: unexpected {other:?}"),
            };
            assert!(
                same,
                "{name}: row {r}, column {}: {value:?} is not the CSV's {cell:?}",
                header[k]
            );
        }
    }
}

/// The sheets of `book`, in order.
fn sheet_names(book: &Path) -> Vec<String> {
    let wb: Xlsx<_> = open_workbook(book).unwrap();
    wb.sheet_names()
}

#[test]
fn a_studys_headline_and_disruption_costs_sheets_are_its_summary() {
    let dir = Scratch::new("workbook-study");
    let out = dir.join("study");
    taktline(&[
        "batch",
        TYPHOON_FILE,
        "-n",
        "3",
        "--days",
        "20",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let book = out.join("summary.xlsx");
    assert_eq!(
        sheet_names(&book),
        ["About", "Headline", "Disruption costs"]
    );
    let summary: serde_json::Value =
        serde_json::from_str(&read(&out.join("summary.json"))).unwrap();
    let study = &summary["scenarios"][0];
    let column = |range: &calamine::Range<Data>, name: &str| {
        let row0: Vec<&Data> = range.rows().next().unwrap().iter().collect();
        row0.iter()
            .position(|d| matches!(d, Data::String(s) if s.starts_with(&format!("{name} ["))))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let headline = sheet(&book, "Headline");
    let at = |range: &calamine::Range<Data>, name: &str| match &range.rows().nth(1).unwrap()
        [column(range, name)]
    {
        Data::Float(x) => *x,
        other => panic!("{name}: {other:?}"),
    };
    for (name, figure) in [
        ("robots_per_day_mean", "robots_per_day"),
        ("takt_attainment_half_width", "takt_attainment"),
        ("lead_time_mean_h_mean", "lead_time_mean_h"),
        ("on_time_share_mean", "on_time_share"),
        ("lateness_p95_h_half_width", "lateness_p95_h"),
    ] {
        let what = if name.ends_with("_half_width") {
            "half_width"
        } else {
            "mean"
        };
        let want = study["figures"][figure][what].as_f64().unwrap();
        assert_eq!(at(&headline, name).to_bits(), want.to_bits(), "{name}");
    }
    let twin = study["undisrupted_twin"]["running_cost_per_year"]["mean"]
        .as_f64()
        .unwrap();
    assert_eq!(
        at(&headline, "undisrupted_running_cost_per_year_mean").to_bits(),
        twin.to_bits(),
        "the running cost of normal times is the twin's"
    );
    let costs = sheet(&book, "Disruption costs");
    let paired = &study["resilience"][0]["figures"];
    for name in ["robots_lost", "cost", "time_to_recover_h"] {
        let want = paired[name]["estimate"]["mean"].as_f64().unwrap();
        assert_eq!(
            at(&costs, &format!("{name}_mean")).to_bits(),
            want.to_bits(),
            "{name}"
        );
    }
}

#[test]
fn a_name_a_spreadsheet_would_evaluate_is_text_in_the_workbook() {
    let dir = Scratch::new("workbook-formula");
    let file = dir.write("formula.ron", BASELINE.replace("\"S2\"", "\"=1+1\""));
    let out = dir.join("stress");
    taktline(&[
        "stress",
        arg(&file),
        "-n",
        "2",
        "--days",
        "12",
        "--nodes",
        "=1+1,S3",
        "--quiet",
        "--out",
        arg(&out),
    ])
    .ok();
    let book = out.join("summary.xlsx");
    assert_sheet_is_the_csv(
        &book,
        "Stress ranking",
        read(&out.join("stress.csv")).as_bytes(),
        "CNY",
    );
    let ranking = sheet(&book, "Stress ranking");
    assert!(
        ranking.rows().any(|r| r[1] == Data::String("=1+1".into())),
        "the node's name as written, as text"
    );
}
