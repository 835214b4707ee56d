import Stats

/// The statistics that turn replicate outcomes into the reported figures.
public enum SimulationSummaries {
    /// Two-sided Clopper-Pearson ("exact") interval for `successes` of `trials` at `confidence`.
    ///
    /// Beta quantiles: lower = B(alpha/2; x, n - x + 1), upper = B(1 - alpha/2; x + 1, n - x),
    /// with 0 and 1 at x = 0 and x = n. Matches statsmodels `proportion_confint(method="beta")`
    /// to the accuracy of `BetaDistribution.quantile` (~1e-12).
    /// - Precondition: 0 <= successes <= trials, trials > 0.
    public static func clopperPearson(successes: Int, trials: Int, confidence: Double = 0.95) -> (lower: Double, upper: Double) {
        precondition(trials > 0 && successes >= 0 && successes <= trials, "successes \(successes) of trials \(trials)")
        let alpha = 1 - confidence
        let x = Double(successes), n = Double(trials)
        let lower = successes == 0 ? 0 : BetaDistribution(alpha: x, beta: n - x + 1).quantile(alpha / 2)
        let upper = successes == trials ? 1 : BetaDistribution(alpha: x + 1, beta: n - x).quantile(1 - alpha / 2)
        return (lower, upper)
    }

    /// Mean, median, 10th/90th percentiles (linear interpolation between order statistics,
    /// numpy's default) and range; `nil` for an empty sample.
    public static func distribution(_ values: [Double]) -> Distribution? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func quantile(_ p: Double) -> Double {
            let position = p * Double(sorted.count - 1)
            let low = Int(position.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
        }
        return Distribution(
            count: sorted.count, mean: sorted.reduce(0, +) / Double(sorted.count), median: quantile(0.5),
            p10: quantile(0.1), p90: quantile(0.9), minimum: sorted[0], maximum: sorted[sorted.count - 1])
    }

    /// Marks dominated rows: a policy is dominated when another is no worse on time to full
    /// rollout, false-stop rate and harm on bad scenarios, and strictly better on one.
    ///
    /// Missing times count as infinitely slow; harm is ignored when no row has it. O(policies^2).
    public static func markDominance(_ rows: [FrontierRow]) -> [FrontierRow] {
        func objectives(_ row: FrontierRow) -> [Double] {
            var values = [row.medianHoursToFullRollout ?? .infinity, row.falseStopRate]
            if rows.contains(where: { $0.meanExposedUnitsOnBad != nil }) { values.append(row.meanExposedUnitsOnBad ?? .infinity) }
            return values
        }
        return rows.map { row in
            var row = row
            let mine = objectives(row)
            row.dominatedBy = rows.filter { other in
                guard other.policy != row.policy else { return false }
                let theirs = objectives(other)
                return zip(theirs, mine).allSatisfy { $0 <= $1 } && zip(theirs, mine).contains { $0 < $1 }
            }.map(\.policy)
            row.dominated = !row.dominatedBy.isEmpty
            return row
        }
    }
}
