//! Suppliers: the part each makes, its rate and finished-goods stock, what
//! it needs, its calendar.

use super::Checker;
use super::names::Names;
use super::path::field;
use super::ranges::Least;
use crate::scenario::file::SupplierFile;
use crate::scenario::ids::PartId;
use crate::scenario::limits::{MAX_RATE_PER_H, MAX_UNITS};
use crate::scenario::model::Supplier;
use crate::time::HOUR;

impl Checker<'_> {
    pub(super) fn suppliers(
        &mut self,
        list: &[SupplierFile],
        parts: &Names,
        calendars: &Names,
    ) -> Vec<Supplier> {
        list.iter()
            .enumerate()
            .map(|(i, s)| {
                self.at_item(&s.name);
                let part =
                    PartId::new(self.resolve(parts, field!(suppliers[i].part), "part", &s.part));
                let rate = self.positive(field!(suppliers[i].rate_per_h), s.rate_per_h, "the rate");
                if rate > MAX_RATE_PER_H {
                    self.error(
                        field!(suppliers[i].rate_per_h),
                        None,
                        format!("the rate may be at most {MAX_RATE_PER_H} units/h"),
                    );
                }
                if s.fg_cap == 0 {
                    self.error(
                        field!(suppliers[i].fg_cap),
                        None,
                        "the finished-goods cap must be at least 1".into(),
                    );
                }
                self.at_most(
                    field!(suppliers[i].fg_cap),
                    s.fg_cap,
                    MAX_UNITS,
                    "units of finished goods",
                );
                self.at_most(
                    field!(suppliers[i].fg_initial),
                    s.fg_initial,
                    MAX_UNITS,
                    "units of finished goods",
                );
                if s.fg_initial > s.fg_cap {
                    self.error(
                        field!(suppliers[i].fg_initial),
                        None,
                        format!(
                            "initial stock {} is above the cap {}",
                            s.fg_initial, s.fg_cap
                        ),
                    );
                }
                let location = self.location(field!(suppliers[i].location), s.location);
                let ramp_up = s.ramp_up.map(|r| {
                    self.span(
                        field!(suppliers[i].ramp_up),
                        r.secs(),
                        Least::Positive,
                        "the ramp-up time",
                    )
                });
                let needs = s
                    .needs
                    .iter()
                    .map(|(name, &n)| {
                        let path = field!(suppliers[i].needs.{name});
                        let p = self.resolve(parts, path.clone(), "part", name);
                        if n == 0 {
                            self.error(
                                path,
                                Some(&format!("{name:?}")),
                                format!("{} needs 0 {name}: leave the part out instead", s.name),
                            );
                        }
                        (PartId::new(p), n)
                    })
                    .collect();
                let calendar = s
                    .calendar
                    .as_ref()
                    .map(|c| self.resolve(calendars, field!(suppliers[i].calendar), "calendar", c));
                Supplier {
                    name: s.name.clone(),
                    part,
                    rate: rate / HOUR,
                    fg_cap: s.fg_cap,
                    fg_initial: s.fg_initial,
                    location,
                    ramp_up,
                    needs,
                    calendar,
                }
            })
            .collect()
    }
}
