//! A chart of one panel or bar per item (part, supplier, station) stays
//! readable, and small, however large the network: beyond a handful it
//! shows the items that matter most (the lowest stock, the busiest
//! station), in their own order, and its title says how many of how many
//! it shows. The tables keep every item.

/// Most panels of a chart with a panel per part or supplier.
pub(crate) const MOST_PANELS: usize = 12;
/// Most groups of bars of a chart with bars per part or station.
pub(crate) const MOST_GROUPS: usize = 30;

/// The positions of the `most` items with the lowest scores (a NaN score
/// counts as highest), in their own order; every position where there
/// are no more than `most`.
pub(crate) fn lowest(scores: &[f64], most: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    let key = |i: usize| {
        if scores[i].is_nan() {
            f64::INFINITY
        } else {
            scores[i]
        }
    };
    order.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
    order.truncate(most);
    order.sort_unstable();
    order
}

/// What a title adds where only some items are shown: " (the 12 of 300
/// parts lowest against their order-up-to level; all in hourly.csv)".
pub(crate) fn shown(kept: usize, of: usize, items: &str, which: &str) -> String {
    if kept >= of {
        String::new()
    } else {
        format!(" (the {kept} of {of} {items} {which}; all in the tables)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowest_scores_are_kept_in_their_own_order_and_ties_keep_the_first() {
        assert_eq!(
            lowest(&[5.0, 1.0, 3.0, 1.0, f64::NAN, 0.0], 3),
            vec![1, 3, 5]
        );
        assert_eq!(
            lowest(&[2.0, f64::NAN], 5),
            vec![0, 1],
            "no more than most: all"
        );
        assert_eq!(
            lowest(&[f64::NAN, 7.0], 1),
            vec![1],
            "NaN counts as highest"
        );
    }

    #[test]
    fn a_title_says_how_many_it_shows_only_where_it_leaves_some_out() {
        assert_eq!(shown(3, 3, "parts", "x"), "");
        assert_eq!(
            shown(12, 300, "parts", "lowest against their level"),
            " (the 12 of 300 parts lowest against their level; all in the tables)"
        );
    }
}
