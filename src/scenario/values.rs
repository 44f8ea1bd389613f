//! The values a sweep's `--vary PATH=VALUES` runs over: a list as written
//! (`24h,48h,72h`) or a range `FROM..TO:STEP` of numbers or durations.
//! What each value means is the scenario parameter's business
//! ([`crate::scenario::overrides`]); this is only the grammar of the list.

use crate::time::{DAY, HOUR, MINUTE, Span, format_span};

/// Expands sweep values: a comma-separated list (`24h,48h,72h`) or a range
/// `FROM..TO:STEP` (`0h..96h:12h`, `1440..4320:480`), `TO` included when hit.
pub fn expand_values(spec: &str) -> Result<Vec<String>, String> {
    let spec = spec.trim();
    let Some((range, step)) = spec.split_once(':').filter(|(r, _)| r.contains("..")) else {
        let values: Vec<String> = spec
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(format!("no values in {spec:?}"));
        }
        return Ok(values);
    };
    let (from, to) = range
        .split_once("..")
        .ok_or_else(|| format!("range {spec:?}: write FROM..TO:STEP"))?;
    let numbers = (
        from.trim().parse::<f64>(),
        to.trim().parse::<f64>(),
        step.trim().parse::<f64>(),
    );
    let (a, b, s, as_span) = match numbers {
        (Ok(a), Ok(b), Ok(s)) => (a, b, s, false),
        _ => (
            Span::parse(from)?.secs(),
            Span::parse(to)?.secs(),
            Span::parse(step)?.secs(),
            true,
        ),
    };
    if s.is_nan() || s <= 0.0 || b < a {
        return Err(format!(
            "range {spec:?}: needs FROM <= TO and a positive STEP"
        ));
    }
    let n = ((b - a) / s + 1e-9).floor() as usize;
    if n > 10_000 {
        return Err(format!("range {spec:?} has more than 10,000 values"));
    }
    // As many decimals as the range is written with: 0..0.3:0.1 gives
    // 0.3, not 0.30000000000000004.
    let decimals = [from, to, step]
        .iter()
        .map(|t| t.trim().split_once('.').map_or(0, |(_, d)| d.len()))
        .max()
        .unwrap_or(0);
    Ok((0..=n)
        .map(|i| {
            let v = a + i as f64 * s;
            if as_span {
                in_unit_of(v, s)
            } else {
                let text = format!("{v:.decimals$}");
                if text.contains('.') {
                    text.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    text
                }
            }
        })
        .collect())
}

/// A swept duration in the unit of its step, so a range reads in one unit
/// ("60h, 72h, 84h, 96h", not "60h, 3d, 84h, 4d").
fn in_unit_of(v: f64, step: f64) -> String {
    let unit = [(DAY, "d"), (HOUR, "h"), (MINUTE, "min")]
        .into_iter()
        .find(|&(u, _)| (step / u).fract() == 0.0 && step >= u);
    match unit {
        Some((u, name)) if (v / u).fract() == 0.0 => format!("{}{name}", v / u),
        _ => format_span(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_expand() {
        assert_eq!(expand_values("24h, 48h").unwrap(), vec!["24h", "48h"]);
        assert_eq!(
            expand_values("0h..36h:12h").unwrap(),
            vec!["0h", "12h", "24h", "36h"],
            "one unit, the step's"
        );
        assert_eq!(expand_values("1..2:0.5").unwrap(), vec!["1", "1.5", "2"]);
        assert_eq!(
            expand_values("0..0.3:0.1").unwrap(),
            vec!["0", "0.1", "0.2", "0.3"]
        );
        assert!(expand_values("5..1:1").is_err());
    }
}
