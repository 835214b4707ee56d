/// Matches a registry model's input columns to the columns `UnitFeatureBuilder` produces, and
/// fills in the documented defaults for units without history before the cutoff.
///
/// A model feature is taken from the builder's column of the same name. A `count_<event>`
/// column the builder did not produce (no such event before the cutoff) is 0 for every unit.
/// Any other name, and any categorical feature, cannot be built from events: the evaluation
/// is refused with the column's name.
///
/// Defaults for a unit with no event before the cutoff (the builder gives it no row):
/// `unique_features`, `active_days`, `events_per_day` and every `count_<event>` are 0;
/// `avg_hour`, `avg_day_of_week` and `hours_since_last_event` are missing (NaN), which the model
/// handles by its documented missing-value policy (gbdt default directions, logistic training
/// means).
public struct ModelFeatureMatcher: Sendable, Equatable {
    /// Where one model feature comes from.
    public enum Source: Sendable, Equatable {
        /// The builder's feature column at this index (0-based, `unit_id` and `label` excluded).
        case column(Int)
        /// An event count the builder has no column for: 0 for every unit.
        case absentCount
    }

    /// Builder columns whose value for a unit without history is missing rather than 0.
    public static let missingWithoutHistory: Set<String> = ["avg_hour", "avg_day_of_week", "hours_since_last_event"]

    /// One source per model feature, in model order.
    public let sources: [Source]
    /// Model feature names, in model order.
    public let names: [String]
    /// Model features that no unit had (filled with 0).
    public let absentCounts: [String]

    /// Matches `features` (the model's, in order) against the builder's `columns` (as in
    /// `UnitFeatureTable.columns`, with `unit_id` first and `label` last).
    /// - Throws: `OffPolicyError` naming the first feature that cannot be built.
    public init(features: [FeatureColumn], builderColumns columns: [String]) throws {
        let featureColumns = Array(columns.dropFirst().dropLast())
        var sources: [Source] = []
        var absent: [String] = []
        for feature in features {
            guard feature.type == .numeric else {
                throw OffPolicyError("the model needs the categorical feature \"\(feature.name)\", which cannot be built from the events (the feature builder makes numeric columns only: \(featureColumns.joined(separator: ", "))); evaluate a model trained on `workbench features` output")
            }
            if let index = featureColumns.firstIndex(of: feature.name) {
                sources.append(.column(index))
            } else if feature.name.hasPrefix("count_") {
                sources.append(.absentCount)
                absent.append(feature.name)
            } else {
                throw OffPolicyError("the model needs the feature \"\(feature.name)\", which the feature builder cannot produce from the events (it makes: \(featureColumns.joined(separator: ", ")), count_<event>); evaluate a model trained on `workbench features` output")
            }
        }
        self.sources = sources
        names = features.map(\.name)
        absentCounts = absent
    }

    /// The model's input row for a unit with builder row `row`, or the defaults when `row` is nil.
    public func values(row: [Double]?) -> [Double] {
        sources.enumerated().map { index, source in
            switch source {
            case .absentCount:
                return 0
            case .column(let column):
                if let row { return row[column] }
                return Self.missingWithoutHistory.contains(names[index]) ? .nan : 0
            }
        }
    }
}
