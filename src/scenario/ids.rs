//! Small typed ids for the items of a validated scenario, so a part can
//! never be used where a route is meant. Each is the item's position in its
//! list (a `usize`, so indexing needs no conversion in the hot loop);
//! validation keeps every list within [`MAX_ITEMS`].

use serde::{Deserialize, Serialize};

/// Most items in any one list of a scenario (parts, suppliers, routes,
/// stations, disruptions).
pub const MAX_ITEMS: usize = 10_000;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(usize);

        impl $name {
            /// The id of the item at `index` in its list.
            #[inline]
            pub fn new(index: usize) -> $name {
                $name(index)
            }

            /// The item's position in its list.
            #[inline]
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;
            #[inline]
            fn index(&self, id: $name) -> &T {
                &self[id.index()]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            #[inline]
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.index()]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id!(
    /// A part of the bill of materials: its position in `Scenario::parts`.
    PartId
);
id!(
    /// A supplier: its position in `Scenario::suppliers`.
    SupplierId
);
id!(
    /// A truck route: its position in `Scenario::routes`.
    RouteId
);
id!(
    /// A disruption: its position in `Scenario::disruptions`.
    DisruptionId
);
id!(
    /// A station: its position in the line, the rework station after the
    /// line's stations.
    StationId
);

impl StationId {
    /// The line's first station.
    pub const FIRST: StationId = StationId(0);

    /// The station after this one.
    pub fn next(self) -> StationId {
        StationId(self.0 + 1)
    }

    /// The station before this one (the first has none).
    pub fn previous(self) -> Option<StationId> {
        self.0.checked_sub(1).map(StationId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_index_their_own_lists_and_serialise_as_numbers() {
        let names: Vec<&str> = ["a", "b"].into();
        assert_eq!(names[PartId::new(1)], "b");
        assert_eq!(serde_json::to_string(&RouteId::new(3)).unwrap(), "3");
        assert_eq!(StationId::FIRST.next().previous(), Some(StationId::FIRST));
        assert_eq!(StationId::FIRST.previous(), None);
    }
}
