//! Every chart taktline draws, named once: its file stem and the line a page
//! shows under it. Pages list the charts a product saved, never file names.

/// Declares [`ChartId`] from one table of (variant, file stem, caption).
macro_rules! charts {
    ($($(#[$doc:meta])* $id:ident => $stem:literal, $caption:literal;)*) => {
        /// One chart of a run, study, sweep or stress test.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ChartId {
            $($(#[$doc])* $id,)*
        }

        impl ChartId {
            /// Every chart, in the table's order.
            pub const ALL: &[ChartId] = &[$(ChartId::$id,)*];

            /// The file stem: the chart is `<stem>.png` and `<stem>.svg`.
            pub fn stem(self) -> &'static str {
                match self {
                    $(ChartId::$id => $stem,)*
                }
            }

            /// What to read from the chart, in one line.
            pub fn caption(self) -> &'static str {
                match self {
                    $(ChartId::$id => $caption,)*
                }
            }
        }
    };
}

charts! {
    /// Robots per hour with its centred 24 h average and the takt target.
    HourlyOutput => "hourly-output",
        "Robots completed per hour: the thick line is the 24 h centred average against the takt target, which follows the line's calendar; the spread over replications is drawn day by day in robots per day.";
    /// Robots so far against the takt schedule.
    CumulativeOutput => "cumulative-output",
        "Robots completed so far against the takt schedule: a line below the schedule is a backlog.";
    /// Factory stock per part against its order-up-to level.
    Inventory => "inventory",
        "Factory stock of each part against its order-up-to level: a part at zero starves the line.";
    /// Finished goods at each supplier against its cap.
    SupplierStock => "supplier-stock",
        "Finished goods at each supplier against its cap: what a truck can load.";
    /// Where each station's time goes.
    StationStates => "station-states",
        "Where each station's time goes: a station mostly busy is the bottleneck; starved for parts points at supply.";
    /// Robots behind the undisrupted twin over time.
    Shortfall => "shortfall",
        "Robots behind the undisrupted twin: the area is the delay, the height the peak shortfall; marks name the paired figures.";
    /// Mean stock per part and its days of cover.
    StockLevels => "stock-levels",
        "Mean stock of each part and how many days of the line's use it covers.";
    /// Robots per day, day by day.
    RobotsPerDay => "robots-per-day",
        "Robots per day, day by day, against the daily target.";
    /// The distribution of daily output.
    DailyOutput => "daily-output",
        "How often each daily output occurs: mass left of the target line is days that missed it.";
    /// A study's disruptions side by side.
    Resilience => "resilience",
        "Each disruption's paired figures side by side, with their 95% intervals.";
    /// A sweep's robots lost against the swept value.
    SweepRobotsLost => "sweep-robots-lost",
        "Robots lost by the horizon as the swept value grows: where the curve leaves zero, stock no longer carries the line.";
    /// A sweep's time to recover against the swept value.
    SweepTimeToRecover => "sweep-time-to-recover",
        "Hours after the end until the line is back at full pace.";
    /// A sweep's time to survive against the swept value.
    SweepTimeToSurvive => "sweep-time-to-survive",
        "How long stock carried the line; triangles mark values where every replication survived.";
    /// A sweep's robots per day against the swept value.
    SweepRobotsPerDay => "sweep-robots-per-day",
        "Robots per day after the warm-up, fitted around the effect.";
    /// Each stressed node's time to survive beside its time to recover.
    StressTtsTtr => "stress-tts-ttr",
        "A node whose time-to-survive bar is shorter than its time-to-recover bar is at risk.";
    /// Robots lost against outage duration, per node.
    StressImpact => "stress-impact",
        "How robots lost grow with the outage's length; the curve leaves zero at the longest harmless outage.";
    /// Nodes ranked by the impact of an outage as long as their TTR.
    StressRanking => "stress-ranking",
        "The nodes whose outage for their TTR costs most come first.";
    /// The reverse stress test's combinations by their breaking outage.
    ReverseBreaking => "reverse-breaking",
        "Each combination's shortest breaking outage, as a multiple of every failing node's time to recover, grouped by how many nodes fail together: the shorter the bar, the milder the failure that breaks the target.";
    /// Every candidate of a plan search by running cost and EAL.
    PlanFrontier => "plan-frontier",
        "Every candidate the search evaluated, by running cost and expected annual loss over the search's hazard years: down and left is cheaper; crosses fail a constraint; the square is today's plan, the triangle the plan found.";
    /// The best total found as the search went on.
    PlanProgress => "plan-progress",
        "The best total annual cost among the candidates meeting the constraints, after each evaluation: where it flattens, the search found nothing cheaper.";
    /// Each plan's yearly cost stacked by kind, with the total's interval.
    CompareTotals => "compare-totals",
        "Each plan's yearly cost stacked by kind, its running cost below and the expected annual loss on top, with the 95% interval of the total: a lower bar is cheaper only where the verdict says so.";
    /// The loss-exceedance curves of all plans.
    CompareExceedance => "compare-exceedance",
        "The share of hazard years losing at least each amount: a curve further left and lower has the lighter tail.";
    /// Running cost against expected annual loss, a point per plan.
    CompareRunningVsLoss => "compare-running-vs-loss",
        "Each plan's running cost against its expected annual loss: paying more to run should buy a lower loss.";
}

#[cfg(test)]
mod tests {
    use super::ChartId;

    #[test]
    fn every_chart_has_its_own_file_stem_and_a_caption() {
        let mut stems: Vec<&str> = ChartId::ALL.iter().map(|c| c.stem()).collect();
        stems.sort_unstable();
        stems.dedup();
        assert_eq!(stems.len(), ChartId::ALL.len());
        assert!(ChartId::ALL.iter().all(|c| !c.caption().is_empty()));
    }
}
