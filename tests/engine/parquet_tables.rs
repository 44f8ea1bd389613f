//! Every table written as CSV is also written as Parquet, and the two hold
//! the same columns, rows and values (read back with the parquet crate's
//! own reader), each column's unit named in the file's metadata; the
//! tables a planner forwards are also the sheets of `summary.xlsx`.

use std::path::{Path, PathBuf};

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use taktline::report::parquet::{UNIT_KEY, unit_of};

use crate::drive::{Scratch, arg, read, taktline};
use crate::workbook::assert_sheet_is_the_csv;

/// Reads `X.parquet` beside `csv` back and checks it is the CSV: the same
/// column names in order, a row per CSV row, each value the cell's (a
/// number to the bit, an empty cell as null), and the unit of every
/// column the naming rules give one (in `currency`).
pub fn assert_parquet_is_the_csv(csv: &Path, currency: &str) {
    let parquet = csv.with_extension("parquet");
    let file =
        std::fs::File::open(&parquet).unwrap_or_else(|e| panic!("{}: {e}", parquet.display()));
    let reader = SerializedFileReader::new(file).unwrap();
    let mut table = csv::Reader::from_path(csv).unwrap();
    let header: Vec<String> = table.headers().unwrap().iter().map(String::from).collect();
    let meta = reader.metadata().file_metadata();
    let names: Vec<String> = meta
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, header, "{}: columns", parquet.display());
    let kv = meta.key_value_metadata().cloned().unwrap_or_default();
    for name in &header {
        let unit = kv
            .iter()
            .find(|k| k.key == format!("{UNIT_KEY}{name}"))
            .and_then(|k| k.value.clone());
        assert_eq!(
            unit,
            unit_of(name, currency),
            "{}: unit of {name}",
            parquet.display()
        );
    }
    let rows: Vec<csv::StringRecord> = table.records().map(Result::unwrap).collect();
    let read: Vec<parquet::record::Row> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(read.len(), rows.len(), "{}: rows", parquet.display());
    for (r, (row, cells)) in read.iter().zip(&rows).enumerate() {
        for (k, ((_, field), cell)) in row.get_column_iter().zip(cells.iter()).enumerate() {
            let same = match field {
                Field::Null => cell.is_empty(),
                Field::Bool(b) => cell == b.to_string(),
                Field::Long(i) => cell.parse::<i64>().ok() == Some(*i),
                Field::Double(x) => cell.parse::<f64>().ok().map(f64::to_bits) == Some(x.to_bits()),
                Field::Str(s) => cell == s,
                other => panic!("{}: unexpected {other:?}", parquet.display()),
            };
            assert!(
                same,
                "{}: row {r}, column {}: {field:?} is not the CSV's {cell:?}",
                parquet.display(),
                header[k]
            );
        }
    }
}

fn ran(dir: &Scratch, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", arg(&out)]);
    taktline(&all).ok();
    out
}

#[test]
fn every_table_of_a_run_study_stress_test_sweep_and_comparison_reads_back_from_parquet_and_the_workbook()
 {
    let dir = Scratch::new("parquet");
    let typhoon = "scenarios/typhoon-wenzhou.ron";
    let run = ran(&dir, "run", &["run", typhoon, "--days", "20"]);
    assert_parquet_is_the_csv(&run.join("hourly.csv"), "CNY");
    assert_parquet_is_the_csv(&run.join("hourly-undisrupted.csv"), "CNY");
    let study = ran(
        &dir,
        "study",
        &["batch", typhoon, "-n", "3", "--days", "20", "--quiet"],
    );
    assert_parquet_is_the_csv(&study.join("typhoon-wenzhou/replications.csv"), "CNY");
    let stress = ran(
        &dir,
        "stress",
        &[
            "stress",
            "-n",
            "2",
            "--days",
            "20",
            "--quiet",
            "--nodes",
            "Wenzhou,S3",
        ],
    );
    assert_parquet_is_the_csv(&stress.join("stress.csv"), "CNY");
    assert_in_workbook(&stress, "Stress ranking", "stress.csv");
    let sweep = ran(
        &dir,
        "sweep",
        &[
            "sweep",
            typhoon,
            "--vary",
            "disruptions.*.duration=12h,48h",
            "-n",
            "2",
            "--days",
            "20",
            "--quiet",
        ],
    );
    assert_parquet_is_the_csv(&sweep.join("sweep.csv"), "CNY");
    assert_in_workbook(&sweep, "Sweep", "sweep.csv");
    let compare = ran(
        &dir,
        "compare",
        &[
            "compare",
            typhoon,
            "--plan",
            "more=routes.Wenzhou-Shanghai.order_up_to=9000",
            "--years",
            "2",
            "-n",
            "2",
            "--quiet",
        ],
    );
    assert_parquet_is_the_csv(&compare.join("compare.csv"), "CNY");
    assert_in_workbook(&compare, "Comparison", "compare.csv");
    let reverse = ran(
        &dir,
        "reverse",
        &[
            "stress",
            "--reverse",
            "--k",
            "1",
            "-n",
            "2",
            "--days",
            "20",
            "--quiet",
            "--nodes",
            "Wenzhou,S3",
        ],
    );
    assert_parquet_is_the_csv(&reverse.join("reverse.csv"), "CNY");
    assert_in_workbook(&reverse, "Reverse stress test", "reverse.csv");
}

/// Checks that `table.csv` in `out` is the sheet `sheet` of its `summary.xlsx`.
fn assert_in_workbook(out: &std::path::Path, sheet: &str, table: &str) {
    let csv = read(&out.join(table));
    assert_sheet_is_the_csv(&out.join("summary.xlsx"), sheet, csv.as_bytes(), "CNY");
}
