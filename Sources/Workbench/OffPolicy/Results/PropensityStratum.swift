/// The logging propensities of one stratum (a UTC enrolment day, or all units).
public struct PropensityStratum: Sendable, Equatable, Codable {
    /// The stratum's name (`all` or a date).
    public var label: String
    /// Units enrolled in the stratum (all variants).
    public var units: Int
    /// Logged treatment units.
    public var treatment: Int
    /// Logged control units.
    public var control: Int
    /// Propensity of treatment used by the estimators.
    public var treatmentPropensity: Double
    /// Propensity of control used by the estimators.
    public var controlPropensity: Double
    /// Wilson score interval of the treatment share at the report's level (estimated
    /// propensities only).
    public var treatmentShareLower: Double?
    /// Upper end of that interval.
    public var treatmentShareUpper: Double?

    enum CodingKeys: String, CodingKey {
        case label, units, treatment, control
        case treatmentPropensity = "treatment_propensity"
        case controlPropensity = "control_propensity"
        case treatmentShareLower = "treatment_share_lower"
        case treatmentShareUpper = "treatment_share_upper"
    }

    /// Wilson's score interval for `successes` of `trials` at normal quantile `z`
    /// (Wilson 1927); `nil` for zero trials.
    static func wilson(successes: Int, trials: Int, z: Double) -> (Double, Double)? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let denominator = 1 + z * z / n
        let center = (p + z * z / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
        return (max(0, center - half), min(1, center + half))
    }
}
