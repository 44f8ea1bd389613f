//! Every list of the file within [`MAX_ITEMS`]: the lists of named items
//! are held to it where their names are collected; these are the others
//! (disruptions, effects, windows, shifts, a mix sequence, stress groups).

use super::Checker;
use super::path::{FieldPath, field};
use crate::scenario::file::*;
use crate::scenario::ids::MAX_ITEMS;

impl Checker<'_> {
    /// One error for each list longer than [`MAX_ITEMS`], at its first item
    /// beyond the limit.
    pub(super) fn list_lengths(&mut self, f: &ScenarioFile) {
        let listed = f.disruptions.as_ref().map_or(0, Vec::len);
        let added = f.add_disruptions.len();
        if listed > MAX_ITEMS {
            self.too_long(field!(disruptions[MAX_ITEMS]), "disruptions", listed);
        } else if listed + added > MAX_ITEMS {
            let at = MAX_ITEMS - listed;
            self.too_long(field!(add_disruptions[at]), "disruptions", listed + added);
        }
        let all = f.disruptions.iter().flatten().enumerate();
        for (i, d) in all.map(|(i, d)| (field!(disruptions[i]), d)).chain(
            f.add_disruptions
                .iter()
                .enumerate()
                .map(|(i, d)| (field!(add_disruptions[i]), d)),
        ) {
            let (DisruptionFile::Scheduled { effects, .. }
            | DisruptionFile::Random { effects, .. }) = d;
            self.within(field!((i).effects), "effects", effects.len());
        }
        let hazards = f.hazards.as_ref().map_or(0, Vec::len);
        self.within(field!(hazards), "hazards", hazards);
        for (i, c) in f.calendars.iter().flatten().enumerate() {
            self.within(field!(calendars[i].holidays), "holidays", c.holidays.len());
            let shifts = c.shifts.as_ref().map_or(0, Vec::len);
            self.within(field!(calendars[i].shifts), "shifts", shifts);
            let days = c.days.as_ref().map_or(0, Vec::len);
            self.within(field!(calendars[i].days), "days", days);
        }
        if let Some(line) = &f.line {
            let downtime = line.planned_downtime.len();
            self.within(field!(line.planned_downtime), "windows", downtime);
            if let Some(MixFile::Sequence(seq)) = &line.mix {
                self.within(field!(line.mix), "models in the sequence", seq.len());
            }
        }
        if let Some(stress) = &f.stress {
            self.within(field!(stress.groups), "groups", stress.groups.len());
            for (i, g) in stress.groups.iter().enumerate() {
                self.within(field!(stress.groups[i].members), "members", g.members.len());
            }
        }
    }

    /// An error at `list`'s first item beyond the limit, if it has `len` > [`MAX_ITEMS`].
    fn within(&mut self, list: FieldPath, what: &str, len: usize) {
        if len > MAX_ITEMS {
            self.too_long(list.index(MAX_ITEMS), what, len);
        }
    }

    fn too_long(&mut self, at: FieldPath, what: &str, len: usize) {
        self.error(
            at,
            None,
            format!("{len} {what}: at most {MAX_ITEMS} may be given in one list"),
        );
    }
}
