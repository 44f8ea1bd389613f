//! Simulated time: one type for every instant and span in the code.
//!
//! Time is continuous and counted in **seconds** as `f64` from t = 0, which is
//! Monday 00:00 of the first simulated week. Scenario files write spans
//! readably (`"12min"`, `"5.5h"`, `"3d"`); [`Span`] parses them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant or a span of simulated time, in seconds.
pub type Seconds = f64;

/// Seconds in a minute.
pub const MINUTE: Seconds = 60.0;
/// Seconds in an hour.
pub const HOUR: Seconds = 3_600.0;
/// Seconds in a day.
pub const DAY: Seconds = 86_400.0;
/// Seconds in a year of 365 days: what yearly figures are scaled to.
pub const YEAR: Seconds = 365.0 * DAY;
/// Days of each month of a 365-day year, January first (hazard seasons).
pub const MONTH_DAYS: [f64; 12] = [
    31.0, 28.0, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0,
];

/// A span of time written readably in a scenario file or on the command
/// line. The grammar, the only one taktline reads:
///
/// ```text
/// duration := ["-"] term { [" "] term }      terms add up: "1d 6h", "12h5min"
/// term     := number [" "] unit
/// number   := digits ["." digits]            no sign or exponent inside
/// unit     := s | second | seconds | min | minute | minutes | h | hour | hours
///           | d | day | days | w | week | weeks
/// ```
///
/// A leading `-` makes the whole duration negative (which most fields then
/// refuse, saying so); `"2d-6h"`, `"12m"` (minutes or months?) and `"1e3s"`
/// are errors.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Default)]
pub struct Span(pub Seconds);

/// The units of the duration grammar and their length [s].
const UNITS: &[(&[&str], Seconds)] = &[
    (&["s", "second", "seconds"], 1.0),
    (&["min", "minute", "minutes"], MINUTE),
    (&["h", "hour", "hours"], HOUR),
    (&["d", "day", "days"], DAY),
    (&["w", "week", "weeks"], 7.0 * DAY),
];

const EXAMPLE: &str = "write e.g. \"12min\", \"5.5h\", \"3d\" or \"1d 6h\"";

impl Span {
    /// The span in seconds.
    pub fn secs(self) -> Seconds {
        self.0
    }

    /// Parses a duration (see [`Span`] for the grammar).
    pub fn parse(text: &str) -> Result<Span, String> {
        let whole = text.trim();
        if whole.is_empty() {
            return Err(format!("empty duration: {EXAMPLE}"));
        }
        let (sign, mut rest) = match whole.strip_prefix('-') {
            Some(r) => (-1.0, r.trim_start()),
            None => (1.0, whole),
        };
        if rest.is_empty() {
            return Err(format!("duration {whole:?} has no number: {EXAMPLE}"));
        }
        let mut total = 0.0;
        while !rest.is_empty() {
            let digits = rest
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(rest.len());
            let (number, tail) = rest.split_at(digits);
            if number.is_empty() {
                let found = tail.chars().next().unwrap_or(' ');
                return Err(if found.is_ascii_alphabetic() {
                    format!("duration {whole:?}: expected a number before the unit; {EXAMPLE}")
                } else {
                    format!(
                        "duration {whole:?}: unexpected {found:?} (a sign only at the start, no exponent); {EXAMPLE}"
                    )
                });
            }
            let digits_around_dot = number
                .split('.')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
            let value: f64 = number
                .parse()
                .ok()
                .filter(|_| digits_around_dot && number.matches('.').count() <= 1)
                .ok_or_else(|| format!("duration {whole:?}: {number:?} is not a number"))?;
            let tail = tail.trim_start();
            let unit_len = tail
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(tail.len());
            let (unit, after) = tail.split_at(unit_len);
            if unit.is_empty() {
                return Err(format!(
                    "duration {whole:?} has no unit after {number}: {EXAMPLE}"
                ));
            }
            let Some(&(_, scale)) = UNITS.iter().find(|(names, _)| names.contains(&unit)) else {
                return Err(format!(
                    "duration {whole:?}: unknown unit {unit:?} (expected s, min, h, d or w, or second(s), minute(s), hour(s), day(s), week(s))"
                ));
            };
            total += value * scale;
            if !total.is_finite() {
                return Err(format!("duration {whole:?} is too large"));
            }
            rest = after.trim_start();
        }
        Ok(Span(sign * total))
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", format_span(self.0))
    }
}

