//! Text cells a spreadsheet would evaluate, neutralised: a cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, as
//! OWASP advises against CSV injection, so opening a table never runs a
//! formula hidden in a name. Numbers are written as they are.

/// `text` as a CSV cell that no spreadsheet evaluates.
pub(crate) fn text_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::text_cell;

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
