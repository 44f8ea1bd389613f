//! Disruptions: scheduled or random, each with its effects on suppliers,
//! routes and stations.

use std::collections::BTreeMap;

use super::Checker;
use super::names::Names;
use super::path::{FieldPath, field};
use super::ranges::Least;
use crate::scenario::file::*;
use crate::scenario::ids::{RouteId, StationId, SupplierId};
use crate::scenario::limits::*;
use crate::scenario::model::*;

impl Checker<'_> {
    pub(super) fn disruptions(
        &mut self,
        all: &[(&'static str, usize, &DisruptionFile)],
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
        horizon: f64,
    ) -> Vec<Disruption> {
        let sup = Names::listed(suppliers.iter().map(|s| s.name.as_str()));
        let rts = Names::listed(routes.iter().map(|r| r.name.as_str()));
        let sts = Names::listed(line.stations.iter().map(|s| s.name.as_str()));
        let mut seen = BTreeMap::new();
        all.iter()
            .map(|&(top, i, d)| {
                let path = field!((FieldPath::root(top))[i]);
                self.anchor = None;
                let (name, effects, timing) = match d {
                    DisruptionFile::Scheduled {
                        name,
                        start,
                        duration,
                        effects,
                    } => {
                        self.span(field!((path).start), start.secs(), Least::Zero, "the start");
                        if start.secs() >= horizon {
                            self.beyond_horizon(
                                field!((path).start),
                                format!(
                                    "it starts at {}, at or after the horizon ({}): it would never happen",
                                    crate::time::format_span(start.secs()),
                                    crate::time::format_span(horizon)
                                ),
                            );
                        }
                        self.span(
                            field!((path).duration),
                            duration.secs(),
                            Least::Zero,
                            "the duration",
                        );
                        (
                            name,
                            effects,
                            Timing::Scheduled {
                                start: start.secs(),
                                duration: duration.secs(),
                            },
                        )
                    }
                    DisruptionFile::Random {
                        name,
                        mean_between,
                        duration,
                        effects,
                    } => {
                        let mean_between = self.span(
                            field!((path).mean_between),
                            mean_between.secs(),
                            Least::Span(MIN_PERIOD),
                            "the mean time between arrivals",
                        );
                        let arrivals = horizon / mean_between;
                        if mean_between >= MIN_PERIOD && arrivals > MAX_RANDOM_ARRIVALS as f64 {
                            self.error(
                                field!((path).mean_between),
                                None,
                                format!(
                                    "one arrival every {} on average is about {:.0} in the horizon ({}); each is studied against the twin, so at most {MAX_RANDOM_ARRIVALS} are allowed: give a longer mean_between, or model frequent short stops as a station's failures (mtbf, mttr)",
                                    crate::time::format_span(mean_between),
                                    arrivals,
                                    crate::time::format_span(horizon)
                                ),
                            );
                        }
                        let duration = self.dist(field!((path).duration), duration);
                        (
                            name,
                            effects,
                            Timing::Random {
                                mean_between,
                                duration,
                                season: None,
                            },
                        )
                    }
                };
                if name.trim().is_empty() {
                    self.error(
                        field!((path).name),
                        None,
                        "a disruption needs a name".into(),
                    );
                }
                if seen.insert(name.clone(), ()).is_some() {
                    self.error(
                        field!((path).name),
                        Some(&format!("{name:?}")),
                        format!("disruption {name:?} is defined twice"),
                    );
                }
                if effects.is_empty() {
                    self.error(
                        field!((path).effects),
                        None,
                        "a disruption needs at least one effect".into(),
                    );
                }
                let effects = effects
                    .iter()
                    .enumerate()
                    .map(|(k, e)| {
                        let p = field!((path).effects[k]);
                        match e {
                            EffectFile::SupplierOutage(s) => Effect::SupplierOutage(
                                SupplierId::new(self.resolve(&sup, p, "supplier", s)),
                            ),
                            EffectFile::RouteClosure(r) => Effect::RouteClosure(RouteId::new(
                                self.resolve(&rts, p, "route", r),
                            )),
                            EffectFile::RouteSlowdown { route, factor } => {
                                let route =
                                    RouteId::new(self.resolve(&rts, p.clone(), "route", route));
                                let factor = self.positive(
                                    field!((p).factor),
                                    *factor,
                                    "the slowdown factor",
                                );
                                if factor > MAX_SLOWDOWN {
                                    self.error(
                                        field!((p).factor),
                                        None,
                                        format!(
                                            "a slowdown factor may be at most {MAX_SLOWDOWN}, got {factor}"
                                        ),
                                    );
                                }
                                Effect::RouteSlowdown { route, factor }
                            }
                            EffectFile::StationDown(s) => Effect::StationDown(StationId::new(
                                self.resolve(&sts, p, "station", s),
                            )),
                            EffectFile::SupplierSlowdown { supplier, factor } => {
                                let supplier = SupplierId::new(self.resolve(
                                    &sup,
                                    p.clone(),
                                    "supplier",
                                    supplier,
                                ));
                                let factor = self.fraction(field!((p).factor), *factor);
                                Effect::SupplierSlowdown { supplier, factor }
                            }
                            EffectFile::StationSlowdown { station, factor } => {
                                let station = StationId::new(self.resolve(
                                    &sts,
                                    p.clone(),
                                    "station",
                                    station,
                                ));
                                let factor = self.fraction(field!((p).factor), *factor);
                                Effect::StationSlowdown { station, factor }
                            }
                        }
                    })
                    .collect();
                Disruption {
                    name: name.clone(),
                    timing,
                    effects,
                }
            })
            .collect()
    }
}
