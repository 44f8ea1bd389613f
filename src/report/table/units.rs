//! The unit of a table's column, from the naming rules every table follows
//! (`_h` hours, `_robot_h` robot-hours, money with its currency, shares,
//! robots). One table of rules, first match wins; a column none matches
//! (a name, a count of replications) has no unit.

/// How a rule tests a column's name.
#[derive(Clone, Copy)]
enum Test {
    Ends(&'static str),
    Starts(&'static str),
    Has(&'static str),
}

use Test::{Ends, Has, Starts};

/// (test, unit): `{cur}` is the table's currency. Order matters: the
/// first rule that matches gives the unit.
const RULES: [(Test, &str); 31] = [
    (Has("robot_h"), "robot-h"),
    (Has("_{cur}_per_year"), "{cur}/year"),
    (Ends("cost_per_year"), "{cur}/year"),
    (Ends("cost_per_day"), "{cur}/day"),
    (Has("_{cur}"), "{cur}"),
    (Has("cost"), "{cur}"),
    (Ends("_value"), "{cur}"),
    (Ends("_min"), "min"),
    (Ends("_h"), "h"),
    (Starts("days_of_cover"), "d"),
    (Ends("_days"), "d"),
    (Has("rolling_24h"), "robots/24 h"),
    (Has("share"), "share (0 to 1)"),
    (Starts("p_"), "share (0 to 1)"),
    (Has("attainment"), "share (0 to 1)"),
    (Has("caught_up"), "share (0 to 1)"),
    (Starts("busy"), "share of time (0 to 1)"),
    (Starts("blocked"), "share of time (0 to 1)"),
    (Starts("starved"), "share of time (0 to 1)"),
    (Starts("down"), "share of time (0 to 1)"),
    (Starts("off_shift"), "share of time (0 to 1)"),
    (Has("per_day"), "robots/day"),
    (Has("per_hour"), "robots/h"),
    (Has("trucks"), "trucks"),
    (Has("on_hand"), "parts"),
    (Starts("in_transit"), "parts"),
    (Starts("supplier_stock"), "parts"),
    (Starts("shipped"), "parts"),
    (Has("lost_sales"), "orders"),
    (Starts("orders_"), "orders"),
    (Has("robots"), "robots"),
];

/// Column names that count robots without saying so.
const ROBOT_COUNTS: [&str; 6] = [
    "completed",
    "backlog",
    "shortfall",
    "wip",
    "scrapped",
    "due",
];

/// The unit of column `column` in a table whose amounts are in
/// `currency`, if the naming rules give one.
pub fn unit_of(column: &str, currency: &str) -> Option<String> {
    let cur = if currency.is_empty() {
        "money"
    } else {
        currency
    };
    let name = column.strip_prefix("twin:").unwrap_or(column);
    if name.ends_with("_share_undefined") {
        return Some("share (0 to 1)".into());
    }
    // `days_of_cover:bearing_mean`: the figure is before the item's name;
    // `robots_per_day_mean`: a mean or half-width has the figure's unit.
    let name = match name.split_once(':') {
        Some((figure, _)) => figure,
        None => name
            .strip_suffix("_half_width")
            .or_else(|| name.strip_suffix("_mean"))
            .unwrap_or(name),
    };
    // A money column names its currency in lower case: read it as `{cur}`.
    let name = name.replace(&format!("_{}", cur.to_lowercase()), "_{cur}");
    let matches = |t: Test| match t {
        Ends(s) => name.ends_with(s),
        Starts(s) => name.starts_with(s),
        Has(s) => name.contains(s),
    };
    RULES
        .iter()
        .find(|(test, _)| matches(*test))
        .map(|(_, unit)| unit.replace("{cur}", cur))
        .or_else(|| {
            ROBOT_COUNTS
                .iter()
                .any(|c| name.contains(c))
                .then(|| "robots".to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::unit_of;

    #[test]
    fn columns_get_their_units_from_the_naming_rules() {
        let cases = [
            ("ttr_h", Some("h")),
            ("delay_robot_h_at_ttr", Some("robot-h")),
            ("total_cny_per_year", Some("CNY/year")),
            ("eal_half_width_cny_per_year", Some("CNY/year")),
            ("var_95_cny", Some("CNY")),
            ("cost_at_ttr", Some("CNY")),
            ("holding_cost_per_year", Some("CNY/year")),
            ("holding_cost_per_day_mean", Some("CNY/day")),
            ("p_survived", Some("share (0 to 1)")),
            ("robots_per_day_half_width", Some("robots/day")),
            ("robots_lost_at_ttr", Some("robots")),
            ("twin:completed", Some("robots")),
            ("days_of_cover:bearing_mean", Some("d")),
            ("stockout_h:servo motor", Some("h")),
            ("lead_time_mean_h_mean", Some("h")),
            ("mean_time_between_completions_min", Some("min")),
            ("busy:S1", Some("share of time (0 to 1)")),
            ("time_to_recover_h_share_undefined", Some("share (0 to 1)")),
            ("lowest_rolling_24h_mean", Some("robots/24 h")),
            ("on_hand:bearing", Some("parts")),
            ("mean_on_hand:bearing", Some("parts")),
            ("on_hand_value:bearing", Some("CNY")),
            ("due_total", Some("robots")),
            ("node", None),
            ("replication", None),
        ];
        for (column, unit) in cases {
            assert_eq!(unit_of(column, "CNY").as_deref(), unit, "{column}");
        }
    }
}
