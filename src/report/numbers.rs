//! Numbers as a planner reads them: amounts in whole units with thousands
//! separators and the scenario's currency (`1,234,567 CNY`), and shares as
//! percentages with as many digits as they need (`0.1%`, `99.9%`, `50%`).

/// `value` rounded to a whole amount, digits grouped by three, then the
/// currency if there is one; "–" where undefined.
pub fn money(value: f64, currency: &str) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let whole = value.round();
    // No "-0" for an amount that rounds to nothing.
    let whole = if whole == 0.0 { 0.0 } else { whole };
    let digits = format!("{:.0}", whole.abs());
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if whole < 0.0 { "-" } else { "" };
    match currency.trim() {
        "" => format!("{sign}{grouped}"),
        c => format!("{sign}{grouped} {c}"),
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
}
