//! From the file as written to a checked [`Scenario`]: resolves names, converts
//! units and reports every problem found, not only the first.

mod path;

use std::collections::{BTreeMap, HashMap};

use super::error::{Diagnostic, ScenarioError};
use super::file::*;
use super::ids::{MAX_ITEMS, PartId, RouteId, StationId, SupplierId};
use super::limits::*;
use super::load::{Merged, locate, position_of};
use super::model::*;
use super::shifts::WorkCalendar;
use crate::time::HOUR;

use path::{FieldPath, field};

/// Checks a merged scenario file and builds the validated scenario.
pub fn validate(merged: &Merged) -> Result<Scenario, ScenarioError> {
    let mut c = Checker {
        merged,
        diags: Vec::new(),
        anchor: None,
    };
    let scenario = c.scenario();
    if c.diags.is_empty() {
        Ok(scenario.expect("no diagnostics implies a scenario"))
    } else {
        Err(ScenarioError::Invalid(c.diags))
    }
}

struct Checker<'a> {
    merged: &'a Merged,
    diags: Vec<Diagnostic>,
    /// `name: "..."` of the item being checked, to find its fields in the text.
    anchor: Option<String>,
}

/// What `resolve` gives for a name that is not defined (reported already).
const UNRESOLVED: usize = usize::MAX;

/// Names of one kind of thing, to resolve references and catch duplicates.
struct Names(HashMap<String, usize>, Vec<String>);

impl Names {
    fn get(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }
    fn known(&self) -> String {
        if self.1.is_empty() {
            "none are defined".to_string()
        } else {
            format!("known: {}", self.1.join(", "))
        }
    }
}