/// Formats seconds in the largest unit that keeps the number readable
/// (`"12min"`, `"5.5h"`, `"3d"`).
pub fn format_span(secs: Seconds) -> String {
    // A unit only where the value reads back exactly in it.
    let exact = |unit: f64| (secs / unit) * unit == secs;
    let (value, unit) = if secs != 0.0 && secs % DAY == 0.0 {
        (secs / DAY, "d")
    } else if secs.abs() >= HOUR && (secs / HOUR * 100.0).fract() == 0.0 && exact(HOUR) {
        (secs / HOUR, "h")
    } else if secs.abs() >= MINUTE && (secs / MINUTE * 100.0).fract() == 0.0 && exact(MINUTE) {
        (secs / MINUTE, "min")
    } else {
        (secs, "s")
    };
    format!("{value}{unit}")
}

/// Formats an instant as `day D HH:MM` (day 0 is the first Monday).
pub fn format_clock(t: Seconds) -> String {
    let day = (t / DAY).floor();
    let rem = t - day * DAY;
    let h = (rem / HOUR).floor();
    let m = ((rem - h * HOUR) / MINUTE).floor();
    format!("day {day} {h:02}:{m:02}")
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format_span(self.0))
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Span;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration string such as \"12min\", \"5.5h\" or \"3d\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Span, E> {
                Span::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_unit() {
        assert_eq!(Span::parse("12min").unwrap().secs(), 720.0);
        assert_eq!(Span::parse("5.5h").unwrap().secs(), 19_800.0);
        assert_eq!(Span::parse("3d").unwrap().secs(), 259_200.0);
        assert_eq!(Span::parse("90 s").unwrap().secs(), 90.0);
        assert_eq!(Span::parse("1w").unwrap().secs(), 604_800.0);
        assert_eq!(Span::parse("12h5min").unwrap().secs(), 43_500.0);
        assert_eq!(Span::parse("1d 6h").unwrap().secs(), 108_000.0);
    }

    #[test]
    fn rejects_missing_or_unknown_units() {
        assert!(Span::parse("12").unwrap_err().contains("no unit"));
        assert!(
            Span::parse("12 fortnights")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(
            Span::parse("abc")
                .unwrap_err()
                .contains("expected a number")
        );
        assert!(Span::parse("1.2.3h").unwrap_err().contains("not a number"));
        assert!(Span::parse("12m").unwrap_err().contains("unknown unit"));
    }

    #[test]
    fn one_grammar_long_names_and_a_leading_sign_only() {
        assert_eq!(Span::parse("3 hours").unwrap().secs(), 3.0 * HOUR);
        assert_eq!(Span::parse("30 days").unwrap().secs(), 30.0 * DAY);
        assert_eq!(Span::parse("1 minute").unwrap().secs(), MINUTE);
        assert_eq!(Span::parse("-1d").unwrap().secs(), -DAY);
        assert!(
            Span::parse("2d-6h")
                .unwrap_err()
                .contains("sign only at the start")
        );
        assert!(Span::parse("1e3s").is_err());
        assert!(Span::parse("-").is_err());
        assert!(Span::parse(".5h").is_err() && Span::parse("5.h").is_err());
        assert!(
            Span::parse(&format!("{}d", "9".repeat(310)))
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn formatted_spans_parse_back() {
        for v in [0.5, 90.0, 720.0, 19_800.0, 3.0 * DAY, 0.001] {
            assert_eq!(Span::parse(&format_span(v)).unwrap().secs(), v);
        }
    }

    #[test]
    fn formats_readably() {
        assert_eq!(format_span(720.0), "12min");
        assert_eq!(format_span(19_800.0), "5.5h");
        assert_eq!(format_span(3.0 * DAY), "3d");
        assert_eq!(format_clock(DAY + 8.5 * HOUR), "day 1 08:30");
    }
}
