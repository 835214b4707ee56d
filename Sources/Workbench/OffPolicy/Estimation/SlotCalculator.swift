/// Turns `PolicySums` into the flat list of statistics that the bootstrap tracks, and explains
/// the ones that are undefined.
///
/// Slot layout: for each policy, each metric, each of IPS, SNIPS, DM, DR: the value, then its
/// difference from the all-control policy under the same estimator; after all policies, the
/// logged policy's observed value per metric.
struct SlotCalculator {
    let descriptors: [OffPolicyEvaluator.Descriptor]
    let metrics: [OffPolicyMetric]
    let bucketCount: Int
    private static let estimators = OffPolicyEstimator.offPolicy

    var slotCount: Int { descriptors.count * metrics.count * Self.estimators.count * 2 + metrics.count }

    func slot(policy: Int, metric: Int, estimator: Int) -> Int {
        ((policy * metrics.count + metric) * Self.estimators.count + estimator) * 2
    }

    func loggedSlot(metric: Int) -> Int { descriptors.count * metrics.count * Self.estimators.count * 2 + metric }

    /// Every slot's value; NaN where undefined (lost support, zero denominator, no outcome model).
    func values(_ sums: PolicySums) -> [Double] {
        var result = [Double](repeating: .nan, count: slotCount)
        let control = sums.totals(firstTreated: bucketCount)
        for (policyIndex, descriptor) in descriptors.enumerated() {
            let totals = sums.totals(firstTreated: descriptor.firstTreated)
            for (metricIndex, metric) in metrics.enumerated() {
                for (estimatorIndex, estimator) in Self.estimators.enumerated() {
                    let value = Self.value(totals, metric: metric, estimator: estimator)
                    let slot = slot(policy: policyIndex, metric: metricIndex, estimator: estimatorIndex)
                    result[slot] = value
                    result[slot + 1] = value - Self.value(control, metric: metric, estimator: estimator)
                }
            }
        }
        let units = sums.totalUnits
        for (metricIndex, metric) in metrics.enumerated() {
            let numerator = sums.observed[metric.numerator] / units
            if let denominator = metric.denominator {
                let bottom = sums.observed[denominator] / units
                result[loggedSlot(metric: metricIndex)] = bottom != 0 ? numerator / bottom : .nan
            } else {
                result[loggedSlot(metric: metricIndex)] = numerator
            }
        }
        return result
    }

    /// The value of `metric` under `estimator` from a policy's totals; NaN when undefined.
    static func value(_ totals: PolicyTotals, metric: OffPolicyMetric, estimator: OffPolicyEstimator) -> Double {
        if estimator != .directMethod && totals.unsupported > 0 { return .nan }
        func variable(_ index: Int) -> Double {
            switch estimator {
            case .ips: return totals.inverseWeighted[index] / totals.units
            case .snips: return totals.weight > 0 ? totals.inverseWeighted[index] / totals.weight : .nan
            case .directMethod: return totals.direct[index] / totals.units
            case .doublyRobust: return totals.doublyRobust[index] / totals.units
            case .observed: return .nan
            }
        }
        let numerator = variable(metric.numerator)
        guard let denominator = metric.denominator else { return numerator }
        let bottom = variable(denominator)
        return bottom != 0 ? numerator / bottom : .nan
    }

    /// Why each slot of the original data is undefined (`nil` where it is defined).
    func reasons(_ sums: PolicySums, outcomes: CrossFittedOutcomeModel, units: LoggedUnits) -> [String?] {
        var result = [String?](repeating: nil, count: slotCount)
        let control = sums.totals(firstTreated: bucketCount)
        let noTreatmentModel = outcomes.isMissing(arm: 0)
        let noControlModel = outcomes.isMissing(arm: 1)
        func reason(_ totals: PolicyTotals, _ metric: OffPolicyMetric, _ estimator: OffPolicyEstimator, treats: Bool, withholds: Bool) -> String? {
            if Self.value(totals, metric: metric, estimator: estimator).isFinite { return nil }
            if estimator != .directMethod && totals.unsupported > 0 {
                return "no support: \(Int(totals.unsupported.rounded())) units would get an arm with logging propensity 0 in their stratum"
            }
            if estimator == .snips && totals.weight <= 0 { return "no logged unit received the arm this policy chooses (sum of importance weights 0)" }
            if estimator == .directMethod || estimator == .doublyRobust {
                if treats && noTreatmentModel { return "no outcome model for treatment: no logged treatment units outside some cross-fitting fold" }
                if withholds && noControlModel { return "no outcome model for control: no logged control units outside some cross-fitting fold" }
            }
            return metric.denominator != nil ? "the ratio's denominator is 0 under this policy" : "the estimate is not a finite number"
        }
        for (policyIndex, descriptor) in descriptors.enumerated() {
            let totals = sums.totals(firstTreated: descriptor.firstTreated)
            let treats = totals.treatedUnits > 0
            let withholds = totals.treatedUnits < totals.units
            for (metricIndex, metric) in metrics.enumerated() {
                for (estimatorIndex, estimator) in Self.estimators.enumerated() {
                    let slot = slot(policy: policyIndex, metric: metricIndex, estimator: estimatorIndex)
                    result[slot] = reason(totals, metric, estimator, treats: treats, withholds: withholds)
                    result[slot + 1] = result[slot]
                        ?? reason(control, metric, estimator, treats: false, withholds: true).map { "all control: \($0)" }
                }
            }
        }
        for (metricIndex, metric) in metrics.enumerated() {
            if metric.denominator != nil, sums.observed[metric.denominator ?? 0] == 0 {
                result[loggedSlot(metric: metricIndex)] = "the ratio's denominator is 0 in the log"
            }
        }
        return result
    }
}
