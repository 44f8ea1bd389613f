//! Names of one kind of item: each defined once and not empty, and
//! references to them resolved to positions.

use std::collections::HashMap;

use super::Checker;
use super::path::FieldPath;
use crate::scenario::ids::MAX_ITEMS;

/// What `resolve` gives for a name that is not defined (reported already).
pub(super) const UNRESOLVED: usize = usize::MAX;

/// Names of one kind of thing, to resolve references and catch duplicates.
pub(super) struct Names(pub(super) HashMap<String, usize>, pub(super) Vec<String>);

impl Names {
    /// Names already checked (items of the validated scenario), by position.
    pub(super) fn listed<'a>(names: impl Iterator<Item = &'a str>) -> Names {
        let order: Vec<String> = names.map(str::to_string).collect();
        let map = order
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        Names(map, order)
    }

    pub(super) fn get(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }
    pub(super) fn known(&self) -> String {
        if self.1.is_empty() {
            "none are defined".to_string()
        } else {
            // A long list is cut, so that every error about it stays short.
            const SHOWN: usize = 12;
            let shown = self.1[..self.1.len().min(SHOWN)].join(", ");
            match self.1.len() {
                n if n > SHOWN => format!("known: {shown}, … ({n} in all)"),
                _ => format!("known: {shown}"),
            }
        }
    }
}

impl Checker<'_> {
    pub(super) fn names<'n>(
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

    pub(super) fn resolve(
        &mut self,
        names: &Names,
        path: FieldPath,
        what: &str,
        name: &str,
    ) -> usize {
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
}
