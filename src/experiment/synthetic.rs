//! A synthetic network to measure the cost of scale: `parts` parts, each
//! from a supplier of its own over a route of its own (so as many
//! suppliers and routes as parts), and a line of `stations` stations, part
//! i consumed at station i mod `stations`. Its rates hold the baseline's
//! 12-minute takt with the baseline's kinds of randomness (failures,
//! lognormal process and transit times), so its events per robot are what
//! a large real network's would be. Written as a scenario file and read
//! by the same loader, so it is checked like any other.

use std::fmt::Write as _;

use crate::scenario::{Scenario, ScenarioError, load_str};

/// Most parts (and suppliers, and routes) of a synthetic network.
pub const MOST_PARTS: usize = 5_000;
/// Most stations of a synthetic network.
pub const MOST_STATIONS: usize = 1_000;

/// The synthetic network's scenario file, over `days` days.
pub fn network_text(parts: usize, stations: usize, days: f64) -> String {
    // A day's warm-up, or a quarter of a shorter horizon.
    let warmup = (days / 4.0).min(1.0);
    let mut t = String::new();
    let _ = write!(
        t,
        "Scenario(\n    name: \"Synthetic network: {parts} suppliers x {parts} parts x {stations} stations\",\n    \
         run: (horizon: \"{days}d\", warmup: \"{warmup}d\", seed: 1),\n    parts: [\n"
    );
    for p in 0..parts {
        let _ = writeln!(t, "        (name: \"p{p}\", per_robot: 1, on_hand: 240),");
    }
    t.push_str("    ],\n    suppliers: [\n");
    for p in 0..parts {
        let _ = writeln!(
            t,
            "        (name: \"sup{p}\", part: \"p{p}\", rate_per_h: 7.5, fg_cap: 600, fg_initial: 300),"
        );
    }
    t.push_str("    ],\n    routes: [\n");
    for p in 0..parts {
        // Departures staggered over the 12 hours, so trucks do not all arrive at once.
        let _ = writeln!(
            t,
            "        (name: \"r{p}\", from: \"sup{p}\", first_departure: \"{}min\", every: \"12h\", \
             truck_capacity: 300, transit: LogNormal(mean: \"4h\", cv: 0.2), order_up_to: 240),",
            (p * 7) % 720
        );
    }
    t.push_str("    ],\n    line: (\n        takt: \"12min\",\n        release: Takt,\n        stations: [\n");
    for s in 0..stations {
        let consumes: Vec<String> = (s..parts)
            .step_by(stations.max(1))
            .map(|p| format!("\"p{p}\": 1"))
            .collect();
        let _ = writeln!(
            t,
            "            (name: \"S{s}\", buffer: 2, consumes: {{{}}}, process: LogNormal(mean: \"10min\", cv: 0.1), \
             failures: (mtbf: \"200h\", mttr: \"30min\")),",
            consumes.join(", ")
        );
    }
    t.push_str("        ],\n    ),\n)\n");
    t
}

/// The synthetic network as a scenario, over `days` days, checked by the
/// loader like any scenario file.
pub fn network(parts: usize, stations: usize, days: f64) -> Result<Scenario, ScenarioError> {
    load_str(&network_text(parts, stations, days), "<synthetic network>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_network_has_a_supplier_and_route_per_part_and_each_part_one_station() {
        let s = network(7, 3, 2.0).unwrap();
        assert_eq!(s.parts.len(), 7);
        assert_eq!(s.suppliers.len(), 7);
        assert_eq!(s.routes.len(), 7);
        assert_eq!(s.line.stations.len(), 3);
        let consumed: usize = s.line.stations.iter().map(|st| st.consumes.len()).sum();
        assert_eq!(consumed, 7, "each part at exactly one station");
    }

    #[test]
    fn the_smallest_and_largest_networks_on_the_shortest_horizon_are_valid() {
        for (parts, stations) in [(1, 1), (1, MOST_STATIONS), (MOST_PARTS, 1)] {
            assert!(
                network(parts, stations, 1.0).is_ok(),
                "{parts} x {stations}"
            );
        }
    }
}
