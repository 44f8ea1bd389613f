//! Setting one scenario parameter by path (`routes.Wenzhou-Shanghai.order_up_to`),
//! for a sweep's `--vary` and for `--days` and `--seed`. Overrides apply to the file as written, so the full
//! validation runs on the result. [`PARAMETERS`] is the one list of paths:
//! `taktline sweep --help` and every error message are made from it.

use super::file::*;
use crate::time::Span;

/// What a `--vary` names: the item (`NAME` in the path, or `*`), the value
/// as written, and the whole path (for messages).
pub struct Setting<'a> {
    /// The item named in the path (`NAME`), or `*` for every item.
    pub name: &'a str,
    /// The value as written.
    pub value: &'a str,
    /// The whole path, for messages.
    pub path: &'a str,
}

/// How a parameter's values are written, and what unit they are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A duration ("36h", "2d").
    Duration,
    /// An instant after the start ("8h", "10d").
    Instant,
    /// A whole number without a unit.
    Count,
    /// A whole number of buffer slots, or "unbounded".
    Slots,
    /// A quantity of parts [units].
    Units,
    /// A rate of parts [units/h].
    UnitsPerHour,
    /// A number of robots [robots].
    Robots,
    /// A plain number (a share, a probability, a factor).
    Number,
    /// yes or no.
    Switch,
}

impl Unit {
    /// How `taktline sweep --help` writes it after what the parameter is.
    fn help(self) -> &'static str {
        match self {
            Unit::Duration => " (duration)",
            Unit::Instant => " (instant)",
            Unit::Count => " (whole number)",
            Unit::Slots => " (whole number or \"unbounded\")",
            Unit::Units => " [units]",
            Unit::UnitsPerHour => " [units/h]",
            Unit::Robots => " [robots]",
            Unit::Number => "",
            Unit::Switch => " (yes or no)",
        }
    }

    /// The unit of a chart axis or table column of its values: durations
    /// and instants are shown in hours.
    pub fn axis(self) -> Option<&'static str> {
        match self {
            Unit::Duration | Unit::Instant => Some("h"),
            Unit::Units => Some("units"),
            Unit::UnitsPerHour => Some("units/h"),
            Unit::Robots => Some("robots"),
            Unit::Count | Unit::Slots | Unit::Number | Unit::Switch => None,
        }
    }
}

/// A parameter a sweep can vary.
pub struct Parameter {
    /// The path; `NAME` stands for an item's name (or `*` for every item).
    pub path: &'static str,
    /// What it is.
    pub what: &'static str,
    /// How its values are written, and the unit of its axis.
    pub unit: Unit,
    /// Sets it in a file.
    pub set: fn(&mut ScenarioFile, &Setting) -> Result<(), String>,
}

