//! Money: part values, holding rate, margin, lateness, trucks, overtime,
//! purchase prices and standby fees.

use super::Checker;
use super::path::{FieldPath, field};
use crate::scenario::file::CostsFile;
use crate::scenario::model::*;

impl Checker<'_> {
    /// Money: known parts, suppliers and routes, amounts finite and >= 0.
    pub(super) fn costs(
        &mut self,
        c: &CostsFile,
        parts: &[Part],
        suppliers: &[Supplier],
        routes: &[Route],
    ) -> Costs {
        self.anchor = None;
        let amount = |me: &mut Self, path: FieldPath, v: f64| {
            if !(v.is_finite() && v >= 0.0) {
                me.error(
                    path,
                    None,
                    format!("an amount must be finite and >= 0, got {v}"),
                );
            }
            v
        };
        let mut part_values = vec![0.0; parts.len()];
        for (name, &v) in &c.part_values {
            let path = field!(costs.part_values.{name});
            let v = amount(self, path.clone(), v);
            match parts.iter().position(|p| p.name == *name) {
                Some(i) => part_values[i] = v,
                None => {
                    let known: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
                    self.error(
                        path,
                        None,
                        format!("unknown part {name:?} (known: {})", known.join(", ")),
                    );
                }
            }
        }
        let mut per_truck = vec![0.0; routes.len()];
        for (name, &v) in &c.per_truck {
            let path = field!(costs.per_truck.{name});
            let v = amount(self, path.clone(), v);
            match routes.iter().position(|r| r.name == *name) {
                Some(i) => per_truck[i] = v,
                None => {
                    let known: Vec<&str> = routes.iter().map(|r| r.name.as_str()).collect();
                    self.error(
                        path,
                        None,
                        format!("unknown route {name:?} (known: {})", known.join(", ")),
                    );
                }
            }
        }
        let mut unit_price = vec![0.0; suppliers.len()];
        for (name, &v) in &c.unit_price {
            let path = field!(costs.unit_price.{name});
            let v = amount(self, path.clone(), v);
            match suppliers.iter().position(|s| s.name == *name) {
                Some(i) => unit_price[i] = v,
                None => {
                    let known: Vec<&str> = suppliers.iter().map(|s| s.name.as_str()).collect();
                    self.error(
                        path,
                        None,
                        format!("unknown supplier {name:?} (known: {})", known.join(", ")),
                    );
                }
            }
        }
        let mut standby_per_year = Vec::new();
        for (name, &v) in &c.standby_per_year {
            let path = field!(costs.standby_per_year.{name});
            let v = amount(self, path.clone(), v);
            let known =
                suppliers.iter().any(|s| s.name == *name) || routes.iter().any(|r| r.name == *name);
            if known {
                standby_per_year.push((name.clone(), v));
            } else {
                self.error(
                    path,
                    None,
                    format!("{name:?} is neither a supplier nor a route: a standby fee is a contingent route's or supplier's"),
                );
            }
        }
        Costs {
            currency: c.currency.clone(),
            unit_price,
            standby_per_year,
            part_values,
            holding_rate_per_year: amount(
                self,
                field!(costs.holding_rate_per_year),
                c.holding_rate_per_year,
            ),
            hold_in_transit: c.hold_in_transit,
            margin_per_robot: amount(self, field!(costs.margin_per_robot), c.margin_per_robot),
            lateness_per_robot_hour: amount(
                self,
                field!(costs.lateness_per_robot_hour),
                c.lateness_per_robot_hour,
            ),
            per_truck,
            overtime_per_hour: amount(self, field!(costs.overtime_per_hour), c.overtime_per_hour),
        }
    }
}
