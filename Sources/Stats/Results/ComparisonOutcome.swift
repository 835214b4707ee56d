/// The outcome of a statistical comparison: a value, or a stated reason why there is none.
///
/// (Not named `ComparisonResult`, which Foundation already uses for ordering.)
///
/// `Value` is `EffectEstimate` for frequentist tests, `BayesianEstimate` for Bayesian ones
/// and `SRMResult` for the sample-ratio check.
public enum ComparisonOutcome<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    /// The comparison is defined and this is its result.
    case estimated(Value)
    /// The comparison is not defined for these inputs, for the stated reason.
    case undefined(reason: UndefinedReason)

    /// The result, or `nil` when undefined.
    public var value: Value? {
        if case let .estimated(value) = self { return value }
        return nil
    }

    /// The reason, or `nil` when defined.
    public var undefinedReason: UndefinedReason? {
        if case let .undefined(reason) = self { return reason }
        return nil
    }

    /// Applies `transform` to a defined value; undefined stays undefined with its reason.
    public func flatMap<Other>(_ transform: (Value) -> ComparisonOutcome<Other>) -> ComparisonOutcome<Other> {
        switch self {
        case let .estimated(value): return transform(value)
        case let .undefined(reason): return .undefined(reason: reason)
        }
    }
}
