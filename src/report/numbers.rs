//! Numbers as a planner reads them: amounts in whole units with thousands
//! separators and the scenario's currency (`1,234,567 CNY`), and shares as
//! percentages with as many digits as they need (`0.1%`, `99.9%`, `50%`).

/// `value` to `digits` decimals with the whole part's digits grouped by
/// three (`110,053.1`); no "-0" for a value that rounds to nothing.
pub(crate) fn grouped(value: f64, digits: usize) -> String {
    if !value.is_finite() {
        return format!("{value}");
    }
    let text = format!("{:.digits$}", value.abs());
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let (whole, fraction) = text.split_at(text.find('.').unwrap_or(text.len()));
    let mut out = String::from(if negative { "-" } else { "" });
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(fraction);
    out
}

/// `value` rounded to a whole amount, digits grouped by three, then the
/// currency if there is one; "–" where undefined.
pub fn money(value: f64, currency: &str) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let amount = grouped(value, 0);
    match currency.trim() {
        "" => amount,
        c => format!("{amount} {c}"),
    }
}

/// An amount with its half-width, `1,234 CNY ± 56` ([`money`] both); the
/// amount alone without a finite half-width, "–" without an amount.
pub(crate) fn money_pm(mean: Option<f64>, half_width: Option<f64>, currency: &str) -> String {
    match (mean, half_width.filter(|h| h.is_finite())) {
        (None, _) => "–".into(),
        (Some(m), Some(h)) => format!("{} ± {}", money(m, currency), money(h, "")),
        (Some(m), None) => money(m, currency),
    }
}

/// A share and its half-width as percentages to a tenth, "50.3 ± 14.6";
/// the share alone without a finite half-width, "–" without a share.
pub(crate) fn percent_pm(share: f64, half_width: f64) -> String {
    match (share.is_finite(), half_width.is_finite()) {
        (false, _) => "–".into(),
        (true, true) => format!("{:.1} ± {:.1}", 100.0 * share, 100.0 * half_width),
        (true, false) => format!("{:.1}", 100.0 * share),
    }
}

/// `share` (0.5 = half) as a percentage with up to three decimals, trailing
/// zeros dropped, so 0.001 reads "0.1%" and 0.999 "99.9%", never "0%" or "100%".
pub fn percent(share: f64) -> String {
    let text = format!("{:.3}", share * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

#[cfg(test)]
mod tests {
    use super::{money, money_pm, percent};

    #[test]
    fn shares_keep_the_digits_that_tell_them_from_none_or_all() {
        assert_eq!(percent(0.001), "0.1%");
        assert_eq!(percent(0.999), "99.9%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.12345), "12.345%");
    }

    #[test]
    fn amounts_are_grouped_by_three_with_their_currency() {
        assert_eq!(money(1_234_567.4, "CNY"), "1,234,567 CNY");
        assert_eq!(
            money_pm(Some(2500.0), Some(120.4), "CNY"),
            "2,500 CNY ± 120"
        );
        assert_eq!(money_pm(Some(2500.0), Some(f64::NAN), "CNY"), "2,500 CNY");
        assert_eq!(money_pm(None, Some(1.0), "CNY"), "–");
        assert_eq!(money(-1_000.0, "CNY"), "-1,000 CNY");
        assert_eq!(money(999.5, ""), "1,000");
        assert_eq!(money(12.0, ""), "12");
        assert_eq!(money(-0.2, "CNY"), "0 CNY");
        assert_eq!(money(f64::NAN, "CNY"), "–");
    }

    #[test]
    fn a_share_with_its_half_width_reads_in_percent_to_a_tenth() {
        assert_eq!(super::percent_pm(0.5034, 0.146), "50.3 ± 14.6");
        assert_eq!(super::percent_pm(1.0, f64::NAN), "100.0");
        assert_eq!(super::percent_pm(f64::NAN, 0.1), "–");
    }

    #[test]
    fn any_number_groups_its_whole_part_and_keeps_its_decimals() {
        assert_eq!(super::grouped(110053.12, 1), "110,053.1");
        assert_eq!(super::grouped(999.96, 1), "1,000.0");
        assert_eq!(super::grouped(-1234567.0, 0), "-1,234,567");
        assert_eq!(super::grouped(-0.04, 1), "0.0");
        assert_eq!(super::grouped(12.5, 2), "12.50");
    }
}
