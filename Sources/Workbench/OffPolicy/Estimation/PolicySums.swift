/// The per-bucket sums from which every estimator of every threshold policy is read, for the
/// original data or one bootstrap replicate.
///
/// For unit i with weight m_i (its bootstrap multiplicity), logged arm A_i, propensities
/// p_T, p_C of its stratum, outcome predictions mu_T, mu_C and reward y, the treatment side
/// holds `m w_T`, `m w_T^2`, `m [p_T = 0]` and per variable `m w_T y` (IPS), `m mu_T` (DM) and
/// `m (mu_T + w_T (y - mu_T))` (DR), where `w_T = [A_i = T] / p_T`; the control side the same
/// with C. A policy's sum is the treatment side over the treated buckets plus the control side
/// over the others (`PolicyGrid`).
///
/// Storage is flat (`[bucket][side][quantity]`, variables outermost) so the per-unit loop does
/// no allocation and no nested copy-on-write checks.
struct PolicySums {
    /// Shared quantities per bucket and side: weight, squared weight, unsupported units.
    static let sharedQuantities = 3
    /// Per-variable quantities per bucket and side: IPS, DM and DR numerators.
    static let variableQuantities = 3

    let bucketCount: Int
    let variableCount: Int
    /// Units (weighted) per bucket.
    var units: [Double]
    /// Observed reward sums per variable (the logged policy's value).
    var observed: [Double]
    /// `shared[(bucket * 2 + side) * 3 + quantity]`, side 0 treatment, 1 control.
    var shared: [Double]
    /// `perVariable[((variable * buckets + bucket) * 2 + side) * 3 + quantity]`.
    var perVariable: [Double]

    /// Accumulates the sums. O(units x variables).
    init(units logged: LoggedUnits, grid: PolicyGrid, multiplicity: [Double], propensities: PropensityTable,
         outcomes: CrossFittedOutcomeModel) {
        let buckets = grid.bucketCount
        let variableCount = logged.rewards.count
        bucketCount = buckets
        self.variableCount = variableCount
        var units = [Double](repeating: 0, count: buckets)
        var observed = [Double](repeating: 0, count: variableCount)
        var shared = [Double](repeating: 0, count: buckets * 2 * Self.sharedQuantities)
        var perVariable = [Double](repeating: 0, count: variableCount * buckets * 2 * Self.variableQuantities)
        for unit in 0..<logged.count {
            let m = multiplicity[unit]
            guard m > 0 else { continue }
            let bucket = grid.buckets[unit]
            let stratum = logged.strata[unit]
            let treatmentPropensity = propensities.treatment[stratum]
            let controlPropensity = propensities.control[stratum]
            let arm = logged.arms[unit]
            // Importance weight of each side: 1/p for the logged arm, 0 otherwise (never 0/0).
            let treatmentWeight = arm == .treatment ? 1 / treatmentPropensity : 0
            let controlWeight = arm == .control ? 1 / controlPropensity : 0
            units[bucket] += m
            let base = bucket * 2 * Self.sharedQuantities
            shared[base] += m * treatmentWeight
            shared[base + 1] += m * treatmentWeight * treatmentWeight
            if treatmentPropensity <= 0 { shared[base + 2] += m }
            shared[base + 3] += m * controlWeight
            shared[base + 4] += m * controlWeight * controlWeight
            if controlPropensity <= 0 { shared[base + 5] += m }
            for variable in 0..<variableCount {
                let reward = logged.rewards[variable][unit]
                observed[variable] += m * reward
                let offset = (variable * buckets + bucket) * 2 * Self.variableQuantities
                let treatmentPrediction = outcomes.treatment[variable * outcomes.unitCount + unit]
                let controlPrediction = outcomes.control[variable * outcomes.unitCount + unit]
                perVariable[offset] += m * treatmentWeight * reward
                perVariable[offset + 1] += m * treatmentPrediction
                // w = 0 leaves the prediction alone (no 0 x (y - prediction) term).
                perVariable[offset + 2] += m * (treatmentWeight == 0
                    ? treatmentPrediction : treatmentPrediction + treatmentWeight * (reward - treatmentPrediction))
                perVariable[offset + 3] += m * controlWeight * reward
                perVariable[offset + 4] += m * controlPrediction
                perVariable[offset + 5] += m * (controlWeight == 0
                    ? controlPrediction : controlPrediction + controlWeight * (reward - controlPrediction))
            }
        }
        self.units = units
        self.observed = observed
        self.shared = shared
        self.perVariable = perVariable
    }

    /// Weighted number of units.
    var totalUnits: Double { units.reduce(0, +) }

    /// The policy treating buckets `firstTreated ..< bucketCount`, as totals. O(buckets x variables).
    func totals(firstTreated: Int) -> PolicyTotals {
        var result = PolicyTotals(variableCount: variableCount)
        for bucket in 0..<bucketCount {
            let side = bucket >= firstTreated ? 0 : 1
            result.units += units[bucket]
            if side == 0 { result.treatedUnits += units[bucket] }
            let base = (bucket * 2 + side) * Self.sharedQuantities
            result.weight += shared[base]
            result.squaredWeight += shared[base + 1]
            result.unsupported += shared[base + 2]
            for variable in 0..<variableCount {
                let offset = ((variable * bucketCount + bucket) * 2 + side) * Self.variableQuantities
                result.inverseWeighted[variable] += perVariable[offset]
                result.direct[variable] += perVariable[offset + 1]
                result.doublyRobust[variable] += perVariable[offset + 2]
            }
        }
        return result
    }
}

/// One policy's sums over all units (see `PolicySums`).
struct PolicyTotals {
    var units = 0.0
    var treatedUnits = 0.0
    var weight = 0.0
    var squaredWeight = 0.0
    var unsupported = 0.0
    var inverseWeighted: [Double]
    var direct: [Double]
    var doublyRobust: [Double]

    init(variableCount: Int) {
        inverseWeighted = Array(repeating: 0, count: variableCount)
        direct = inverseWeighted
        doublyRobust = inverseWeighted
    }

    /// Kish's effective sample size `(sum w)^2 / sum w^2` of the policy's importance weights.
    var effectiveSampleSize: Double { squaredWeight > 0 ? weight * weight / squaredWeight : 0 }
}
