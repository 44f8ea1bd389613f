//! Truck routes: supplier, timetable, trucks, replenishment policy, and
//! orders split between routes.

use super::Checker;
use super::names::{Names, UNRESOLVED};
use super::path::field;
use super::ranges::{Least, sums_to_one};
use crate::scenario::file::*;
use crate::scenario::ids::{PartId, RouteId, SupplierId};
use crate::scenario::limits::*;
use crate::scenario::model::*;

impl Checker<'_> {
    pub(super) fn routes(
        &mut self,
        list: &[RouteFile],
        suppliers: &Names,
        sup: &[Supplier],
        calendars: &Names,
    ) -> Vec<Route> {
        let route_names = self.names(
            "route",
            list.iter()
                .enumerate()
                .map(|(i, r)| (field!(routes[i].name), r.name.as_str())),
        );
        let routes: Vec<Route> = list
            .iter()
            .enumerate()
            .map(|(i, r)| {
                self.at_item(&r.name);
                let supplier = SupplierId::new(self.resolve(
                    suppliers,
                    field!(routes[i].from),
                    "supplier",
                    &r.from,
                ));
                let every = self.span(
                    field!(routes[i].every),
                    r.every.secs(),
                    Least::Span(MIN_PERIOD),
                    "the time between departures",
                );
                self.span(
                    field!(routes[i].first_departure),
                    r.first_departure.secs(),
                    Least::Zero,
                    "the first departure",
                );
                if r.truck_capacity == 0 {
                    self.error(
                        field!(routes[i].truck_capacity),
                        None,
                        "truck capacity must be at least 1".into(),
                    );
                }
                self.at_most(
                    field!(routes[i].truck_capacity),
                    r.truck_capacity,
                    MAX_UNITS,
                    "units per truck",
                );
                if r.order_up_to == 0 {
                    self.error(
                        field!(routes[i].order_up_to),
                        None,
                        "the order-up-to level must be at least 1".into(),
                    );
                }
                self.at_most(field!(routes[i].order_up_to), r.order_up_to, MAX_UNITS, "units");
                let transit = self.dist(field!(routes[i].transit), &r.transit);
                let policy = match r.policy {
                    PolicyFile::Periodic => Policy::Periodic,
                    PolicyFile::PeriodicReorder { reorder_point } => {
                        Policy::PeriodicReorder { reorder_point }
                    }
                    PolicyFile::Continuous {
                        reorder_point,
                        lead_time,
                    } => Policy::Continuous {
                        reorder_point,
                        lead_time: self.span(field!(routes[i].policy.lead_time), lead_time.secs(), Least::Positive, "the order lead time"),
                    },
                    PolicyFile::Backup {
                        ref primary,
                        trigger,
                    } => {
                        let primary = RouteId::new(self.resolve(
                            &route_names,
                            field!(routes[i].policy.primary),
                            "route",
                            primary,
                        ));
                        if primary.index() == i {
                            self.error(
                                field!(routes[i].policy.primary),
                                None,
                                "a backup route cannot back itself up".into(),
                            );
                        }
                        if trigger > r.order_up_to {
                            self.error(
                                field!(routes[i].policy.trigger),
                                None,
                                format!(
                                    "the trigger {trigger} must be at most the order-up-to level {}",
                                    r.order_up_to
                                ),
                            );
                        }
                        Policy::Backup { primary, trigger }
                    }
                    PolicyFile::Split { share } => {
                        if !(0.0..=1.0).contains(&share) {
                            self.error(
                                field!(routes[i].policy.share),
                                None,
                                format!("a share is between 0 and 1, got {share}"),
                            );
                        }
                        Policy::Split { share }
                    }
                    PolicyFile::Emergency { below, min_gap } => {
                        if below == 0 || below > r.order_up_to {
                            self.error(
                                field!(routes[i].policy.below),
                                None,
                                format!(
                                    "the emergency threshold must be between 1 and the order-up-to level {}, got {below}",
                                    r.order_up_to
                                ),
                            );
                        }
                        Policy::Emergency {
                            below,
                            min_gap: self.span(field!(routes[i].policy.min_gap), min_gap.secs(), Least::Positive, "the minimum time between emergency orders"),
                        }
                    }
                };
                if let Some(s) = policy.reorder_point()
                    && s >= r.order_up_to
                {
                    self.error(
                        field!(routes[i].policy.reorder_point),
                        None,
                        format!(
                            "the reorder point {s} must be below the order-up-to level {}",
                            r.order_up_to
                        ),
                    );
                }
                let calendar = r.calendar.as_ref().map(|c| {
                    self.resolve(calendars, field!(routes[i].calendar), "calendar", c)
                });
                Route {
                    calendar,
                    name: r.name.clone(),
                    supplier,
                    part: sup
                        .get(supplier.index())
                        .map_or(PartId::new(UNRESOLVED), |s| s.part),
                    first_departure: r.first_departure.secs(),
                    every,
                    truck_capacity: r.truck_capacity,
                    transit,
                    order_up_to: r.order_up_to,
                    policy,
                }
            })
            .collect();
        self.splits(&routes);
        // A backup stands in for a route of the same part.
        for (i, r) in routes.iter().enumerate() {
            if let Policy::Backup { primary, .. } = r.policy
                && let Some(p) = routes.get(primary.index())
                && p.part != r.part
            {
                self.at_item(&r.name);
                self.error(
                    field!(routes[i].policy.primary),
                    None,
                    format!(
                        "the backup carries another part than its primary {:?}",
                        p.name
                    ),
                );
            }
        }
        routes
    }

    /// The split routes of a part share one order: the same timetable and
    /// order-up-to level, and shares that sum to 1.
    pub(super) fn splits(&mut self, routes: &[Route]) {
        let share = |r: &Route| match r.policy {
            Policy::Split { share } => Some(share),
            _ => None,
        };
        let mut seen = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            if share(r).is_none() || seen.contains(&r.part) {
                continue;
            }
            seen.push(r.part);
            let group: Vec<(usize, &Route)> = routes
                .iter()
                .enumerate()
                .filter(|(_, q)| q.part == r.part && share(q).is_some())
                .collect();
            for &(k, q) in &group[1..] {
                self.at_item(&q.name);
                for (field, same) in [
                    ("first_departure", q.first_departure == r.first_departure),
                    ("every", q.every == r.every),
                    ("order_up_to", q.order_up_to == r.order_up_to),
                ] {
                    if !same {
                        self.error(
                            field!(routes[k].{field}),
                            None,
                            format!(
                                "a split route orders together with {:?}: its {field} must be the same",
                                r.name
                            ),
                        );
                    }
                }
            }
            let sum: f64 = group.iter().filter_map(|(_, q)| share(q)).sum();
            if !sums_to_one(sum) {
                self.at_item(&r.name);
                let names: Vec<&str> = group.iter().map(|(_, q)| q.name.as_str()).collect();
                self.error(
                    field!(routes[i].policy.share),
                    None,
                    format!(
                        "the shares of the split routes {} sum to {sum}, not 1",
                        names.join(", ")
                    ),
                );
            }
        }
    }
}
