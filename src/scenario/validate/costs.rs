//! Money: part values, holding rate, margin, lateness, trucks, overtime,
//! purchase prices and standby fees.

use std::collections::BTreeMap;

use super::Checker;
use super::path::{FieldPath, field};
use super::ranges::Least;
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
        let part_values = self.amounts_by_name(
            &c.part_values,
            field!(costs.part_values),
            "part",
            &parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        );
        let per_truck = self.amounts_by_name(
            &c.per_truck,
            field!(costs.per_truck),
            "route",
            &routes.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        );
        let unit_price = self.amounts_by_name(
            &c.unit_price,
            field!(costs.unit_price),
            "supplier",
            &suppliers
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
        );
        let mut standby_per_year = Vec::new();
        for (name, &v) in &c.standby_per_year {
            let path = field!(costs.standby_per_year.{name});
            let v = self.amount(path.clone(), v);
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
            holding_rate_per_year: self
                .amount(field!(costs.holding_rate_per_year), c.holding_rate_per_year),
            hold_in_transit: c.hold_in_transit,
            margin_per_robot: self.amount(field!(costs.margin_per_robot), c.margin_per_robot),
            lateness_per_robot_hour: self.amount(
                field!(costs.lateness_per_robot_hour),
                c.lateness_per_robot_hour,
            ),
            lost_after: c.lost_after.map(|w| {
                self.span(
                    field!(costs.lost_after),
                    w.secs(),
                    Least::Positive,
                    "lost_after",
                )
            }),
            per_truck,
            overtime_per_hour: self.amount(field!(costs.overtime_per_hour), c.overtime_per_hour),
        }
    }

    /// An amount of money: finite and >= 0, else an error at `path`.
    fn amount(&mut self, path: FieldPath, v: f64) -> f64 {
        if !(v.is_finite() && v >= 0.0) {
            self.error(
                path,
                None,
                format!("an amount must be finite and >= 0, got {v}"),
            );
        }
        v
    }

    /// The amounts of `map` (under `field`) by item, in the order of `names`
    /// (0 for an item not listed); a key that names no `kind` is an error.
    fn amounts_by_name(
        &mut self,
        map: &BTreeMap<String, f64>,
        field: FieldPath,
        kind: &str,
        names: &[&str],
    ) -> Vec<f64> {
        let mut out = vec![0.0; names.len()];
        for (name, &v) in map {
            let path = field!((field.clone()).{name});
            let v = self.amount(path.clone(), v);
            match names.iter().position(|n| n == name) {
                Some(i) => out[i] = v,
                None => self.error(
                    path,
                    None,
                    format!("unknown {kind} {name:?} (known: {})", names.join(", ")),
                ),
            }
        }
        out
    }
}
