/// Where the logging policy's propensities come from.
///
/// A percentage rollout assigns arms by hashing, independently of the unit's features, so the
/// propensity of an arm is the rollout's share of that arm, the same for every unit enrolled
/// while that share was in force. It is either known (the configured share) or estimated from
/// the log as the arm's share among the units of a stratum (a constant share: one stratum;
/// a share that changed over time: one stratum per enrolment day).
public enum PropensitySpecification: Sendable, Equatable {
    /// Known shares, the same for every unit: `treatment` and `control` in [0, 1], sum <= 1
    /// (the rest belongs to other variants).
    case known(treatment: Double, control: Double)
    /// Estimated per stratum: `P(arm | stratum)` = the arm's units / the stratum's units. The
    /// bootstrap re-estimates it in every replicate, so its uncertainty is in the intervals.
    case estimatedPerStratum
}

/// Per-stratum treatment and control propensities, for the original data or one bootstrap
/// replicate (units weighted by how often they were drawn).
struct PropensityTable {
    var treatment: [Double]
    var control: [Double]

    /// The table for `units` with per-unit weights `multiplicity` (1 for the original data).
    /// O(units).
    init(specification: PropensitySpecification, units: LoggedUnits, multiplicity: [Double]) {
        let strataCount = units.strataLabels.count
        switch specification {
        case .known(let treatmentShare, let controlShare):
            treatment = Array(repeating: treatmentShare, count: strataCount)
            control = Array(repeating: controlShare, count: strataCount)
        case .estimatedPerStratum:
            var total = [Double](repeating: 0, count: strataCount)
            var treated = total
            var controls = total
            for unit in 0..<units.count {
                let weight = multiplicity[unit]
                guard weight > 0 else { continue }
                let stratum = units.strata[unit]
                total[stratum] += weight
                switch units.arms[unit] {
                case .treatment: treated[stratum] += weight
                case .control: controls[stratum] += weight
                case .other: break
                }
            }
            // A stratum nobody was drawn from has no units to weight; 0 keeps it harmless.
            treatment = (0..<strataCount).map { total[$0] > 0 ? treated[$0] / total[$0] : 0 }
            control = (0..<strataCount).map { total[$0] > 0 ? controls[$0] / total[$0] : 0 }
        }
    }
}
