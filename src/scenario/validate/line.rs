//! The line: takt, release, stations, test and rework, planned downtime,
//! calendar and overtime.

use super::Checker;
use super::names::Names;
use super::path::field;
use super::ranges::Least;
use crate::scenario::closed::Window;
use crate::scenario::file::*;
use crate::scenario::ids::{PartId, StationId};
use crate::scenario::limits::*;
use crate::scenario::model::*;
use crate::scenario::shifts::WorkCalendar;

impl Checker<'_> {
    pub(super) fn line(
        &mut self,
        l: &LineFile,
        parts: &Names,
        calendar_names: &Names,
        calendars: &[WorkCalendar],
        horizon: f64,
    ) -> Line {
        self.anchor = None;
        let takt = self.span(
            field!(line.takt),
            l.takt.secs(),
            Least::Span(MIN_TAKT),
            "the takt",
        );
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
            Some(ReleaseFile::Random(d)) => {
                let d = self.dist(field!(line.release), d);
                if d.mean() < MIN_RELEASE_GAP {
                    self.error(
                        field!(line.release),
                        None,
                        format!(
                            "the mean time between releases must be at least {MIN_RELEASE_GAP} s"
                        ),
                    );
                }
                Release::Random(d)
            }
            Some(ReleaseFile::Conwip { wip }) => {
                if *wip == 0 {
                    self.error(
                        field!(line.release.wip),
                        None,
                        "a CONWIP line needs at least 1 robot in it".into(),
                    );
                }
                if *wip > MAX_WIP {
                    self.error(
                        field!(line.release.wip),
                        None,
                        format!("the CONWIP level may be at most {MAX_WIP} robots, got {wip}"),
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
        let on_calendar = calendar.and_then(|c| calendars.get(c));
        let counted = on_calendar.map_or(0, |c| {
            c.closed
                .windows()
                .iter()
                .filter(|w| w.every.is_some())
                .count()
        });
        self.repeating_windows(&l.planned_downtime, counted, |i| {
            field!(line.planned_downtime[i])
        });
        let work = match on_calendar {
            Some(c) => Some(WorkCalendar {
                closed: [c.closed.windows(), &planned_downtime].concat().into(),
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
                up_to: self.span(
                    field!(line.overtime.up_to),
                    o.up_to.secs(),
                    Least::Positive,
                    "the longest overtime",
                ),
            }
        });
        let (models, mix) = self.models(l, &stations, parts);
        let promise = l.promised_lead_time.map(|p| {
            self.span(
                field!(line.promised_lead_time),
                p.secs(),
                Least::Zero,
                "the promised lead time",
            )
        });
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
            promise,
            models,
            mix,
        }
    }

    pub(super) fn station(
        &mut self,
        i: usize,
        s: &StationFile,
        parts: &Names,
        paced: bool,
    ) -> Station {
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
                self.at_most(
                    field!((path).consumes.{name}),
                    qty.into(),
                    MAX_PER_ROBOT.into(),
                    "units per start",
                );
                (part, qty)
            })
            .collect();
        let failures = s.failures.as_ref().map(|f| Failures {
            mtbf: self.span(
                field!((path).failures.mtbf),
                f.mtbf.secs(),
                Least::Span(MIN_MTBF),
                "the MTBF",
            ),
            mttr: self.span(
                field!((path).failures.mttr),
                f.mttr.secs(),
                Least::Positive,
                "the MTTR",
            ),
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
}
