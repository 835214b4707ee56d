import Stats

/// Cumulative sufficient statistics of every guardrail metric in both arms at one look.
///
/// Per arm and metric a `PairedSummary` over the units that entered before the look:
/// `count` = units, x = the metric's per-unit value (numerator for ratios), y = the ratio's
/// denominator (all y terms 0 for proportion and mean metrics). Additive, so the same
/// statistics code serves a replay and a warehouse aggregate.
public struct LookStatistics: Sendable, Equatable {
    /// 0-based look index in the schedule.
    public var look: Int
    /// The look's time (ms since the epoch): it covers entries and events before this time.
    public var time: Int64
    /// Units entered per arm (index 0 control, 1 treatment).
    public var units: [Int]
    /// `arm * metricCount + metric`.
    public var summaries: [PairedSummary]
    public let metricCount: Int

    public init(look: Int, time: Int64, units: [Int], summaries: [PairedSummary], metricCount: Int) {
        precondition(summaries.count == 2 * metricCount, "need 2 x \(metricCount) summaries, got \(summaries.count)")
        self.look = look
        self.time = time
        self.units = units
        self.summaries = summaries
        self.metricCount = metricCount
    }

    /// The summary of `metric` in `arm` (0 control, 1 treatment).
    public func summary(arm: Int, metric: Int) -> PairedSummary { summaries[arm * metricCount + metric] }
}

/// Everything one replay produced: the statistics of each look it reached (a replay stops
/// early when its observer says so).
public struct ReplayResult: Sendable {
    public var looks: [LookStatistics]
}
