//! How a column is shown in the workbook, from its unit: amounts with
//! thousands separators and no cents, shares as percentages, durations and
//! means of counts to one decimal. One table; a unit none matches is shown
//! as the spreadsheet's general number.

/// (unit ends with, number format), first match wins; `{cur}` units end
/// with the currency, so amounts are matched by what follows it.
const FORMATS: [(&str, &str); 14] = [
    ("/year", "#,##0"),
    ("/day", "#,##0.0"),
    ("(0 to 1)", "0.0%"),
    ("robots/h", "#,##0.00"),
    ("robots/24 h", "#,##0.0"),
    ("robot-h", "#,##0"),
    ("min", "#,##0.0"),
    ("h", "#,##0.0"),
    ("d", "#,##0.0"),
    ("robots", "#,##0.0"),
    ("parts", "#,##0"),
    ("orders", "#,##0.0"),
    ("trucks", "#,##0.0"),
    ("replications", "#,##0"),
];

/// The number format of a real column with `unit` in a table whose
/// amounts are in `currency`.
pub(super) fn number_format(unit: Option<&str>, currency: &str) -> &'static str {
    let Some(unit) = unit else {
        return "General";
    };
    // An amount, or one a day or a year: whole units of the currency.
    let per = unit.strip_prefix(currency_label(currency));
    if matches!(per, Some("" | "/day" | "/year")) {
        return "#,##0";
    }
    FORMATS
        .iter()
        .find(|(end, _)| unit.ends_with(end))
        .map_or("General", |(_, f)| f)
}

/// The label amounts carry: the currency, or "money" where none is named.
fn currency_label(currency: &str) -> &str {
    if currency.is_empty() {
        "money"
    } else {
        currency
    }
}

/// A column's heading: its name, and its unit in brackets (a share as
/// "share", since the cell shows it as a percentage).
pub(super) fn heading(name: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{name} [{}]", u.trim_end_matches(" (0 to 1)")),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_separators_and_shares_show_as_percentages() {
        assert_eq!(number_format(Some("CNY"), "CNY"), "#,##0");
        assert_eq!(number_format(Some("CNY/year"), "CNY"), "#,##0");
        assert_eq!(number_format(Some("CNY/day"), "CNY"), "#,##0");
        assert_eq!(number_format(Some("money"), ""), "#,##0");
        assert_eq!(number_format(Some("share (0 to 1)"), "CNY"), "0.0%");
        assert_eq!(number_format(Some("share of time (0 to 1)"), "CNY"), "0.0%");
        assert_eq!(number_format(Some("h"), "CNY"), "#,##0.0");
        assert_eq!(number_format(Some("robots/day"), "CNY"), "#,##0.0");
        assert_eq!(number_format(Some("robots/h"), "CNY"), "#,##0.00");
        assert_eq!(number_format(Some("robot-h"), "CNY"), "#,##0");
        assert_eq!(number_format(None, "CNY"), "General");
    }

    #[test]
    fn a_heading_names_its_unit_and_a_share_without_its_range() {
        assert_eq!(heading("ttr_h", Some("h")), "ttr_h [h]");
        assert_eq!(
            heading("p_survived", Some("share (0 to 1)")),
            "p_survived [share]"
        );
        assert_eq!(heading("node", None), "node");
    }
}
