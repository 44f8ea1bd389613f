//! The verdict on the takt, one sentence: held or not (by how much), and
//! the station that limits the line. The study page and the run report
//! both say it, from the same rule.

/// Whether the line holds its takt, and its busiest station.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TaktVerdict {
    /// Robots per day after the warm-up (the mean over replications).
    pub(super) per_day: f64,
    /// Half-width of its 95% interval, where there is one.
    pub(super) half_width: Option<f64>,
    /// Robots per day the takt asks (its calendar counts).
    pub(super) target_per_day: f64,
    /// The station busiest in its working time, and that share.
    pub(super) busiest: Option<(String, f64)>,
}

impl TaktVerdict {
    /// From the output, the target and each station's (name, busy, off
    /// shift) shares of the time after the warm-up: busy is taken as a
    /// share of the time the station works.
    pub(super) fn new<'a>(
        per_day: f64,
        half_width: Option<f64>,
        target_per_day: f64,
        stations: impl IntoIterator<Item = (&'a str, f64, f64)>,
    ) -> TaktVerdict {
        let busiest = stations
            .into_iter()
            .filter(|&(_, _, off)| off < 1.0)
            .map(|(name, busy, off)| (name.to_string(), busy / (1.0 - off)))
            .filter(|(_, b)| b.is_finite())
            .fold(None, |best: Option<(String, f64)>, s| match best {
                Some(b) if b.1 >= s.1 => Some(b),
                _ => Some(s),
            });
        TaktVerdict {
            per_day,
            half_width,
            target_per_day,
            busiest,
        }
    }

    /// Held unless the output is short of the target beyond its interval
    /// (with one replication, beyond nothing).
    pub(super) fn held(&self) -> bool {
        self.per_day + self.half_width.filter(|h| h.is_finite()).unwrap_or(0.0)
            >= self.target_per_day
    }

    /// How far the output falls short of the target, as a share of it.
    pub(super) fn shortfall(&self) -> f64 {
        if self.target_per_day > 0.0 {
            (1.0 - self.per_day / self.target_per_day).max(0.0)
        } else {
            0.0
        }
    }

    /// "takt not held, short by 0.9% (118.9 ± 0.4 robots a day against
    /// 120); S5 is the bottleneck at 94% busy".
    pub(super) fn sentence(&self) -> String {
        let output = match self.half_width.filter(|h| h.is_finite()) {
            Some(h) => format!("{:.1} ± {h:.1}", self.per_day),
            None => format!("{:.1}", self.per_day),
        };
        let t = self.target_per_day;
        let against = if (t - t.round()).abs() < 0.05 {
            format!("{output} robots a day against {t:.0}")
        } else {
            format!("{output} robots a day against {t:.1}")
        };
        let (verdict, station) = if self.held() {
            (format!("takt held ({against})"), "the busiest station is")
        } else {
            (
                format!(
                    "takt not held{}, short by {} ({against})",
                    if self.half_width.is_some_and(f64::is_finite) {
                        ""
                    } else {
                        " in this run"
                    },
                    short_share(self.shortfall())
                ),
                "the bottleneck is",
            )
        };
        match &self.busiest {
            Some((name, busy)) => format!(
                "{verdict}; {station} {name}, busy {:.0}% of its working time",
                100.0 * busy
            ),
            None => verdict,
        }
    }
}

/// A shortfall as a percentage: one decimal, two below 0.1%, so a small
/// one never reads "0.0%".
fn short_share(share: f64) -> String {
    if share < 0.001 {
        format!("{:.2}%", 100.0 * share)
    } else {
        format!("{:.1}%", 100.0 * share)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_short_beyond_its_interval_does_not_hold_the_takt_and_names_its_bottleneck() {
        let stations = [("S1", 0.80, 0.0), ("S5", 0.47, 0.5), ("R", 0.04, 0.0)];
        let v = TaktVerdict::new(118.9, Some(0.4), 120.0, stations);
        assert!(!v.held());
        // S5 works half the time and is busy 94% of it: busier than S1.
        assert_eq!(v.busiest.as_ref().map(|b| b.0.as_str()), Some("S5"));
        assert_eq!(
            v.sentence(),
            "takt not held, short by 0.9% (118.9 ± 0.4 robots a day against 120); \
             the bottleneck is S5, busy 94% of its working time"
        );
        // Within its interval of the target: held.
        let v = TaktVerdict::new(119.8, Some(0.4), 120.0, stations);
        assert!(v.held() && v.sentence().starts_with("takt held (119.8 ± 0.4"));
    }
}
