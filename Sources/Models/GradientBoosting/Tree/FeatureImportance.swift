/// How feature importance is counted, as LightGBM's `importance_type`.
public enum FeatureImportanceKind: String, Sendable, Codable, CaseIterable {
    /// Number of splits using the feature (`"split"`).
    case splitCount
    /// Sum of the gains of splits using the feature (`"gain"`).
    case totalGain
}

extension GradientBoostingModel {
    /// Importance of every feature, indexed by column, over all trees. O(nodes).
    public func featureImportance(_ kind: FeatureImportanceKind) -> [Double] {
        var importance = [Double](repeating: 0, count: featureCount)
        for tree in trees {
            for node in 0..<tree.internalNodeCount {
                importance[tree.splitFeature[node]] += kind == .splitCount ? 1 : tree.splitGain[node]
            }
        }
        return importance
    }
}
