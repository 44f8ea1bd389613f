//! Seasonal arrivals: a non-homogeneous Poisson process whose rate is
//! constant within each month, sampled by inverting its cumulative rate
//! (one unit exponential per arrival, so the draws stay in step across
//! plans).

use super::model::{Disruption, Scenario, Season, Timing};
use crate::time::{DAY, MONTH_DAYS, Seconds, YEAR};

impl Scenario {
    /// One hazard year of this plan: from the warm-up's end (1 January), a
    /// year in which its hazards arrive at random and nothing else is
    /// disrupted (its own disruptions are left out).
    pub fn hazard_year(&self) -> Scenario {
        let year_start = self.warmup;
        let disruptions = self
            .hazards
            .iter()
            .filter(|h| h.per_year > 0.0)
            .map(|h| Disruption {
                name: h.name.clone(),
                timing: Timing::Random {
                    mean_between: YEAR / h.per_year,
                    duration: h.duration,
                    season: Some(Season {
                        year_start,
                        per_month: std::array::from_fn(|m| {
                            h.per_year
                                * h.monthly_shares
                                    .map_or(MONTH_DAYS[m] / 365.0, |shares| shares[m])
                        }),
                    }),
                },
                effects: h.effects.clone(),
            })
            .collect();
        Scenario {
            horizon: year_start + YEAR,
            disruptions,
            ..self.clone()
        }
    }
}

impl Season {
    /// The instant of the next arrival after `now`, given a unit
    /// exponential `e`: the t where the expected events in (now, t] reach
    /// `e`; `None` if no month has any (the hazard never strikes).
    pub fn next_arrival(&self, now: Seconds, mut e: f64) -> Option<Seconds> {
        if self.per_month.iter().all(|&n| n <= 0.0) || !e.is_finite() {
            return None;
        }
        // Where `now` lies in its year (arrivals before 1 January of the
        // first year wait for it).
        let mut t = now.max(self.year_start);
        let mut in_year = (t - self.year_start).rem_euclid(YEAR);
        let mut month = 0;
        let mut month_end = MONTH_DAYS[0] * DAY;
        while in_year >= month_end && month < 11 {
            month += 1;
            month_end += MONTH_DAYS[month] * DAY;
        }
        loop {
            let left = month_end - in_year;
            let rate = self.per_month[month] / (MONTH_DAYS[month] * DAY);
            if rate * left >= e {
                return Some(t + e / rate);
            }
            e -= rate * left;
            t += left;
            in_year = month_end;
            month = (month + 1) % 12;
            if month == 0 {
                in_year = 0.0;
                month_end = 0.0;
            }
            month_end += MONTH_DAYS[month] * DAY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn season(per_month: [f64; 12]) -> Season {
        Season {
            year_start: DAY,
            per_month,
        }
    }

    #[test]
    fn a_constant_rate_is_an_exponential_gap() {
        let s = season(MONTH_DAYS.map(|d| d / 365.0 * 2.0));
        // Two a year: a unit exponential of 1 is half a year.
        let t = s.next_arrival(DAY, 1.0).unwrap();
        assert!((t - DAY - YEAR / 2.0).abs() < 1e-6, "{}", (t - DAY) / DAY);
    }

    #[test]
    fn arrivals_come_only_in_months_with_weight() {
        let mut per_month = [0.0; 12];
        per_month[7] = 1.0; // August only
        let s = season(per_month);
        for e in [0.01, 0.5, 0.99, 1.5] {
            let t = s.next_arrival(DAY + 3.0 * DAY, e).unwrap();
            let day_of_year = ((t - DAY) / DAY).rem_euclid(365.0);
            // August is days 212..243 of the year.
            assert!(
                (212.0..243.0).contains(&day_of_year),
                "{e}: day {day_of_year}"
            );
        }
        assert_eq!(season([0.0; 12]).next_arrival(0.0, 0.5), None);
    }
}
