//! The parts: of the robot, and the inputs suppliers need.

use super::Checker;
use super::names::Names;
use super::path::field;
use crate::scenario::file::PartFile;
use crate::scenario::limits::{MAX_PER_ROBOT, MAX_UNITS};
use crate::scenario::model::Part;

impl Checker<'_> {
    /// The parts of the robot and of its suppliers: named once each, the
    /// counts in range. Who holds each input is set with the tiers.
    pub(super) fn parts(&mut self, list: &[PartFile]) -> (Vec<Part>, Names) {
        let names = self.names(
            "part",
            list.iter()
                .enumerate()
                .map(|(i, p)| (field!(parts[i].name), p.name.as_str())),
        );
        let parts = list
            .iter()
            .enumerate()
            .map(|(i, p)| {
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
                Part {
                    name: p.name.clone(),
                    per_robot: p.per_robot,
                    on_hand: p.on_hand,
                    held_by: None,
                }
            })
            .collect();
        (parts, names)
    }
}
