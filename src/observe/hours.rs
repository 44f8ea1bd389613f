//! The hourly series of a run, stored flat: each hour's totals in one
//! vector and its per-part, per-supplier and per-station values in one
//! vector each, so closing an hour allocates nothing (four vectors a row
//! cost four allocations an hour, and their headers in memory).

use super::state::ServerState;
use crate::time::Seconds;

/// The number of server states.
pub(super) const STATES: usize = ServerState::ALL.len();

/// One hour's totals, recorded at the hour's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HourTotals {
    /// End of the hour [s].
    pub end: Seconds,
    /// Robots completed in the hour.
    pub completed: u32,
    /// Robots that became due in the hour.
    pub due: u32,
    /// Cumulative completions at the hour's end.
    pub completed_total: u64,
    /// Cumulative robots due at the hour's end.
    pub due_total: u64,
    /// Robots due but not yet completed.
    pub backlog: i64,
    /// Robots in the line.
    pub wip: u32,
}

/// One hour as read from the series: its totals and its values per item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HourRow<'a> {
    /// Its totals: end, robots completed and due, backlog, WIP.
    pub totals: HourTotals,
    /// Factory on-hand per part [units].
    pub on_hand: &'a [u64],
    /// In transit per part [units].
    pub in_transit: &'a [u64],
    /// Finished-goods stock per supplier [whole units].
    pub supplier_stock: &'a [u64],
    /// Per station, fraction of server time in each state during the hour.
    pub station_states: &'a [[f64; STATES]],
}

/// Hourly rows of a run with `parts` parts, `suppliers` suppliers and
/// `stations` stations (rework included).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hours {
    parts: usize,
    suppliers: usize,
    stations: usize,
    totals: Vec<HourTotals>,
    on_hand: Vec<u64>,
    in_transit: Vec<u64>,
    supplier_stock: Vec<u64>,
    station_states: Vec<[f64; STATES]>,
}

impl Hours {
    /// An empty series with room for `rows` hours.
    pub fn with_capacity(rows: usize, parts: usize, suppliers: usize, stations: usize) -> Hours {
        Hours {
            parts,
            suppliers,
            stations,
            totals: Vec::with_capacity(rows),
            on_hand: Vec::with_capacity(rows * parts),
            in_transit: Vec::with_capacity(rows * parts),
            supplier_stock: Vec::with_capacity(rows * suppliers),
            station_states: Vec::with_capacity(rows * stations),
        }
    }

    /// Hours kept.
    pub fn len(&self) -> usize {
        self.totals.len()
    }

    /// Whether no hour is kept.
    pub fn is_empty(&self) -> bool {
        self.totals.is_empty()
    }

    /// Hour `i`, if kept.
    pub fn get(&self, i: usize) -> Option<HourRow<'_>> {
        let t = *self.totals.get(i)?;
        let (p, s, k) = (self.parts, self.suppliers, self.stations);
        Some(HourRow {
            totals: t,
            on_hand: &self.on_hand[i * p..(i + 1) * p],
            in_transit: &self.in_transit[i * p..(i + 1) * p],
            supplier_stock: &self.supplier_stock[i * s..(i + 1) * s],
            station_states: &self.station_states[i * k..(i + 1) * k],
        })
    }

    /// Every hour kept, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = HourRow<'_>> + ExactSizeIterator + '_ {
        (0..self.len()).map(|i| self.get(i).expect("an index below the length"))
    }

    /// The last hour kept.
    pub fn last(&self) -> Option<HourRow<'_>> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Appends an hour: its totals, then exactly `parts` on-hand and
    /// in-transit values, `suppliers` stocks and `stations` state shares.
    pub fn push(
        &mut self,
        totals: HourTotals,
        on_hand: impl IntoIterator<Item = u64>,
        in_transit: impl IntoIterator<Item = u64>,
        supplier_stock: impl IntoIterator<Item = u64>,
        station_states: impl IntoIterator<Item = [f64; STATES]>,
    ) {
        self.totals.push(totals);
        self.on_hand.extend(on_hand);
        self.in_transit.extend(in_transit);
        self.supplier_stock.extend(supplier_stock);
        self.station_states.extend(station_states);
        let n = self.totals.len();
        debug_assert_eq!(self.on_hand.len(), n * self.parts);
        debug_assert_eq!(self.in_transit.len(), n * self.parts);
        debug_assert_eq!(self.supplier_stock.len(), n * self.suppliers);
        debug_assert_eq!(self.station_states.len(), n * self.stations);
    }

    /// Forgets every hour, keeping the room.
    pub fn clear(&mut self) {
        self.totals.clear();
        self.on_hand.clear();
        self.in_transit.clear();
        self.supplier_stock.clear();
        self.station_states.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(end: Seconds) -> HourTotals {
        HourTotals {
            end,
            completed: 1,
            due: 1,
            completed_total: 1,
            due_total: 1,
            backlog: 0,
            wip: 2,
        }
    }

    #[test]
    fn each_hour_reads_back_its_own_values_per_item() {
        let mut hours = Hours::with_capacity(2, 2, 1, 1);
        hours.push(totals(1.0), [10, 11], [0, 1], [5], [[1.0; STATES]]);
        hours.push(totals(2.0), [20, 21], [2, 3], [6], [[0.5; STATES]]);
        let second = hours.get(1).unwrap();
        assert_eq!(
            (second.totals.end, second.on_hand, second.in_transit),
            (2.0, &[20, 21][..], &[2, 3][..])
        );
        assert_eq!(second.supplier_stock, &[6]);
        assert_eq!(hours.last(), Some(second));
        assert_eq!(hours.iter().next_back(), Some(second));
        assert_eq!(
            hours.iter().map(|h| h.on_hand[0]).collect::<Vec<_>>(),
            [10, 20]
        );
    }
}
