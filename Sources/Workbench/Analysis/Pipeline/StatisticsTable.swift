import Stats

/// Everything the statistics need about one experiment, and nothing more: per metric, the
/// `MomentSums` of each variant overall, per segment and per enrollment day, plus per-unit
/// event values for quantile metrics.
///
/// Built from a raw export by `ExperimentAccumulator`, or from warehouse aggregates by
/// `AggregatesReader`; both paths feed the same `ResultsBuilder`, so they agree to rounding.
public struct StatisticsTable: Sendable {
    /// Variant names in output order (control first).
    public var variants: [String]
    /// Analysed units per variant.
    public var units: [Int]
    /// Excluded units by reason.
    public var excluded: [String: Int]
    /// Per metric (spec order).
    public var metrics: [MetricTable]
    /// UTC days of the enrollment timeline (`YYYY-MM-DD`) and new units per day per variant.
    public var days: [String]
    public var newUnitsPerDay: [[Int]]
    /// The data-quality report of the raw read (nil for aggregates).
    public var dataQuality: DataQualityReport?

    /// One metric's sufficient statistics.
    public struct MetricTable: Sendable {
        public var name: String
        /// Per variant, overall.
        public var overall: [MomentSums]
        /// Per segment (dimension, value), per variant.
        public var segments: [SegmentKey: [MomentSums]]
        /// Per enrollment day, per variant (not cumulative).
        public var daily: [[MomentSums]]
        /// Quantile metrics only: per variant, the event values of each unit that has any.
        public var unitValues: [UnitGroupedValues]?
        /// Quantile metrics only: the same per segment.
        public var segmentUnitValues: [SegmentKey: [UnitGroupedValues]]?
    }

    /// A segment: one value of one dimension.
    public struct SegmentKey: Sendable, Hashable, Comparable {
        public var dimension: String
        public var value: String

        public static func < (lhs: SegmentKey, rhs: SegmentKey) -> Bool {
            (lhs.dimension, lhs.value) < (rhs.dimension, rhs.value)
        }
    }
}