/// Every parameter a sweep can vary: adding one is one entry here.
pub const PARAMETERS: &[Parameter] = &[
    Parameter {
        path: "run.horizon",
        what: "simulated time",
        unit: Unit::Duration,
        set: |f, s| {
            run(f, s)?.horizon = span(s.value)?;
            Ok(())
        },
    },
    Parameter {
        path: "run.warmup",
        what: "warm-up",
        unit: Unit::Duration,
        set: |f, s| {
            run(f, s)?.warmup = Some(span(s.value)?);
            Ok(())
        },
    },
    Parameter {
        path: "run.seed",
        what: "base seed",
        unit: Unit::Count,
        set: |f, s| {
            run(f, s)?.seed = Some(count(s.value)?);
            Ok(())
        },
    },
    Parameter {
        path: "parts.NAME.per_robot",
        what: "units per robot",
        unit: Unit::Count,
        set: |f, s| {
            each(parts(f, s)?, |p| {
                p.per_robot = count(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "parts.NAME.on_hand",
        what: "factory stock at t = 0",
        unit: Unit::Units,
        set: |f, s| {
            each(parts(f, s)?, |p| {
                p.on_hand = count(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "suppliers.NAME.rate_per_h",
        what: "production rate",
        unit: Unit::UnitsPerHour,
        set: |f, s| {
            each(suppliers(f, s)?, |x| {
                x.rate_per_h = real(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "suppliers.NAME.fg_cap",
        what: "finished-goods cap",
        unit: Unit::Units,
        set: |f, s| {
            each(suppliers(f, s)?, |x| {
                x.fg_cap = count(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "suppliers.NAME.fg_initial",
        what: "finished goods at t = 0",
        unit: Unit::Units,
        set: |f, s| {
            each(suppliers(f, s)?, |x| {
                x.fg_initial = count(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "suppliers.NAME.ramp_up",
        what: "time back to full rate after an outage",
        unit: Unit::Duration,
        set: |f, s| {
            each(suppliers(f, s)?, |x| {
                x.ramp_up = Some(span(s.value)?);
                Ok(())
            })
        },
    },
    Parameter {
        path: "routes.NAME.first_departure",
        what: "first departure",
        unit: Unit::Instant,
        set: |f, s| {
            each(routes(f, s)?, |r| {
                r.first_departure = span(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "routes.NAME.every",
        what: "time between departures",
        unit: Unit::Duration,
        set: |f, s| {
            each(routes(f, s)?, |r| {
                r.every = span(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "routes.NAME.truck_capacity",
        what: "truck capacity",
        unit: Unit::Units,
        set: |f, s| {
            each(routes(f, s)?, |r| {
                r.truck_capacity = count(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "routes.NAME.order_up_to",
        what: "order-up-to level S",
        unit: Unit::Units,
        set: |f, s| {
            each(routes(f, s)?, |r| {
                r.order_up_to = count(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "routes.NAME.open",
        what: "whether the route runs at all: yes, or no (it, its freight and its standby fee are removed)",
        unit: Unit::Switch,
        set: set_route_open,
    },
    Parameter {
        path: "routes.NAME.policy.reorder_point",
        what: "reorder point s of an (R, s, S) or (s, S) route",
        unit: Unit::Units,
        set: |f, s| {
            each(routes(f, s)?, |r| match &mut r.policy {
                PolicyFile::PeriodicReorder { reorder_point }
                | PolicyFile::Continuous { reorder_point, .. } => {
                    *reorder_point = count(s.value)?;
                    Ok(())
                }
                PolicyFile::Periodic
                | PolicyFile::Emergency { .. }
                | PolicyFile::Backup { .. }
                | PolicyFile::Split { .. } => Err(format!(
                    "{}: route {:?} has no reorder point",
                    s.path, r.name
                )),
            })
        },
    },
    Parameter {
        path: "routes.NAME.policy.trigger",
        what: "inventory position below which a backup route ships",
        unit: Unit::Units,
        set: |f, s| {
            each(routes(f, s)?, |r| match &mut r.policy {
                PolicyFile::Backup { trigger, .. } => {
                    *trigger = count(s.value)?;
                    Ok(())
                }
                _ => Err(format!(
                    "{}: route {:?} is not a backup route",
                    s.path, r.name
                )),
            })
        },
    },
    Parameter {
        path: "routes.NAME.policy.below",
        what: "on-hand threshold of an emergency route",
        unit: Unit::Units,
        set: |f, s| {
            each(routes(f, s)?, |r| match &mut r.policy {
                PolicyFile::Emergency { below, .. } => {
                    *below = count(s.value)?;
                    Ok(())
                }
                _ => Err(format!(
                    "{}: route {:?} is not an emergency route",
                    s.path, r.name
                )),
            })
        },
    },
    Parameter {
        path: "routes.NAME.policy.share",
        what: "share of each order on a split route, 0 to 1; the part's other split routes are rescaled to keep the sum 1",
        unit: Unit::Number,
        set: set_split_share,
    },
    Parameter {
        path: "routes.NAME.policy.lead_time",
        what: "order lead time of an (s, S) route",
        unit: Unit::Duration,
        set: |f, s| {
            each(routes(f, s)?, |r| match &mut r.policy {
                PolicyFile::Continuous { lead_time, .. } => {
                    *lead_time = span(s.value)?;
                    Ok(())
                }
                _ => Err(format!(
                    "{}: route {:?} is not under continuous review",
                    s.path, r.name
                )),
            })
        },
    },
    Parameter {
        path: "routes.NAME.transit.mean",
        what: "mean transit time",
        unit: Unit::Duration,
        set: |f, s| each(routes(f, s)?, |r| dist(&mut r.transit, "mean", s)),
    },
    Parameter {
        path: "routes.NAME.transit.cv",
        what: "transit time's coefficient of variation",
        unit: Unit::Number,
        set: |f, s| each(routes(f, s)?, |r| dist(&mut r.transit, "cv", s)),
    },
    Parameter {
        path: "line.takt",
        what: "takt time",
        unit: Unit::Duration,
        set: |f, s| {
            line(f, s)?.takt = span(s.value)?;
            Ok(())
        },
    },
    Parameter {
        path: "line.promised_lead_time",
        what: "lead time promised to the customer",
        unit: Unit::Duration,
        set: |f, s| {
            line(f, s)?.promised_lead_time = Some(span(s.value)?);
            Ok(())
        },
    },
    Parameter {
        path: "line.release.wip",
        what: "CONWIP level",
        unit: Unit::Robots,
        set: |f, s| match &mut line(f, s)?.release {
            Some(ReleaseFile::Conwip { wip }) => {
                *wip = count(s.value)?;
                Ok(())
            }
            _ => Err(format!("{}: the line's release is not Conwip", s.path)),
        },
    },
    Parameter {
        path: "line.test.first_pass_yield",
        what: "probability of passing a test",
        unit: Unit::Number,
        set: |f, s| {
            let test = line(f, s)?.test.as_mut();
            test.ok_or_else(|| missing(s, "line.test"))?
                .first_pass_yield = real(s.value)?;
            Ok(())
        },
    },
    Parameter {
        path: "line.overtime.backlog_above",
        what: "backlog above which the line works overtime",
        unit: Unit::Robots,
        set: |f, s| {
            let o = line(f, s)?.overtime.as_mut();
            o.ok_or_else(|| missing(s, "line.overtime"))?.backlog_above = count(s.value)?;
            Ok(())
        },
    },
    Parameter {
        path: "line.overtime.up_to",
        what: "longest stretch of overtime",
        unit: Unit::Duration,
        set: |f, s| {
            let o = line(f, s)?.overtime.as_mut();
            o.ok_or_else(|| missing(s, "line.overtime"))?.up_to = span(s.value)?;
            Ok(())
        },
    },
    Parameter {
        path: "line.mix.NAME",
        what: "share of model NAME in a random mix, 0 to 1; the other models are rescaled to keep the sum 1",
        unit: Unit::Number,
        set: |f, s| {
            let value = real(s.value)?;
            let Some(MixFile::Shares(shares)) = line(f, s)?.mix.as_mut() else {
                return Err(format!("{}: the line has no mix of shares", s.path));
            };
            if !shares.contains_key(s.name) {
                let known: Vec<&str> = shares.keys().map(String::as_str).collect();
                return Err(format!(
                    "{}: no model {:?} in the mix (known: {})",
                    s.path,
                    s.name,
                    known.join(", ")
                ));
            }
            let others: Vec<f64> = shares
                .iter()
                .filter(|(k, _)| *k != s.name)
                .map(|(_, &v)| v)
                .collect();
            let mut rescaled = rescale_others(&others, value).into_iter();
            for (k, v) in shares.iter_mut() {
                *v = if k == s.name {
                    value
                } else {
                    rescaled.next().unwrap_or(0.0)
                };
            }
            Ok(())
        },
    },
    Parameter {
        path: "line.test.scrap",
        what: "probability that a robot failing the test is scrapped",
        unit: Unit::Number,
        set: |f, s| {
            let test = line(f, s)?.test.as_mut();
            test.ok_or_else(|| missing(s, "line.test"))?.scrap = real(s.value)?;
            Ok(())
        },
    },
    Parameter {
        path: "line.stations.NAME.buffer",
        what: "input buffer slots",
        unit: Unit::Slots,
        set: |f, s| {
            let slots = if s.value.trim() == "unbounded" {
                BufferFile::Unbounded
            } else {
                BufferFile::Slots(count(s.value)?)
            };
            each(stations(f, s)?, |st| {
                st.buffer = slots;
                Ok(())
            })
        },
    },
    Parameter {
        path: "line.stations.NAME.servers",
        what: "parallel servers",
        unit: Unit::Count,
        set: |f, s| {
            each(stations(f, s)?, |st| {
                st.servers = Some(count(s.value)?);
                Ok(())
            })
        },
    },
    Parameter {
        path: "line.stations.NAME.process.mean",
        what: "mean process time",
        unit: Unit::Duration,
        set: |f, s| each(stations(f, s)?, |st| dist(&mut st.process, "mean", s)),
    },
    Parameter {
        path: "line.stations.NAME.process.cv",
        what: "process time's coefficient of variation",
        unit: Unit::Number,
        set: |f, s| each(stations(f, s)?, |st| dist(&mut st.process, "cv", s)),
    },
    Parameter {
        path: "line.stations.NAME.failures.mtbf",
        what: "mean operating time between failures",
        unit: Unit::Duration,
        set: |f, s| {
            each(stations(f, s)?, |st| {
                failures(st, s)?.mtbf = span(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "line.stations.NAME.failures.mttr",
        what: "mean time to repair",
        unit: Unit::Duration,
        set: |f, s| {
            each(stations(f, s)?, |st| {
                failures(st, s)?.mttr = span(s.value)?;
                Ok(())
            })
        },
    },
    Parameter {
        path: "disruptions.NAME.start",
        what: "start of a scheduled disruption",
        unit: Unit::Instant,
        set: |f, s| {
            each(disruptions(f, s)?, |d| match d {
                DisruptionFile::Scheduled { start, .. } => {
                    *start = span(s.value)?;
                    Ok(())
                }
                DisruptionFile::Random { .. } => Err(unknown(s.path)),
            })
        },
    },
    Parameter {
        path: "disruptions.NAME.duration",
        what: "length of a scheduled disruption",
        unit: Unit::Duration,
        set: |f, s| {
            each(disruptions(f, s)?, |d| match d {
                DisruptionFile::Scheduled { duration, .. } => {
                    *duration = span(s.value)?;
                    Ok(())
                }
                DisruptionFile::Random { .. } => Err(unknown(s.path)),
            })
        },
    },
    Parameter {
        path: "disruptions.NAME.factor",
        what: "factor of every slowdown effect of the disruption",
        unit: Unit::Number,
        set: |f, s| {
            each(disruptions(f, s)?, |d| {
                let effects = match d {
                    DisruptionFile::Scheduled { effects, .. }
                    | DisruptionFile::Random { effects, .. } => effects,
                };
                let mut found = false;
                for e in effects.iter_mut() {
                    match e {
                        EffectFile::RouteSlowdown { factor, .. }
                        | EffectFile::SupplierSlowdown { factor, .. }
                        | EffectFile::StationSlowdown { factor, .. } => {
                            *factor = real(s.value)?;
                            found = true;
                        }
                        _ => {}
                    }
                }
                if found {
                    Ok(())
                } else {
                    Err(format!("{}: the disruption has no slowdown effect", s.path))
                }
            })
        },
    },
    Parameter {
        path: "disruptions.NAME.mean_between",
        what: "mean time between a random disruption's arrivals",
        unit: Unit::Duration,
        set: |f, s| {
            each(disruptions(f, s)?, |d| match d {
                DisruptionFile::Random { mean_between, .. } => {
                    *mean_between = span(s.value)?;
                    Ok(())
                }
                DisruptionFile::Scheduled { .. } => Err(unknown(s.path)),
            })
        },
    },
];

/// The paths `apply` understands, one a line with what each is.
pub fn help() -> String {
    let mut text = String::from("PATH is one of (NAME is an item's name, or * for every item):\n");
    for p in PARAMETERS {
        text.push_str(&format!("  {:<36} {}{}\n", p.path, p.what, p.unit.help()));
    }
    text
}

/// Sets the parameter at `path` to `value` (text in the parameter's own
/// form: a duration, a whole number or a number).
pub fn apply(file: &mut ScenarioFile, path: &str, value: &str) -> Result<(), String> {
    match parameter_at(path) {
        Some((p, name)) => (p.set)(file, &Setting { name, value, path }),
        None => Err(unknown(path)),
    }
}

/// The parameter whose pattern `path` fits, and the NAME it gives ("" for
/// a pattern without one). A NAME is one segment; only where no pattern
/// fits that way may it span several, so an item named `Wz.Sh` can still
/// be reached (`routes.Wz.Sh.order_up_to`).
fn parameter_at(path: &str) -> Option<(&'static Parameter, &str)> {
    let given: Vec<&str> = path.split('.').collect();
    let by_segment = PARAMETERS.iter().find_map(|p| {
        let pattern: Vec<&str> = p.path.split('.').collect();
        if pattern.len() != given.len() {
            return None;
        }
        let mut name = "";
        let fits = pattern.iter().zip(&given).all(|(want, got)| {
            if *want == "NAME" {
                name = got;
                !got.is_empty()
            } else {
                want == got
            }
        });
        fits.then_some((p, name))
    });
    by_segment.or_else(|| {
        PARAMETERS.iter().find_map(|p| {
            let (before, after) = p.path.split_once("NAME")?;
            let name = path.strip_prefix(before)?.strip_suffix(after)?;
            (!name.is_empty()).then_some((p, name))
        })
    })
}

fn span(v: &str) -> Result<Span, String> {
    Span::parse(v)
}

/// A whole number that fits the field's type; anything else is an error
/// naming the largest allowed value.
fn count<T: TryFrom<u64> + Bounded>(v: &str) -> Result<T, String> {
    let n: u64 = v
        .trim()
        .parse()
        .map_err(|_| format!("{v:?} is not a whole number"))?;
    T::try_from(n).map_err(|_| format!("{v} is too large (at most {})", T::MAX_TEXT))
}

/// The largest value of a count type, for messages.
trait Bounded {
    const MAX_TEXT: &'static str;
}

impl Bounded for u32 {
    const MAX_TEXT: &'static str = "4294967295";
}

impl Bounded for u64 {
    const MAX_TEXT: &'static str = "18446744073709551615";
}

fn real(v: &str) -> Result<f64, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{v:?} is not a number"))
}

fn unknown(path: &str) -> String {
    format!("no parameter at path {path:?}. {}", help())
}

fn missing(s: &Setting, what: &str) -> String {
    format!("{}: the scenario has no `{what}`", s.path)
}

/// Sets one split route's share and rescales the other split routes of the
/// same part in proportion (evenly if they were all 0), so the shares of
/// the part still sum to 1 (a share outside [0, 1] is left to validation).
fn set_split_share(f: &mut ScenarioFile, s: &Setting) -> Result<(), String> {
    let value = real(s.value)?;
    let names: Vec<String> = routes(f, s)?.iter().map(|r| r.name.clone()).collect();
    let part_of = |from: &str| {
        f.suppliers
            .iter()
            .flatten()
            .find(|x| x.name == from)
            .map(|x| x.part.clone())
    };
    let list = f.routes.as_deref().unwrap_or_default();
    let share = |r: &RouteFile| match r.policy {
        PolicyFile::Split { share } => Some(share),
        _ => None,
    };
    let mut changes = Vec::new();
    for name in names {
        let Some(me) = list
            .iter()
            .position(|r| r.name == name && share(r).is_some())
        else {
            return Err(format!("{}: route {name:?} is not a split route", s.path));
        };
        let part = part_of(&list[me].from);
        let siblings: Vec<usize> = (0..list.len())
            .filter(|&k| k != me && share(&list[k]).is_some() && part_of(&list[k].from) == part)
            .collect();
        let others: Vec<f64> = siblings
            .iter()
            .map(|&k| share(&list[k]).unwrap_or(0.0))
            .collect();
        changes.extend(siblings.into_iter().zip(rescale_others(&others, value)));
        changes.push((me, value));
    }
    let list = f.routes.as_mut().ok_or_else(|| missing(s, "routes"))?;
    for (k, share) in changes {
        list[k].policy = PolicyFile::Split { share };
    }
    Ok(())
}

/// The other shares when one is set to `value`: rescaled in proportion
/// (evenly if they were all 0), so all of them still sum to 1.
fn rescale_others(others: &[f64], value: f64) -> Vec<f64> {
    let rest: f64 = others.iter().sum();
    others
        .iter()
        .map(|&v| {
            if rest > 0.0 {
                v / rest * (1.0 - value)
            } else {
                (1.0 - value) / others.len() as f64
            }
        })
        .collect()
}

/// Applies `set` to every item found.
fn each<T>(
    items: Vec<&mut T>,
    set: impl FnMut(&mut T) -> Result<(), String>,
) -> Result<(), String> {
    items.into_iter().try_for_each(set)
}

/// The items called `name` (or all of them for `*`).
fn named<'a, T>(
    items: &'a mut [T],
    name: &str,
    what: &str,
    name_of: impl Fn(&T) -> &str,
) -> Result<Vec<&'a mut T>, String> {
    let known: Vec<String> = items.iter().map(|i| name_of(i).to_string()).collect();
    let found: Vec<&mut T> = items
        .iter_mut()
        .filter(|i| name == "*" || name_of(i) == name)
        .collect();
    if found.is_empty() {
        return Err(format!(
            "no {what} named {name:?} (known: {})",
            known.join(", ")
        ));
    }
    Ok(found)
}

/// `routes.NAME.open`: `yes` keeps the route; `no` removes it with its
/// freight and standby fee (a backup or second source switched off).
fn set_route_open(f: &mut ScenarioFile, s: &Setting) -> Result<(), String> {
    if s.name == "*" {
        return Err(format!("{}: name the route to switch, not *", s.path));
    }
    routes(f, s)?;
    match s.value.trim() {
        "yes" => Ok(()),
        "no" => {
            if let Some(list) = f.routes.as_mut() {
                list.retain(|r| r.name != s.name);
            }
            if let Some(c) = f.costs.as_mut() {
                c.per_truck.remove(s.name);
                c.standby_per_year.remove(s.name);
            }
            Ok(())
        }
        other => Err(format!("{}: {other:?} is not yes or no", s.path)),
    }
}

fn run<'a>(f: &'a mut ScenarioFile, s: &Setting) -> Result<&'a mut RunFile, String> {
    f.run.as_mut().ok_or_else(|| missing(s, "run"))
}

fn line<'a>(f: &'a mut ScenarioFile, s: &Setting) -> Result<&'a mut LineFile, String> {
    f.line.as_mut().ok_or_else(|| missing(s, "line"))
}

fn parts<'a>(f: &'a mut ScenarioFile, s: &Setting) -> Result<Vec<&'a mut PartFile>, String> {
    let list = f.parts.as_mut().ok_or_else(|| missing(s, "parts"))?;
    named(list, s.name, "part", |p| &p.name)
}

fn suppliers<'a>(
    f: &'a mut ScenarioFile,
    s: &Setting,
) -> Result<Vec<&'a mut SupplierFile>, String> {
    let list = f
        .suppliers
        .as_mut()
        .ok_or_else(|| missing(s, "suppliers"))?;
    named(list, s.name, "supplier", |x| &x.name)
}

fn routes<'a>(f: &'a mut ScenarioFile, s: &Setting) -> Result<Vec<&'a mut RouteFile>, String> {
    let list = f.routes.as_mut().ok_or_else(|| missing(s, "routes"))?;
    named(list, s.name, "route", |r| &r.name)
}

fn stations<'a>(f: &'a mut ScenarioFile, s: &Setting) -> Result<Vec<&'a mut StationFile>, String> {
    named(&mut line(f, s)?.stations, s.name, "station", |st| &st.name)
}

fn failures<'a>(st: &'a mut StationFile, s: &Setting) -> Result<&'a mut FailuresFile, String> {
    let name = st.name.clone();
    st.failures
        .as_mut()
        .ok_or_else(|| format!("{}: station {name} has no failures", s.path))
}

/// Scheduled and random disruptions alike, including `add_disruptions`.
fn disruptions<'a>(
    f: &'a mut ScenarioFile,
    s: &Setting,
) -> Result<Vec<&'a mut DisruptionFile>, String> {
    let mut list: Vec<&mut DisruptionFile> = f
        .disruptions
        .iter_mut()
        .flatten()
        .chain(f.add_disruptions.iter_mut())
        .collect();
    let name_of = |d: &DisruptionFile| -> String {
        match d {
            DisruptionFile::Scheduled { name, .. } | DisruptionFile::Random { name, .. } => {
                name.clone()
            }
        }
    };
    let known: Vec<String> = list.iter().map(|d| name_of(d)).collect();
    if known.is_empty() {
        return Err("the scenario has no disruptions to vary".into());
    }
    list.retain(|d| s.name == "*" || name_of(d) == s.name);
    if list.is_empty() {
        return Err(format!(
            "no disruption named {:?} (known: {})",
            s.name,
            known.join(", ")
        ));
    }
    Ok(list)
}

fn dist(d: &mut DistFile, field: &str, s: &Setting) -> Result<(), String> {
    match (field, d) {
        ("mean", DistFile::Fixed(v)) => *v = span(s.value)?,
        ("mean", DistFile::Exponential { mean } | DistFile::LogNormal { mean, .. }) => {
            *mean = span(s.value)?
        }
        ("cv", DistFile::LogNormal { cv, .. }) => *cv = real(s.value)?,
        ("cv", other) => return Err(format!("{}: {other:?} has no cv", s.path)),
        _ => return Err(unknown(s.path)),
    }
    Ok(())
}

/// A parameter path in words for prose and axes: "order-up-to level S of
/// Wenzhou-Shanghai", "duration of every disruption"; the path itself where
/// it is not one `apply` understands.
pub fn describe(path: &str) -> String {
    let Some((p, name)) = parameter_at(path) else {
        return path.to_string();
    };
    let what = p.what.split([':', '(']).next().unwrap_or(p.what).trim();
    let segments: Vec<&str> = p.path.split('.').collect();
    match segments.iter().position(|&s| s == "NAME") {
        Some(i) if i > 0 => {
            // "length of a scheduled disruption" of NAME reads "length of NAME".
            let what = what.split(" of ").next().unwrap_or(what);
            let item = segments[i - 1].trim_end_matches('s');
            if name == "*" {
                format!("{what} of every {item}")
            } else {
                format!("{what} of {name}")
            }
        }
        _ => what.to_string(),
    }
}

/// The unit of the parameter at `path` (a path as `--vary` writes it).
pub fn unit(path: &str) -> Option<Unit> {
    parameter_at(path).map(|(p, _)| p.unit)
}

#[cfg(test)]
mod tests;
