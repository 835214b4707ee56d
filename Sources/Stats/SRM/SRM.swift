/// Sample-ratio-mismatch check: is the observed allocation consistent with the plan?
public enum SRM {
    /// Pearson chi-square goodness-of-fit test of observed unit counts against planned weights.
    ///
    /// Arms with planned weight 0 are dropped before the test (keeping them would add an
    /// expected count of 0 to the statistic, a known pitfall); their units are reported in
    /// `unitsInDroppedArms`. Remaining weights are renormalised to sum to 1; expected
    /// count = total kept units x weight; p = chi-square survival with (kept arms - 1) degrees
    /// of freedom. Matches `scipy.stats.chisquare` and GrowthBook's `check_srm`. O(arms).
    /// Fewer than two positive-weight arms or no units gives `.undefined`.
    public static func test(observed: [Double], plannedWeights: [Double]) throws(SRMInputError) -> ComparisonOutcome<SRMResult> {
        guard observed.count == plannedWeights.count else {
            throw .lengthMismatch(counts: observed.count, weights: plannedWeights.count)
        }
        for (index, weight) in plannedWeights.enumerated() where !(weight.isFinite && weight >= 0) {
            throw .invalidWeight(index: index, value: weight)
        }
        for (index, count) in observed.enumerated() where !(count.isFinite && count >= 0) {
            throw .invalidCount(index: index, value: count)
        }
        let kept = plannedWeights.indices.filter { plannedWeights[$0] > 0 }
        let dropped = plannedWeights.indices.filter { plannedWeights[$0] == 0 }
        guard kept.count >= 2 else { return .undefined(reason: .fewerThanTwoArms) }
        let total = kept.reduce(0) { $0 + observed[$1] }
        guard total > 0 else { return .undefined(reason: .noUnits) }
        let weightTotal = kept.reduce(0) { $0 + plannedWeights[$1] }
        var expected = [Double](repeating: 0, count: observed.count)
        var statistic = 0.0
        for index in kept {
            expected[index] = total * plannedWeights[index] / weightTotal
            let deviation = observed[index] - expected[index]
            statistic += deviation * deviation / expected[index]
        }
        let dof = Double(kept.count - 1)
        let pValue = ChiSquareDistribution(degreesOfFreedom: dof).survival(statistic)
        return .estimated(
            SRMResult(
                statistic: statistic, degreesOfFreedom: dof, pValue: pValue, expectedCounts: expected,
                droppedArms: dropped, unitsInDroppedArms: dropped.reduce(0) { $0 + observed[$1] }))
    }
}
