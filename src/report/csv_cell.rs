//! CSV cells: text a spreadsheet would evaluate, neutralised (a cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
//! `'`, as OWASP advises against CSV injection, so opening a table never
//! runs a formula hidden in a name), and numbers as they are, empty where
//! there is none.

/// The first characters that make a spreadsheet read a cell as a formula.
pub(crate) const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text` as a CSV cell that no spreadsheet evaluates.
pub(crate) fn text_cell(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A number as a CSV cell, exactly as it is; empty where there is none or
/// it is not finite.
pub(crate) fn number(x: impl Into<Option<f64>>) -> String {
    x.into()
        .filter(|v| v.is_finite())
        .map_or(String::new(), |v| format!("{v}"))
}

#[cfg(test)]
mod tests {
    use super::{number, text_cell};

    #[test]
    fn a_number_is_written_as_it_is_and_a_missing_or_infinite_one_is_empty() {
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(Some(-2.0)), "-2");
        assert_eq!(number(None), "");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(f64::INFINITY), "");
    }

    #[test]
    fn a_cell_a_spreadsheet_would_evaluate_is_quoted_and_others_are_kept() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text_cell(bad), format!("'{bad}"));
        }
        for good in ["S3", "Wenzhou-Shanghai", "温州", "", "a=b"] {
            assert_eq!(text_cell(good), good);
        }
    }
}
