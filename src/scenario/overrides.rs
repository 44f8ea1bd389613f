//! Setting one scenario parameter by path (`routes.Wenzhou-Shanghai.order_up_to`),
//! for sweeps. Overrides apply to the file as written, so the full
//! validation runs on the result.
//!
//! Paths (a name may be `*` for every item):
//! - `run.horizon`, `run.warmup`, `run.seed`
//! - `parts.NAME.per_robot`, `parts.NAME.on_hand`
//! - `suppliers.NAME.rate_per_h`, `.fg_cap`, `.fg_initial`
//! - `routes.NAME.first_departure`, `.every`, `.truck_capacity`, `.order_up_to`,
//!   `.transit.mean`, `.transit.cv`
//! - `line.takt`, `line.release.wip`, `line.test.first_pass_yield`
//! - `line.stations.NAME.buffer`, `.servers`, `.process.mean`, `.process.cv`,
//!   `.failures.mtbf`, `.failures.mttr`
//! - `disruptions.NAME.start`, `.duration`, `.mean_between`

use super::file::*;
use crate::time::{Span, format_span};

/// The paths `apply` understands, for error messages.
pub const PATHS: &str = "PATH names one of: run.horizon|warmup|seed, parts.NAME.per_robot|on_hand, \
suppliers.NAME.rate_per_h|fg_cap|fg_initial, routes.NAME.first_departure|every|truck_capacity|order_up_to|transit.mean|transit.cv, \
line.takt, line.release.wip, line.test.first_pass_yield, \
line.stations.NAME.buffer|servers|process.mean|process.cv|failures.mtbf|failures.mttr, \
disruptions.NAME.start|duration|mean_between (NAME may be *)";

fn span(v: &str) -> Result<Span, String> {
    Span::parse(v)
}

fn int(v: &str) -> Result<u64, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{v:?} is not a whole number"))
}

fn real(v: &str) -> Result<f64, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("{v:?} is not a number"))
}

