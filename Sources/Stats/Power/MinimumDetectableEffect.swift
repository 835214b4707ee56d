/// The effect a test should detect.
public enum MinimumDetectableEffect: Sendable, Hashable, Codable {
    /// A difference of means in the metric's units.
    case absolute(Double)
    /// A lift relative to the control mean: absolute effect = lift * |baselineMean|.
    case relative(Double, baselineMean: Double)

    /// The absolute effect; throws for a relative effect on a zero baseline.
    public func absoluteValue() throws -> Double {
        switch self {
        case .absolute(let effect):
            guard effect.isFinite && effect != 0 else { throw PowerAnalysisError.invalidEffect(effect) }
            return effect
        case .relative(let lift, let baseline):
            guard baseline.isFinite && baseline != 0 else { throw PowerAnalysisError.invalidBaseline(baseline) }
            guard lift.isFinite && lift != 0 else { throw PowerAnalysisError.invalidEffect(lift) }
            return lift * abs(baseline)
        }
    }
}
