import Stats

/// Pearson's chi-square test that the arm shares are the same in every stratum (e.g. that a
/// rollout's treatment share did not change from day to day).
public struct PropensityHomogeneity: Sendable, Equatable, Codable {
    /// The statistic `sum (observed - expected)^2 / expected` over strata x arms.
    public var chiSquare: Double
    /// `(strata - 1) x (arms - 1)`, over strata and arms with at least one unit.
    public var degreesOfFreedom: Int
    /// Upper-tail probability of the statistic under homogeneity; 1 when there is nothing to test.
    public var pValue: Double

    enum CodingKeys: String, CodingKey {
        case chiSquare = "chi_square"
        case degreesOfFreedom = "degrees_of_freedom"
        case pValue = "p_value"
    }

    /// Tests the contingency table `counts[stratum][arm]`. O(strata x arms).
    public init(counts: [[Int]]) {
        let rows = counts.filter { $0.reduce(0, +) > 0 }
        let armCount = rows.first?.count ?? 0
        let armTotals = (0..<armCount).map { arm in rows.reduce(0) { $0 + $1[arm] } }
        let usedArms = (0..<armCount).filter { armTotals[$0] > 0 }
        let total = Double(armTotals.reduce(0, +))
        degreesOfFreedom = max(0, (rows.count - 1) * (usedArms.count - 1))
        guard degreesOfFreedom > 0 else {
            chiSquare = 0
            pValue = 1
            return
        }
        var statistic = 0.0
        for row in rows {
            let rowTotal = Double(row.reduce(0, +))
            for arm in usedArms {
                let expected = rowTotal * Double(armTotals[arm]) / total
                statistic += (Double(row[arm]) - expected) * (Double(row[arm]) - expected) / expected
            }
        }
        chiSquare = statistic
        pValue = ChiSquareDistribution(degreesOfFreedom: Double(degreesOfFreedom)).survival(statistic)
    }
}