impl Checker<'_> {
    /// Records a problem in top-level field `top`, pointing at where `path`
    /// is written in that field's file (or its nearest enclosing item); only
    /// for a path the file does not spell out (a default), at `needle`'s
    /// first occurrence or the field's name inside the item being checked.
    fn error(&mut self, path: FieldPath, needle: Option<&str>, message: String) {
        let source = self.merged.origin(path.top());
        let shown = path.to_string();
        let written = if path.is_whole() {
            None
        } else {
            source.spans.find(&shown)
        };
        let position = written.or_else(|| match needle {
            Some(n) => locate(&source.text, n),
            None => self.locate_field(&source.text, &path),
        });
        self.diags.push(Diagnostic {
            file: source.path.clone(),
            position,
            path: shown,
            message,
        });
    }

    /// Where the field `path` ends with is written: searched from the current
    /// item's `name: "..."`, or from the top-level field.
    fn locate_field(&self, text: &str, path: &FieldPath) -> Option<(usize, usize)> {
        let key = path.last_key()?;
        let from = self
            .anchor
            .as_ref()
            .and_then(|a| text.find(a.as_str()))
            .or_else(|| text.find(&format!("{}:", path.top())))?;
        let offset = text[from..]
            .find(&format!("{key}:"))
            .map_or(from, |o| from + o);
        Some(position_of(text, offset))
    }

    /// Sets the item whose fields errors point into.
    fn at_item(&mut self, name: &str) {
        self.anchor = Some(format!("name: {name:?}"));
    }

    fn names<'n>(
        &mut self,
        what: &str,
        items: impl Iterator<Item = (FieldPath, &'n str)>,
    ) -> Names {
        let mut map = HashMap::new();
        let mut order = Vec::new();
        for (i, (path, name)) in items.enumerate() {
            if i == MAX_ITEMS {
                self.error(
                    path.clone(),
                    None,
                    format!(
                        "at most {MAX_ITEMS} of each kind of item; this is {what} {}",
                        i + 1
                    ),
                );
            }
            if name.trim().is_empty() {
                self.error(path, None, format!("{what} name is empty"));
            } else if map.insert(name.to_string(), i).is_some() {
                self.error(
                    path,
                    Some(&format!("{name:?}")),
                    format!("{what} {name:?} is defined twice"),
                );
            }
            order.push(name.to_string());
        }
        Names(map, order)
    }

    fn resolve(&mut self, names: &Names, path: FieldPath, what: &str, name: &str) -> usize {
        match names.get(name) {
            Some(i) => i,
            None => {
                let known = names.known();
                self.error(
                    path,
                    Some(&format!("{name:?}")),
                    format!("unknown {what} {name:?} ({known})"),
                );
                UNRESOLVED
            }
        }
    }

    /// A partial capacity: a share of the full rate or speed, in (0, 1].
    fn fraction(&mut self, path: FieldPath, value: f64) -> f64 {
        if !(value > 0.0 && value <= 1.0) {
            self.error(
                path,
                None,
                format!(
                    "a capacity factor must be in (0, 1] (a share of the full rate), got {value}"
                ),
            );
        }
        value
    }

    fn positive(&mut self, path: FieldPath, value: f64, what: &str) -> f64 {
        if !(value > 0.0 && value.is_finite()) {
            self.error(path, None, format!("{what} must be positive, got {value}"));
        }
        value
    }

    fn dist(&mut self, path: FieldPath, d: &DistFile) -> Dist {
        match *d {
            DistFile::Fixed(v) => {
                self.positive(path, v.secs(), "a fixed duration");
                Dist::Fixed(v.secs())
            }
            DistFile::Exponential { mean } => {
                self.positive(field!((path).mean), mean.secs(), "the mean");
                Dist::Exponential { mean: mean.secs() }
            }
            DistFile::LogNormal { mean, cv } => {
                self.positive(field!((path).mean), mean.secs(), "the mean");
                if !(cv >= 0.0 && cv.is_finite()) {
                    self.error(
                        field!((path).cv),
                        None,
                        format!("cv must be >= 0, got {cv}"),
                    );
                }
                if cv == 0.0 {
                    Dist::Fixed(mean.secs())
                } else {
                    Dist::LogNormal {
                        mean: mean.secs(),
                        cv,
                    }
                }
            }
            DistFile::Uniform { min, max } => {
                if min.secs() < 0.0 || max.secs() < min.secs() || max.secs() <= 0.0 {
                    self.error(
                        path,
                        None,
                        format!(
                            "uniform needs 0 <= min <= max and max > 0, got min {min}, max {max}"
                        ),
                    );
                }
                Dist::Uniform {
                    min: min.secs(),
                    max: max.secs(),
                }
            }
        }
    }

    fn required<'f, T>(&mut self, value: &'f Option<T>, field: &'static str) -> Option<&'f T> {
        if value.is_none() {
            self.error(
                FieldPath::whole(field),
                None,
                format!("missing field `{field}`"),
            );
        }
        value.as_ref()
    }

    fn scenario(&mut self) -> Option<Scenario> {
        let merged = self.merged;
        let f = &merged.file;
        let run = self.required(&f.run, "run");
        let parts_file = self.required(&f.parts, "parts");
        let line_file = self.required(&f.line, "line");
        let (horizon, warmup, seed) = run.map(|r| self.run(r)).unwrap_or((0.0, 0.0, 0));
        let empty = Vec::new();
        let parts_file = parts_file.unwrap_or(&empty);
        let mut parts: Vec<Part> = parts_file
            .iter()
            .map(|p| Part {
                name: p.name.clone(),
                per_robot: p.per_robot,
                on_hand: p.on_hand,
                held_by: None,
            })
            .collect();
        let part_names = self.names(
            "part",
            parts_file
                .iter()
                .enumerate()
                .map(|(i, p)| (field!(parts[i].name), p.name.as_str())),
        );
        let (calendars, calendar_names) =
            self.calendars(f.calendars.as_deref().unwrap_or(&[]), horizon);
        let suppliers = self.suppliers(
            f.suppliers.as_deref().unwrap_or(&[]),
            &part_names,
            &calendar_names,
        );
        let supplier_names = self.names(
            "supplier",
            suppliers
                .iter()
                .enumerate()
                .map(|(i, s)| (field!(suppliers[i].name), s.name.as_str())),
        );
        let routes = self.routes(
            f.routes.as_deref().unwrap_or(&[]),
            &supplier_names,
            &suppliers,
            &calendar_names,
        );
        let line =
            line_file.map(|l| self.line(l, &part_names, &calendar_names, &calendars, horizon));
        if let Some(line) = &line {
            self.tiers(&mut parts, &suppliers, line);
        }
        let disruptions = match (&line, f.disruptions.as_ref()) {
            (Some(line), list) => {
                let all: Vec<(&'static str, usize, &DisruptionFile)> = list
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, d)| ("disruptions", i, d))
                    .chain(
                        f.add_disruptions
                            .iter()
                            .enumerate()
                            .map(|(i, d)| ("add_disruptions", i, d)),
                    )
                    .collect();
                self.disruptions(&all, &suppliers, &routes, line)
            }
            _ => Vec::new(),
        };
        if let Some(line) = &line {
            self.bill_of_materials(&parts, &suppliers, &routes, line);
            self.limits(horizon, &parts, &suppliers, &routes, line, &disruptions);
        }
        let line = line?;
        if f.name.as_ref().is_some_and(|n| n.trim().is_empty()) {
            self.anchor = None;
            self.error(field!(name), None, "the scenario's name is empty".into());
        }
        let name = f.name.clone().unwrap_or_else(|| {
            std::path::Path::new(&self.merged.leaf.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        let costs = f.costs.as_ref().map(|c| self.costs(c, &parts, &routes));
        let stress = self.stress(f.stress.as_ref(), horizon, &suppliers, &routes, &line);
        Some(Scenario {
            name,
            description: f.description.clone().unwrap_or_default(),
            source: self.merged.leaf.path.clone(),
            horizon,
            warmup,
            seed,
            parts,
            suppliers,
            routes,
            line,
            disruptions,
            costs,
            stress,
            calendars,
        })
    }

    /// Named calendars: shifts "HH:MM-HH:MM" that do not overlap, known
    /// weekdays, valid holiday windows, and some working time before the
    /// horizon.
    fn calendars(&mut self, list: &[CalendarFile], horizon: f64) -> (Vec<WorkCalendar>, Names) {
        let names = self.names(
            "calendar",
            list.iter()
                .enumerate()
                .map(|(i, c)| (field!(calendars[i].name), c.name.as_str())),
        );
        let calendars = list
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.at_item(&c.name);
                let written = c
                    .shifts
                    .clone()
                    .unwrap_or_else(|| vec!["00:00-24:00".into()]);
                let mut shifts = Vec::new();
                for (k, text) in written.iter().enumerate() {
                    match parse_shift(text) {
                        Ok(s) => shifts.push(s),
                        Err(why) => self.error(
                            field!(calendars[i].shifts[k]),
                            Some(&format!("{text:?}")),
                            format!("shift {text:?}: {why}"),
                        ),
                    }
                }
                let days: Vec<usize> = match &c.days {
                    Some(d) => d.iter().map(|&w| w as usize).collect(),
                    None => (0..7).collect(),
                };
                let mut seen = [false; 7];
                for &d in &days {
                    if std::mem::replace(&mut seen[d], true) {
                        self.error(
                            field!(calendars[i].days),
                            None,
                            format!("{:?} is named twice", DAY_NAMES[d]),
                        );
                    }
                }
                let week = match super::shifts::week_of(&shifts, &days) {
                    Ok(w) => w,
                    Err((a, b)) => {
                        let (a, b) = (&written[a], &written[b]);
                        let message = if a == b {
                            format!(
                                "shift {a:?} overlaps itself on consecutive days (more than 24 h)"
                            )
                        } else {
                            format!("shifts {a:?} and {b:?} overlap: working time is given twice")
                        };
                        self.error(field!(calendars[i].shifts), None, message);
                        Vec::new()
                    }
                };
                let closed = c
                    .holidays
                    .iter()
                    .enumerate()
                    .map(|(k, w)| self.window(field!(calendars[i].holidays[k]), w))
                    .collect();
                let calendar = WorkCalendar {
                    name: c.name.clone(),
                    week,
                    closed,
                };
                if calendar.advance(0.0, 1.0, horizon).is_none() {
                    self.error(
                        field!(calendars[i]),
                        Some(&format!("{:?}", c.name)),
                        format!(
                            "calendar {:?} has no working time before the horizon",
                            c.name
                        ),
                    );
                }
                calendar
            })
            .collect();
        (calendars, names)
    }

    /// Money: known parts and routes, amounts finite and >= 0.
    fn costs(&mut self, c: &CostsFile, parts: &[Part], routes: &[Route]) -> Costs {
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
        Costs {
            currency: c.currency.clone(),
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

    /// The stress test's nodes: every supplier, route and line station, then
    /// the named groups; each with its time to recover.
    fn stress(
        &mut self,
        s: Option<&StressFile>,
        horizon: f64,
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
    ) -> Stress {
        let top = "stress";
        self.anchor = None;
        let start = s
            .and_then(|s| s.start)
            .map_or(10.0 * crate::time::DAY, |v| v.secs());
        if s.is_some_and(|s| s.start.is_some()) && !(start >= 0.0 && start < horizon) {
            self.error(
                field!(stress.start),
                None,
                "the outages' start must lie in [0, horizon)".into(),
            );
        }
        let default_ttr = s
            .and_then(|s| s.default_ttr)
            .map_or(72.0 * HOUR, |v| v.secs());
        if !(default_ttr > 0.0 && default_ttr.is_finite()) {
            self.error(
                field!(stress.default_ttr),
                None,
                format!("a time to recover must be positive, got {default_ttr} s"),
            );
        }
        let mut nodes: Vec<Node> = Vec::new();
        for (i, x) in suppliers.iter().enumerate() {
            nodes.push(Node {
                name: x.name.clone(),
                effects: vec![Effect::SupplierOutage(SupplierId::new(i))],
                ttr: default_ttr,
            });
        }
        for (i, x) in routes.iter().enumerate() {
            nodes.push(Node {
                name: x.name.clone(),
                effects: vec![Effect::RouteClosure(RouteId::new(i))],
                ttr: default_ttr,
            });
        }
        for (i, x) in line.stations.iter().enumerate() {
            nodes.push(Node {
                name: x.name.clone(),
                effects: vec![Effect::StationDown(StationId::new(i))],
                ttr: default_ttr,
            });
        }
        // Names that two kinds of node share only matter to a scenario that
        // sets up the stress test; `taktline stress` refuses them otherwise.
        for (k, n) in nodes.iter().enumerate().filter(|_| s.is_some()) {
            if nodes[..k].iter().any(|m| m.name == n.name) {
                self.error(FieldPath::whole(top), None, format!("{:?} names two nodes (a supplier, route or station): rename one to stress-test it", n.name));
            }
        }
        for (g, group) in s.iter().flat_map(|s| s.groups.iter()).enumerate() {
            let path = field!(stress.groups[g]);
            let mut effects = Vec::new();
            for m in &group.members {
                match nodes.iter().find(|n| n.name == *m) {
                    Some(n) => effects.extend(n.effects.iter().copied()),
                    None => {
                        let known: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
                        self.error(
                            field!((path).members),
                            None,
                            format!("unknown node {m:?} (known: {})", known.join(", ")),
                        );
                    }
                }
            }
            if group.members.is_empty() {
                self.error(
                    field!((path).members),
                    None,
                    "a group needs at least one member".into(),
                );
            }
            if nodes.iter().any(|n| n.name == group.name) {
                self.error(
                    field!((path).name),
                    None,
                    format!("{:?} is already a node's name", group.name),
                );
            }
            nodes.push(Node {
                name: group.name.clone(),
                effects,
                ttr: default_ttr,
            });
        }
        for (name, ttr) in s.iter().flat_map(|s| s.ttr.iter()) {
            let path = field!(stress.ttr.{name});
            if !(ttr.secs() > 0.0 && ttr.secs().is_finite()) {
                self.error(
                    path.clone(),
                    None,
                    format!("a time to recover must be positive, got {ttr}"),
                );
            }
            match nodes.iter_mut().find(|n| n.name == *name) {
                Some(n) => n.ttr = ttr.secs(),
                None => self.error(path, None, format!("unknown node {name:?}")),
            }
        }
        Stress { start, nodes }
    }

    fn run(&mut self, r: &RunFile) -> (f64, f64, u64) {
        self.anchor = None;
        let horizon = self.positive(field!(run.horizon), r.horizon.secs(), "the horizon");
        let warmup = r.warmup.map_or(crate::time::DAY, |w| w.secs());
        if warmup < 0.0 || (horizon > 0.0 && warmup + MIN_MEASURED > horizon) {
            self.error(
                field!(run.warmup),
                None,
                format!(
                    "warm-up must be >= 0 and end at least {} before the horizon, got {}",
                    crate::time::format_span(MIN_MEASURED),
                    crate::time::format_span(warmup)
                ),
            );
        }
        (horizon, warmup, r.seed.unwrap_or(1))
    }

    fn suppliers(
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
                if s.fg_cap == 0 {
                    self.error(
                        field!(suppliers[i].fg_cap),
                        None,
                        "the finished-goods cap must be at least 1".into(),
                    );
                }
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
                    self.positive(field!(suppliers[i].ramp_up), r.secs(), "the ramp-up time")
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

    fn routes(
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
                let every = self.positive(
                    field!(routes[i].every),
                    r.every.secs(),
                    "the departure period",
                );
                if r.first_departure.secs() < 0.0 {
                    self.error(
                        field!(routes[i].first_departure),
                        None,
                        "the first departure must be >= 0".into(),
                    );
                }
                if r.truck_capacity == 0 {
                    self.error(
                        field!(routes[i].truck_capacity),
                        None,
                        "truck capacity must be at least 1".into(),
                    );
                }
                if r.order_up_to == 0 {
                    self.error(
                        field!(routes[i].order_up_to),
                        None,
                        "the order-up-to level must be at least 1".into(),
                    );
                }
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
                        lead_time: self.positive(
                            field!(routes[i].policy.lead_time),
                            lead_time.secs(),
                            "the order lead time",
                        ),
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
                            min_gap: self.positive(
                                field!(routes[i].policy.min_gap),
                                min_gap.secs(),
                                "the minimum time between emergency orders",
                            ),
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
    fn splits(&mut self, routes: &[Route]) {
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

    fn line(
        &mut self,
        l: &LineFile,
        parts: &Names,
        calendar_names: &Names,
        calendars: &[WorkCalendar],
        horizon: f64,
    ) -> Line {
        self.anchor = None;
        let takt = self.positive(field!(line.takt), l.takt.secs(), "the takt");
        if l.stations.is_empty() {
            self.error(
                field!(line.stations),
                None,
                "the line needs at least one station".into(),
            );
        }
        let mut station_names = self.names(
            "station",
            l.stations
                .iter()
                .enumerate()
                .map(|(i, s)| (field!(line.stations[i].name), s.name.as_str())),
        );
        let stations: Vec<Station> = l
            .stations
            .iter()
            .enumerate()
            .map(|(i, s)| self.station(i, s, parts, l.paced))
            .collect();
        self.anchor = None;
        let release = match &l.release {
            None | Some(ReleaseFile::Takt) => Release::Takt,
            Some(ReleaseFile::Random(d)) => Release::Random(self.dist(field!(line.release), d)),
            Some(ReleaseFile::Conwip { wip }) => {
                if *wip == 0 {
                    self.error(
                        field!(line.release.wip),
                        None,
                        "a CONWIP line needs at least 1 robot in it".into(),
                    );
                }
                Release::Conwip { wip: *wip }
            }
        };
        if l.paced && release != Release::Takt {
            self.error(
                field!(line.release),
                None,
                "a paced line releases on its takt: use `release: Takt`".into(),
            );
        }
        let test = l.test.as_ref().map(|t| {
            let station = StationId::new(self.resolve(
                &station_names,
                field!(line.test.station),
                "station",
                &t.station,
            ));
            if !(t.first_pass_yield > 0.0 && t.first_pass_yield <= 1.0) {
                self.error(
                    field!(line.test.first_pass_yield),
                    None,
                    format!(
                        "the yield must be in (0, 1], got {} (at 0 no robot ever passes and rework never ends)",
                        t.first_pass_yield
                    ),
                );
            }
            if station_names.get(&t.rework.name).is_some() {
                self.error(
                    field!(line.test.rework.name),
                    Some(&format!("{:?}", t.rework.name)),
                    format!("rework station {:?} has the name of a line station", t.rework.name),
                );
            }
            station_names.1.push(t.rework.name.clone());
            if l.paced && station.index().checked_add(1) != Some(l.stations.len()) {
                self.error(field!(line.test.station), None, "in a paced line the test station must be the last".into());
            }
            if !(0.0..=1.0).contains(&t.scrap) {
                self.error(
                    field!(line.test.scrap),
                    None,
                    format!(
                        "the scrap probability must be in [0, 1], got {}",
                        t.scrap
                    ),
                );
            }
            Test {
                station,
                first_pass_yield: t.first_pass_yield,
                scrap: t.scrap,
                rework_name: t.rework.name.clone(),
                rework_process: self.dist(field!(line.test.rework.process), &t.rework.process),
            }
        });
        let planned_downtime: Vec<Window> = l
            .planned_downtime
            .iter()
            .enumerate()
            .map(|(i, w)| self.window(field!(line.planned_downtime[i]), w))
            .collect();
        let location = self.location(field!(line.location), l.location);
        let calendar = l
            .calendar
            .as_ref()
            .map(|c| self.resolve(calendar_names, field!(line.calendar), "calendar", c));
        let work = match calendar.and_then(|c| calendars.get(c)) {
            Some(c) => Some(WorkCalendar {
                closed: [c.closed.clone(), planned_downtime.clone()].concat(),
                ..c.clone()
            }),
            None if !planned_downtime.is_empty() => Some(WorkCalendar::always(
                "planned downtime",
                planned_downtime.clone(),
            )),
            None => None,
        };
        if let Some(w) = &work
            && calendar.is_some()
            && w.advance(0.0, 1.0, horizon).is_none()
        {
            self.error(
                field!(line.calendar),
                None,
                "with its planned downtime, the line's calendar leaves no working time before the horizon".into(),
            );
        }
        let overtime = l.overtime.as_ref().map(|o| {
            if calendar.is_none() && planned_downtime.is_empty() {
                self.error(
                    field!(line.overtime),
                    None,
                    "overtime extends working time: give the line a calendar or planned downtime"
                        .into(),
                );
            }
            Overtime {
                backlog_above: o.backlog_above,
                up_to: self.positive(
                    field!(line.overtime.up_to),
                    o.up_to.secs(),
                    "the longest overtime",
                ),
            }
        });
        let (models, mix) = self.models(l, &stations, parts);
        Line {
            takt,
            release,
            paced: l.paced,
            stations,
            test,
            planned_downtime,
            location,
            work,
            overtime,
            models,
            mix,
        }
    }

    /// Robot models: known stations and parts, some parts for each model,
    /// and a mix of known models (shares in [0, 1] summing to 1).
    fn models(
        &mut self,
        l: &LineFile,
        stations: &[Station],
        parts: &Names,
    ) -> (Vec<Model>, Option<Mix>) {
        self.anchor = None;
        let names = self.names(
            "model",
            l.models
                .iter()
                .enumerate()
                .map(|(i, m)| (field!(line.models[i].name), m.name.as_str())),
        );
        let models: Vec<Model> = l
            .models
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut consumes: Vec<Vec<(PartId, u32)>> =
                    stations.iter().map(|s| s.consumes.clone()).collect();
                let mut process: Vec<Dist> = stations.iter().map(|s| s.process).collect();
                for (st, work) in &m.stations {
                    let path = field!(line.models[i].stations.{st});
                    let Some(k) = stations.iter().position(|s| &s.name == st) else {
                        let known: Vec<&str> = stations.iter().map(|s| s.name.as_str()).collect();
                        self.error(
                            path,
                            Some(&format!("{st:?}")),
                            format!("unknown station {st:?} (known: {})", known.join(", ")),
                        );
                        continue;
                    };
                    if let Some(c) = &work.consumes {
                        consumes[k] = c
                            .iter()
                            .map(|(part, &n)| {
                                let p = self.resolve(
                                    parts,
                                    field!((path).consumes.{part}),
                                    "part",
                                    part,
                                );
                                (PartId::new(p), n)
                            })
                            .filter(|&(_, n)| n > 0)
                            .collect();
                    }
                    if let Some(d) = &work.process {
                        process[k] = self.dist(field!((path).process), d);
                    }
                }
                if consumes.iter().all(Vec::is_empty) {
                    self.error(
                        field!(line.models[i]),
                        Some(&format!("{:?}", m.name)),
                        format!("model {:?} takes no parts at any station", m.name),
                    );
                }
                Model {
                    name: m.name.clone(),
                    consumes,
                    process,
                }
            })
            .collect();
        let mix = match (&l.mix, models.is_empty()) {
            (None, true) => None,
            (None, false) => {
                self.error(
                    field!(line.models),
                    None,
                    "with models, give the line a mix: Sequence([...]) or Shares({...})".into(),
                );
                None
            }
            (Some(_), true) => {
                self.error(field!(line.mix), None, "a mix needs models".into());
                None
            }
            (Some(MixFile::Sequence(seq)), false) => {
                if seq.is_empty() {
                    self.error(field!(line.mix), None, "the sequence is empty".into());
                }
                let ids = seq
                    .iter()
                    .map(|m| self.resolve(&names, field!(line.mix), "model", m))
                    .collect();
                Some(Mix::Sequence(ids))
            }
            (Some(MixFile::Shares(shares)), false) => {
                let mut by_model = vec![0.0; models.len()];
                for (m, &x) in shares {
                    let k = self.resolve(&names, field!(line.mix.{m}), "model", m);
                    if !(0.0..=1.0).contains(&x) {
                        self.error(
                            field!(line.mix.{m}),
                            None,
                            format!("a share is between 0 and 1, got {x}"),
                        );
                    }
                    if let Some(v) = by_model.get_mut(k) {
                        *v = x;
                    }
                }
                let sum: f64 = shares.values().sum();
                if !sums_to_one(sum) {
                    self.error(
                        field!(line.mix),
                        None,
                        format!("the models' shares sum to {sum}, not 1"),
                    );
                }
                Some(Mix::Shares(by_model))
            }
        };
        (models, mix)
    }

    /// A `(latitude, longitude)` that must be finite and on the viewer's map.
    fn location(&mut self, path: FieldPath, at: Option<(f64, f64)>) -> Option<Location> {
        let (lat, lon) = at?;
        let on_map = (MAP_SOUTH..=MAP_NORTH).contains(&lat) && (MAP_WEST..=MAP_EAST).contains(&lon);
        if !on_map {
            self.error(
                path,
                None,
                format!(
                    "location ({lat}, {lon}) must be (latitude, longitude) in degrees on the map: \
                     latitude {MAP_SOUTH} to {MAP_NORTH} N, longitude {MAP_WEST} to {MAP_EAST} E"
                ),
            );
            return None;
        }
        Some(Location { lat, lon })
    }

    fn station(&mut self, i: usize, s: &StationFile, parts: &Names, paced: bool) -> Station {
        let path = field!(line.stations[i]);
        self.at_item(&s.name);
        let servers = s.servers.unwrap_or(1);
        if servers == 0 {
            self.error(
                field!((path).servers),
                None,
                "a station needs at least 1 server".into(),
            );
        }
        if servers > MAX_SERVERS {
            self.error(
                field!((path).servers),
                None,
                format!("at most {MAX_SERVERS} servers per station, got {servers}"),
            );
        }
        if paced && servers > 1 {
            self.error(
                field!((path).servers),
                None,
                "a paced line has one server per station".into(),
            );
        }
        if let BufferFile::Slots(n) = s.buffer
            && n > MAX_BUFFER
        {
            self.error(
                field!((path).buffer),
                None,
                format!(
                    "at most {MAX_BUFFER} buffer slots, got {n} (write \"unbounded\" for no limit)"
                ),
            );
        }
        let buffer = match s.buffer {
            BufferFile::Slots(n) => Some(usize::try_from(n.min(MAX_BUFFER)).unwrap_or(usize::MAX)),
            BufferFile::Unbounded => None,
        };
        if paced && buffer != Some(0) {
            self.error(
                field!((path).buffer),
                None,
                "a paced line has no buffers: set buffer to 0".into(),
            );
        }
        let consumes = s
            .consumes
            .iter()
            .map(|(name, &qty)| {
                let part =
                    PartId::new(self.resolve(parts, field!((path).consumes.{name}), "part", name));
                if qty == 0 {
                    self.error(
                        field!((path).consumes.{name}),
                        None,
                        "a consumed quantity must be at least 1".into(),
                    );
                }
                (part, qty)
            })
            .collect();
        let failures = s.failures.as_ref().map(|f| Failures {
            mtbf: self.positive(field!((path).failures.mtbf), f.mtbf.secs(), "MTBF"),
            mttr: self.positive(field!((path).failures.mttr), f.mttr.secs(), "MTTR"),
        });
        Station {
            name: s.name.clone(),
            title: s.title.clone(),
            buffer,
            servers: servers.min(MAX_SERVERS) as usize,
            consumes,
            process: self.dist(field!((path).process), &s.process),
            failures,
        }
    }

    fn window(&mut self, path: FieldPath, w: &WindowFile) -> Window {
        if w.start.secs() < 0.0 {
            self.error(field!((path).start), None, "the start must be >= 0".into());
        }
        self.positive(field!((path).duration), w.duration.secs(), "the duration");
        if let Some(every) = w.every
            && every.secs() <= w.duration.secs()
        {
            self.error(
                field!((path).every),
                None,
                format!(
                    "the period {every} must be longer than the window {}",
                    w.duration
                ),
            );
        }
        Window {
            start: w.start.secs(),
            duration: w.duration.secs(),
            every: w.every.map(|e| e.secs()),
        }
    }

    fn disruptions(
        &mut self,
        all: &[(&'static str, usize, &DisruptionFile)],
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
    ) -> Vec<Disruption> {
        let index = |names: Vec<&str>| -> Names {
            Names(
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.to_string(), i))
                    .collect(),
                names.iter().map(|n| n.to_string()).collect(),
            )
        };
        let sup = index(suppliers.iter().map(|s| s.name.as_str()).collect());
        let rts = index(routes.iter().map(|r| r.name.as_str()).collect());
        let sts = index(line.stations.iter().map(|s| s.name.as_str()).collect());
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
                        if start.secs() < 0.0 {
                            self.error(field!((path).start), None, "the start must be >= 0".into());
                        }
                        if duration.secs() < 0.0 {
                            self.error(
                                field!((path).duration),
                                None,
                                "the duration must be >= 0".into(),
                            );
                        }
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
                        let mean_between = self.positive(
                            field!((path).mean_between),
                            mean_between.secs(),
                            "the mean time between arrivals",
                        );
                        let duration = self.dist(field!((path).duration), duration);
                        (
                            name,
                            effects,
                            Timing::Random {
                                mean_between,
                                duration,
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

    /// Tier 2: a supplier's input is held by that supplier alone, is not a
    /// part of the robot, and no supplier needs its own part, directly or
    /// through its suppliers; a part neither the robot nor a supplier uses
    /// is a mistake. Sets each input's `held_by`.
    fn tiers(&mut self, parts: &mut [Part], suppliers: &[Supplier], line: &Line) {
        for (i, s) in suppliers.iter().enumerate() {
            self.at_item(&s.name);
            for &(p, _) in &s.needs {
                let Some(part) = parts.get_mut(p.index()) else {
                    continue;
                };
                let path = field!(suppliers[i].needs.{&part.name});
                let needle = format!("{:?}", part.name);
                let on_line = line
                    .stations
                    .iter()
                    .any(|st| st.consumes.iter().any(|&(q, _)| q == p));
                if part.per_robot > 0 || on_line {
                    let message = format!(
                        "{} is a part of the robot, held at the factory; a supplier's input must be a part of its own with per_robot: 0",
                        part.name
                    );
                    self.error(path, Some(&needle), message);
                } else if let Some(other) = part.held_by {
                    let message = format!(
                        "{} is needed by both {} and {}: an input is held by one supplier",
                        part.name,
                        suppliers[other.index()].name,
                        s.name
                    );
                    self.error(path, Some(&needle), message);
                } else {
                    part.held_by = Some(SupplierId::new(i));
                }
            }
        }
        // A supplier needing its own part, through any chain of suppliers,
        // would wait for itself forever.
        for (i, s) in suppliers.iter().enumerate() {
            if let Some(chain) = needs_chain(suppliers, i) {
                self.at_item(&s.name);
                let names: Vec<&str> = chain.iter().map(|&k| suppliers[k].name.as_str()).collect();
                self.error(
                    field!(suppliers[i].needs),
                    None,
                    format!(
                        "{} needs its own output: {} (a cycle of suppliers)",
                        s.name,
                        names.join(" -> ")
                    ),
                );
            }
        }
        self.anchor = None;
        for (p, part) in parts.iter().enumerate() {
            if part.per_robot == 0 && part.held_by.is_none() {
                self.error(
                    field!(parts[p].per_robot),
                    Some(&format!("{:?}", part.name)),
                    format!(
                        "{} is used by neither the robot (per_robot is 0) nor any supplier (no `needs` names it)",
                        part.name
                    ),
                );
            }
        }
    }

    /// Every consumed part must be delivered by some route, the stations must
    /// consume what the bill of materials says, and no station may ask for more
    /// at once than factory stock can ever hold (it would wait forever).
    fn bill_of_materials(
        &mut self,
        parts: &[Part],
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
    ) {
        self.anchor = None;
        // A route whose supplier is unknown (reported already) may be the one
        // that delivers a part: then "no route delivers it" is not said.
        let unresolved = routes.iter().any(|r| r.part.index() >= parts.len());
        for (p, part) in parts.iter().enumerate() {
            let p = PartId::new(p);
            // Summed as u64: per-station quantities are u32 and must not wrap.
            let consumed: u64 = line
                .stations
                .iter()
                .flat_map(|s| s.consumes.iter())
                .filter(|(q, _)| *q == p)
                .map(|&(_, n)| u64::from(n))
                .sum();
            let needle = format!("{:?}", part.name);
            if consumed != u64::from(part.per_robot) {
                self.error(
                    field!(parts[p.index()].per_robot),
                    Some(&needle),
                    format!(
                        "the bill of materials says {} {} per robot but the stations consume {consumed}",
                        part.per_robot, part.name
                    ),
                );
            }
            let held = part.held_by.map(|s| suppliers[s.index()].name.as_str());
            if consumed == 0 && held.is_none() {
                continue;
            }
            let delivering: Vec<&Route> = routes.iter().filter(|r| r.part == p).collect();
            if delivering.is_empty() && unresolved {
                continue;
            }
            if delivering.is_empty() {
                let by_supplier = suppliers.iter().any(|s| s.part == p);
                let why = match (by_supplier, held) {
                    (true, Some(h)) => format!("its supplier has no route to {h}"),
                    (true, None) => "its supplier has no route to the factory".to_string(),
                    (false, _) => "no supplier makes it".to_string(),
                };
                let user = held.map_or("the line".to_string(), |h| h.to_string());
                self.error(
                    field!(parts[p.index()]),
                    Some(&needle),
                    format!("{user} consumes {} but {why}", part.name),
                );
                continue;
            }
            let ceiling = delivering
                .iter()
                .map(|r| r.order_up_to)
                .max()
                .unwrap_or(0)
                .max(part.on_hand);
            for (k, s) in line.stations.iter().enumerate() {
                for &(q, n) in &s.consumes {
                    if q == p && u64::from(n) > ceiling {
                        self.error(
                            field!(line.stations[k].consumes.{&part.name}),
                            Some(&format!("{:?}", s.name)),
                            format!(
                                "{} takes {n} {} at once but factory stock can never exceed {ceiling} (order-up-to level): the line would wait forever",
                                s.name, part.name
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Every count and duration within its sane range ([`super::limits`]).
    fn limits(
        &mut self,
        horizon: f64,
        parts: &[Part],
        suppliers: &[Supplier],
        routes: &[Route],
        line: &Line,
        disruptions: &[Disruption],
    ) {
        let days = |s: f64| s / crate::time::DAY;
        self.anchor = None;
        if horizon > MAX_SPAN {
            self.error(
                field!(run.horizon),
                None,
                format!(
                    "the horizon may be at most {} days, got {} days",
                    days(MAX_SPAN),
                    days(horizon)
                ),
            );
        }
        for (i, p) in parts.iter().enumerate() {
            self.at_item(&p.name);
            self.at_most(
                field!(parts[i].per_robot),
                p.per_robot.into(),
                MAX_PER_ROBOT.into(),
                "units per robot",
            );
            self.at_most(
                field!(parts[i].on_hand),
                p.on_hand,
                MAX_UNITS,
                "units on hand",
            );
        }
        for (i, s) in suppliers.iter().enumerate() {
            self.at_item(&s.name);
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
            if s.rate * crate::time::HOUR > MAX_RATE_PER_H {
                self.error(
                    field!(suppliers[i].rate_per_h),
                    None,
                    format!("the rate may be at most {MAX_RATE_PER_H} units/h"),
                );
            }
        }
        for (i, r) in routes.iter().enumerate() {
            self.at_item(&r.name);
            self.at_most(
                field!(routes[i].truck_capacity),
                r.truck_capacity,
                MAX_UNITS,
                "units per truck",
            );
            self.at_most(
                field!(routes[i].order_up_to),
                r.order_up_to,
                MAX_UNITS,
                "units",
            );
            self.span_range(
                field!(routes[i].every),
                r.every,
                MIN_PERIOD,
                "the time between departures",
            );
            self.span_range(
                field!(routes[i].first_departure),
                r.first_departure,
                0.0,
                "the first departure",
            );
            self.dist_range(field!(routes[i].transit), &r.transit);
        }
        let top = "line";
        self.anchor = None;
        self.span_range(field!(line.takt), line.takt, MIN_TAKT, "the takt");
        match line.release {
            Release::Random(d) => {
                self.dist_range(field!(line.release), &d);
                if d.mean() < MIN_RELEASE_GAP {
                    self.error(
                        field!(line.release),
                        None,
                        format!(
                            "the mean time between releases must be at least {MIN_RELEASE_GAP} s"
                        ),
                    );
                }
            }
            Release::Conwip { wip } if wip > MAX_WIP => {
                self.error(
                    field!(line.release.wip),
                    None,
                    format!("the CONWIP level may be at most {MAX_WIP} robots, got {wip}"),
                );
            }
            _ => {}
        }
        for (k, w) in line.planned_downtime.iter().enumerate() {
            let path = field!(line.planned_downtime[k]);
            self.span_range(field!((path).start), w.start, 0.0, "the start");
            self.span_range(field!((path).duration), w.duration, 1.0, "the duration");
            if let Some(every) = w.every {
                self.span_range(field!((path).every), every, MIN_PERIOD, "the period");
            }
        }
        for (k, s) in line.stations.iter().enumerate() {
            self.at_item(&s.name);
            let path = field!(line.stations[k]);
            for &(q, n) in &s.consumes {
                self.at_most(
                    field!((path).consumes.{&parts[q.index()].name}),
                    n.into(),
                    MAX_PER_ROBOT.into(),
                    "units per start",
                );
            }
            self.dist_range(field!((path).process), &s.process);
            if let Some(f) = s.failures {
                self.span_range(field!((path).failures.mtbf), f.mtbf, MIN_MTBF, "the MTBF");
                self.span_range(field!((path).failures.mttr), f.mttr, 0.0, "the MTTR");
            }
        }
        if let Some(t) = &line.test {
            self.anchor = None;
            self.dist_range(field!(line.test.rework.process), &t.rework_process);
        }
        // The validated list is the file's `disruptions`, then `add_disruptions`.
        let listed = self.merged.file.disruptions.as_ref().map_or(0, Vec::len);
        for (i, d) in disruptions.iter().enumerate() {
            self.at_item(&d.name);
            let (top, j) = if i < listed {
                (top, i)
            } else {
                ("add_disruptions", i - listed)
            };
            let path = field!((FieldPath::root(top))[j]);
            match d.timing {
                Timing::Scheduled { start, duration } => {
                    self.span_range(field!((path).start), start, 0.0, "the start");
                    if start >= horizon {
                        self.error(
                            field!((path).start),
                            None,
                            format!(
                                "it starts at {}, at or after the horizon ({}): it would never happen",
                                crate::time::format_span(start),
                                crate::time::format_span(horizon)
                            ),
                        );
                    }
                    self.span_range(field!((path).duration), duration, 0.0, "the duration");
                }
                Timing::Random {
                    mean_between,
                    duration,
                } => {
                    self.span_range(
                        field!((path).mean_between),
                        mean_between,
                        MIN_PERIOD,
                        "the mean time between arrivals",
                    );
                    self.dist_range(field!((path).duration), &duration);
                }
            }
            for (k, e) in d.effects.iter().enumerate() {
                if let Effect::RouteSlowdown { factor, .. } = e
                    && *factor > MAX_SLOWDOWN
                {
                    self.error(
                        field!((path).effects[k].factor),
                        None,
                        format!("a slowdown factor may be at most {MAX_SLOWDOWN}, got {factor}"),
                    );
                }
            }
        }
    }

    /// `value` at most `max` (a count in `what`).
    fn at_most(&mut self, path: FieldPath, value: u64, max: u64, what: &str) {
        if value > max {
            self.error(path, None, format!("at most {max} {what}, got {value}"));
        }
    }

    /// A duration [s] finite, at least `min` and at most [`MAX_SPAN`].
    fn span_range(&mut self, path: FieldPath, value: f64, min: f64, what: &str) {
        let shown = crate::time::format_span(value);
        if !value.is_finite() || value > MAX_SPAN {
            self.error(
                path,
                None,
                format!(
                    "{what} is too large: at most {} days",
                    MAX_SPAN / crate::time::DAY
                ),
            );
        } else if value < min {
            self.error(
                path,
                None,
                format!(
                    "{what} must be at least {}, got {shown}",
                    crate::time::format_span(min)
                ),
            );
        }
    }

    /// A distribution whose parameters a sampler can always use.
    fn dist_range(&mut self, path: FieldPath, d: &Dist) {
        match *d {
            Dist::Fixed(v) => self.span_range(path, v, 0.0, "a fixed duration"),
            Dist::Exponential { mean } => {
                self.span_range(field!((path).mean), mean, 0.0, "the mean")
            }
            Dist::LogNormal { mean, cv } => {
                self.span_range(field!((path).mean), mean, 0.0, "the mean");
                if cv > MAX_CV {
                    self.error(
                        field!((path).cv),
                        None,
                        format!("cv may be at most {MAX_CV}, got {cv}"),
                    );
                }
            }
            Dist::Uniform { min, max } => {
                self.span_range(field!((path).min), min, 0.0, "the minimum");
                self.span_range(field!((path).max), max, 0.0, "the maximum");
            }
        }
    }
}

/// The chain of suppliers from `start` back to itself through what each
/// needs and who makes it, if there is one.
fn needs_chain(suppliers: &[Supplier], start: usize) -> Option<Vec<usize>> {
    let makers = |s: usize| {
        suppliers[s]
            .needs
            .iter()
            .flat_map(move |&(p, _)| (0..suppliers.len()).filter(move |&k| suppliers[k].part == p))
    };
    // Depth-first search with the path kept; suppliers are few.
    let mut path = vec![start];
    let mut stack = vec![makers(start).collect::<Vec<_>>()];
    let mut seen = vec![false; suppliers.len()];
    while let Some(next) = stack.last_mut() {
        match next.pop() {
            Some(k) if k == start => {
                path.push(start);
                return Some(path);
            }
            Some(k) if !seen[k] => {
                seen[k] = true;
                path.push(k);
                stack.push(makers(k).collect());
            }
            Some(_) => {}
            None => {
                stack.pop();
                path.pop();
            }
        }
    }
    None
}

/// Weekday names as written, Monday first.
const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A daily shift "HH:MM-HH:MM" as (start, end) seconds after midnight; the
/// end may be 24:00, and an end at or before the start runs past midnight.
fn parse_shift(text: &str) -> Result<(f64, f64), String> {
    let time = |t: &str| -> Result<f64, String> {
        let (h, m) = t
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("{t:?} is not HH:MM"))?;
        let (h, m): (u32, u32) = (
            h.parse().map_err(|_| format!("{t:?} is not HH:MM"))?,
            m.parse().map_err(|_| format!("{t:?} is not HH:MM"))?,
        );
        if m >= 60 || h > 24 || (h == 24 && m > 0) {
            return Err(format!("{t:?} is not a time of day"));
        }
        Ok(f64::from(h * 60 + m) * 60.0)
    };
    let (a, b) = text
        .split_once('-')
        .ok_or_else(|| "write it as \"HH:MM-HH:MM\", e.g. \"06:00-14:00\"".to_string())?;
    let (a, b) = (time(a)?, time(b)?);
    if a >= HOUR * 24.0 {
        return Err("a shift starts before 24:00".into());
    }
    Ok((a, b))
}

/// Whether shares sum to 1, up to rounding in their decimal writing.
fn sums_to_one(sum: f64) -> bool {
    (sum - 1.0).abs() <= 1e-9
}