fn unknown(path: &str) -> String {
    format!("no parameter at path {path:?}. {PATHS}")
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

fn dist(d: &mut DistFile, field: &str, value: &str, path: &str) -> Result<(), String> {
    match (field, d) {
        ("mean", DistFile::Fixed(v)) => *v = span(value)?,
        ("mean", DistFile::Exponential { mean } | DistFile::LogNormal { mean, .. }) => {
            *mean = span(value)?
        }
        ("cv", DistFile::LogNormal { cv, .. }) => *cv = real(value)?,
        ("cv", other) => return Err(format!("{path}: {other:?} has no cv")),
        _ => return Err(unknown(path)),
    }
    Ok(())
}

/// Sets the parameter at `path` to `value` (text in the parameter's own
/// form: a duration, a whole number or a number).
pub fn apply(file: &mut ScenarioFile, path: &str, value: &str) -> Result<(), String> {
    let seg: Vec<&str> = path.split('.').collect();
    let missing = |what: &str| format!("{path}: the scenario has no `{what}`");
    match seg.as_slice() {
        ["run", field] => {
            let run = file.run.as_mut().ok_or_else(|| missing("run"))?;
            match *field {
                "horizon" => run.horizon = span(value)?,
                "warmup" => run.warmup = Some(span(value)?),
                "seed" => run.seed = Some(int(value)?),
                _ => return Err(unknown(path)),
            }
        }
        ["parts", name, field] => {
            let parts = file.parts.as_mut().ok_or_else(|| missing("parts"))?;
            for p in named(parts, name, "part", |p| &p.name)? {
                match *field {
                    "per_robot" => p.per_robot = int(value)? as u32,
                    "on_hand" => p.on_hand = int(value)?,
                    _ => return Err(unknown(path)),
                }
            }
        }
        ["suppliers", name, field] => {
            let list = file
                .suppliers
                .as_mut()
                .ok_or_else(|| missing("suppliers"))?;
            for s in named(list, name, "supplier", |s| &s.name)? {
                match *field {
                    "rate_per_h" => s.rate_per_h = real(value)?,
                    "fg_cap" => s.fg_cap = int(value)?,
                    "fg_initial" => s.fg_initial = int(value)?,
                    _ => return Err(unknown(path)),
                }
            }
        }
        ["routes", name, rest @ ..] => {
            let list = file.routes.as_mut().ok_or_else(|| missing("routes"))?;
            for r in named(list, name, "route", |r| &r.name)? {
                match rest {
                    ["first_departure"] => r.first_departure = span(value)?,
                    ["every"] => r.every = span(value)?,
                    ["truck_capacity"] => r.truck_capacity = int(value)?,
                    ["order_up_to"] => r.order_up_to = int(value)?,
                    ["transit", field] => dist(&mut r.transit, field, value, path)?,
                    _ => return Err(unknown(path)),
                }
            }
        }
        ["line", rest @ ..] => {
            let line = file.line.as_mut().ok_or_else(|| missing("line"))?;
            match rest {
                ["takt"] => line.takt = span(value)?,
                ["release", "wip"] => match &mut line.release {
                    Some(ReleaseFile::Conwip { wip }) => *wip = int(value)? as u32,
                    _ => return Err(format!("{path}: the line's release is not Conwip")),
                },
                ["test", "first_pass_yield"] => {
                    line.test
                        .as_mut()
                        .ok_or_else(|| missing("line.test"))?
                        .first_pass_yield = real(value)?
                }
                ["stations", name, rest @ ..] => {
                    for s in named(&mut line.stations, name, "station", |s| &s.name)? {
                        match rest {
                            ["buffer"] => {
                                s.buffer = if value.trim() == "unbounded" {
                                    BufferFile::Unbounded
                                } else {
                                    BufferFile::Slots(int(value)?)
                                }
                            }
                            ["servers"] => s.servers = Some(int(value)? as u32),
                            ["process", field] => dist(&mut s.process, field, value, path)?,
                            ["failures", field] => {
                                let f = s.failures.as_mut().ok_or_else(|| {
                                    format!("{path}: station {} has no failures", s.name)
                                })?;
                                match *field {
                                    "mtbf" => f.mtbf = span(value)?,
                                    "mttr" => f.mttr = span(value)?,
                                    _ => return Err(unknown(path)),
                                }
                            }
                            _ => return Err(unknown(path)),
                        }
                    }
                }
                _ => return Err(unknown(path)),
            }
        }
        ["disruptions", name, field] => {
            let mut list: Vec<&mut DisruptionFile> = file
                .disruptions
                .iter_mut()
                .flatten()
                .chain(file.add_disruptions.iter_mut())
                .collect();
            let name_of = |d: &&mut DisruptionFile| -> String {
                match &**d {
                    DisruptionFile::Scheduled { name, .. }
                    | DisruptionFile::Random { name, .. } => name.clone(),
                }
            };
            let known: Vec<String> = list.iter().map(name_of).collect();
            let mut hit = false;
            for d in list
                .iter_mut()
                .filter(|d| *name == "*" || name_of(d) == *name)
            {
                hit = true;
                match (&mut **d, *field) {
                    (DisruptionFile::Scheduled { start, .. }, "start") => *start = span(value)?,
                    (DisruptionFile::Scheduled { duration, .. }, "duration") => {
                        *duration = span(value)?
                    }
                    (DisruptionFile::Random { mean_between, .. }, "mean_between") => {
                        *mean_between = span(value)?
                    }
                    _ => return Err(unknown(path)),
                }
            }
            if !hit {
                return Err(format!(
                    "no disruption named {name:?} (known: {})",
                    known.join(", ")
                ));
            }
        }
        _ => return Err(unknown(path)),
    }
    Ok(())
}

/// Expands sweep values: a comma-separated list (`24h,48h,72h`) or a range
/// `FROM..TO:STEP` (`0h..96h:12h`, `1440..4320:480`), `TO` included when hit.
pub fn expand_values(spec: &str) -> Result<Vec<String>, String> {
    let spec = spec.trim();
    let Some((range, step)) = spec.split_once(':').filter(|(r, _)| r.contains("..")) else {
        let values: Vec<String> = spec
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(format!("no values in {spec:?}"));
        }
        return Ok(values);
    };
    let (from, to) = range
        .split_once("..")
        .ok_or_else(|| format!("range {spec:?}: write FROM..TO:STEP"))?;
    let numbers = (
        from.trim().parse::<f64>(),
        to.trim().parse::<f64>(),
        step.trim().parse::<f64>(),
    );
    let (a, b, s, as_span) = match numbers {
        (Ok(a), Ok(b), Ok(s)) => (a, b, s, false),
        _ => (
            span(from)?.secs(),
            span(to)?.secs(),
            span(step)?.secs(),
            true,
        ),
    };
    if s.is_nan() || s <= 0.0 || b < a {
        return Err(format!(
            "range {spec:?}: needs FROM <= TO and a positive STEP"
        ));
    }
    let n = ((b - a) / s + 1e-9).floor() as usize;
    if n > 10_000 {
        return Err(format!("range {spec:?} has more than 10,000 values"));
    }
    Ok((0..=n)
        .map(|i| {
            let v = a + i as f64 * s;
            if as_span {
                format_span(v)
            } else {
                format!("{v}")
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_expand() {
        assert_eq!(expand_values("24h, 48h").unwrap(), vec!["24h", "48h"]);
        assert_eq!(
            expand_values("0h..36h:12h").unwrap(),
            vec!["0s", "12h", "1d", "36h"]
        );
        assert_eq!(expand_values("1..2:0.5").unwrap(), vec!["1", "1.5", "2"]);
        assert!(expand_values("5..1:1").is_err());
    }

    #[test]
    fn unknown_paths_and_values_are_errors() {
        let mut f = ScenarioFile::default();
        assert!(
            apply(&mut f, "nonsense.path", "1")
                .unwrap_err()
                .contains("no parameter")
        );
        assert!(
            apply(&mut f, "run.horizon", "1d")
                .unwrap_err()
                .contains("no `run`")
        );
    }
}
