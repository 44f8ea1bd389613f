//! `summary.xlsx`: the answers a planner forwards, one sheet per table
//! after an "About" sheet that says what the workbook holds. Each sheet is
//! made from its table's CSV cells (typed and given units as for Parquet),
//! so it cannot disagree with the CSV; each heading names its unit and
//! each column is formatted for it (see `formats`). Text a spreadsheet
//! would read as a formula is stored as text with Excel's quote prefix.
//! The creation time is fixed, so the same results give the same bytes.

mod formats;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::atomic_file::{WriteError, write as write_atomic};
use crate::report::csv_cell::FORMULA_STARTS;
use crate::report::table::{Column, Values, columns, unit_of};
use formats::{heading, number_format};

/// The workbook's file name in an output folder.
pub const WORKBOOK: &str = "summary.xlsx";

/// One sheet: its tab's name, a line on what it holds, and the table.
pub(crate) struct Sheet {
    /// The tab's name (at most 31 characters, as Excel allows).
    pub(crate) name: &'static str,
    /// What the sheet holds, for the "About" sheet.
    pub(crate) about: String,
    /// The table: a CSV header and rows.
    pub(crate) csv: Vec<u8>,
}

/// Writes `summary.xlsx` into `out`: the "About" sheet (`title`, then
/// `lines` of (label, text), then each sheet's line) and the sheets.
pub(crate) fn write_workbook(
    out: &Path,
    title: &str,
    lines: &[(&str, String)],
    sheets: &[Sheet],
    currency: &str,
) -> Result<PathBuf, WriteError> {
    let path = out.join(WORKBOOK);
    let bytes = encode(title, lines, sheets, currency).map_err(|e| WriteError {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    write_atomic(&path, &bytes)?;
    Ok(path)
}

fn encode(
    title: &str,
    lines: &[(&str, String)],
    sheets: &[Sheet],
    currency: &str,
) -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| e.to_string();
    let mut book = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(format!("taktline {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&epoch),
    );
    about(book.add_worksheet(), title, lines, sheets, currency).map_err(err)?;
    for sheet in sheets {
        let cols = columns(&sheet.csv, |name| unit_of(name, currency).is_some())?;
        let ws = book.add_worksheet();
        ws.set_name(sheet.name).map_err(err)?;
        table(ws, &cols, currency).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

/// The first sheet: what the workbook is and what each sheet holds.
fn about(
    ws: &mut Worksheet,
    title: &str,
    lines: &[(&str, String)],
    sheets: &[Sheet],
    currency: &str,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_quote_prefix();
    ws.set_name("About")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 110)?;
    ws.write_string_with_format(0, 0, title, &bold)?;
    let amounts = if currency.is_empty() {
        "money"
    } else {
        currency
    };
    let mut rows: Vec<(&str, String)> = lines.to_vec();
    rows.push((
        "units",
        format!(
            "in brackets after each column's name; amounts in {amounts}; a column with \
             half_width in its name is the half-width of the 95% confidence interval of the mean \
             beside it"
        ),
    ));
    rows.push((
        "made by",
        format!(
            "taktline {}; the CSV, Parquet and JSON files beside this workbook hold the same \
             figures in full",
            env!("CARGO_PKG_VERSION")
        ),
    ));
    rows.extend(sheets.iter().map(|s| (s.name, s.about.clone())));
    for (k, (label, text)) in rows.iter().enumerate() {
        let r = 2 + k as u32;
        ws.write_string_with_format(r, 0, *label, &bold)?;
        ws.write_string_with_format(r, 1, text, &wrap)?;
    }
    Ok(())
}

/// A table's sheet: a heading row (frozen, with filters), then the rows.
fn table(ws: &mut Worksheet, cols: &[Column], currency: &str) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    let text = Format::new().set_quote_prefix();
    let rows = cols.first().map_or(0, |c| c.present.len());
    for (k, c) in cols.iter().enumerate() {
        let col = k as u16;
        let unit = unit_of(&c.name, currency);
        let head = heading(&c.name, unit.as_deref());
        ws.write_string_with_format(0, col, &head, &bold)?;
        let number = Format::new().set_num_format(match c.values {
            Values::Int(_) => "0",
            _ => number_format(unit.as_deref(), currency),
        });
        let mut widest = head.chars().count().min(28);
        let mut filled = 0;
        for (r, &present) in c.present.iter().enumerate() {
            if !present {
                continue;
            }
            let row = 1 + r as u32;
            match &c.values {
                Values::Int(v) => {
                    ws.write_number_with_format(row, col, v[filled] as f64, &number)?;
                }
                Values::Real(v) => {
                    ws.write_number_with_format(row, col, v[filled], &number)?;
                    widest = widest.max(12);
                }
                Values::Bool(v) => {
                    ws.write_boolean(row, col, v[filled])?;
                }
                Values::Text(v) => {
                    let cell = plain(&v[filled]);
                    widest = widest.max(cell.chars().count());
                    ws.write_string_with_format(row, col, cell, &text)?;
                }
            }
            filled += 1;
        }
        ws.set_column_width(col, (widest + 2).clamp(8, 60) as f64)?;
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(1, 0)?;
    if !cols.is_empty() {
        ws.autofilter(0, 0, rows as u32, cols.len() as u16 - 1)?;
    }
    Ok(())
}

/// A CSV text cell as the text it stands for: the `'` the CSV puts before
/// a formula-looking text is dropped, since the cell's quote prefix does
/// its work in the workbook.
fn plain(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn the_csv_quote_before_a_formula_looking_text_is_dropped_and_others_kept() {
        assert_eq!(plain("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(plain("'-2"), "-2");
        assert_eq!(plain("'tis"), "'tis");
        assert_eq!(plain("S3"), "S3");
    }
}
