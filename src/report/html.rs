//! What the HTML pages of a study, a sweep and a stress test share: the
//! frame and style, a chart with its caption, `mean ± half-width`. Built
//! with maud templates, which escape every interpolated string, so no user-written
//! name (scenario, disruption, node, path) can break a page. Each page
//! answers first, then tabulates, then shows its charts; all are offline
//! (charts are files beside the page) and print cleanly.

use std::path::{Path, PathBuf};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::atomic_file::{WriteError, write as write_atomic};
use crate::report::numbers::grouped;
use crate::stats::Interval;

/// One style sheet for every page: readable tables (a table wider than the
/// window scrolls within itself), charts that fit the window, nothing split
/// across printed pages.
const STYLE: &str = "body{font-family:sans-serif;margin:2em;max-width:1300px;color:#111}\
table{border-collapse:collapse;margin:1em 0;font-size:0.95em;display:block;max-width:100%;overflow-x:auto}\
td,th{border:1px solid #ccc;padding:4px 6px;text-align:right}th{background:#f3f3f3}\
td:first-child,th:first-child{text-align:left}.what{text-align:left;min-width:16em}\
.answer{font-size:1.1em;line-height:1.5}.risk{color:#b00;font-weight:bold}.note{color:#555}\
img{max-width:100%;border:1px solid #eee;margin:6px 0}figure{margin:1em 0}\
@media print{body{margin:0}figure,img,table{page-break-inside:avoid}a{color:inherit;text-decoration:none}}";

/// A whole page: `title` as its heading, then `body`.
pub(super) fn page(title: &str, body: Markup) -> String {
    let mut s = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (title) }
                (body)
            }
        }
    }
    .into_string();
    s.push('\n');
    s
}

/// Writes a rendered page as `out/index.html`; returns its path.
pub(super) fn write_index(out: &Path, html: &str) -> Result<PathBuf, WriteError> {
    let path = out.join("index.html");
    write_atomic(&path, html.as_bytes())?;
    Ok(path)
}

/// A chart with the one line that says what to read from it.
pub(super) fn figure(src: &str, caption: &str) -> Markup {
    html! {
        figure {
            img src=(src) alt=(if caption.is_empty() { src } else { caption });
            @if !caption.is_empty() {
                figcaption.note { (caption) }
            }
        }
    }
}

/// The line that links a page's data files, each with what it is for: the
/// table (CSV, and Parquet for data tools), the workbook and everything (JSON).
pub(super) fn files(table: Option<&str>, json: Option<&str>) -> Markup {
    html! {
        p.note {
            "Data: "
            @if let Some(t) = table {
                a href={ (t) ".csv" } { (t) ".csv" } " · "
                a href={ (t) ".parquet" } { (t) ".parquet" } " · "
            }
            a href="summary.xlsx" { "summary.xlsx" } " (workbook)"
            @if let Some(j) = json {
                " · " a href={ (j) } { (j) } " (everything)"
            }
        }
    }
}

/// `mean ± half-width` to `digits` decimals, `mean` alone with one
/// replication, `–` without a value.
pub(super) fn pm(i: &Interval, digits: usize) -> String {
    match (i.mean, i.half_width) {
        (Some(m), Some(h)) => format!("{} ± {}", grouped(m, digits), grouped(h, digits)),
        (Some(m), None) => grouped(m, digits),
        _ => "–".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolated_text_is_escaped_in_text_and_attributes() {
        let page = page(
            "<script>alert(\"x\")</script> & 'y'",
            figure("a\"b.png", "<b>"),
        );
        assert!(!page.contains("<script>"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("&amp; 'y'") || page.contains("&amp; &#39;y&#39;"));
        assert!(page.contains("src=\"a&quot;b.png\""));
        assert!(page.contains("&lt;b&gt;"));
    }
}
