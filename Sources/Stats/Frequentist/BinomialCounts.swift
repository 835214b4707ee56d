/// Successes out of trials in one arm (a conversion-type metric).
///
/// The per-unit values are 0/1, so this is a `SampleSummary` with sum = sumOfSquares =
/// successes; it exists to make the call site read as what it is.
public struct BinomialCounts: Sendable, Hashable, Codable {
    /// Number of units with the event, 0 <= successes <= trials.
    public var successes: Double
    /// Number of units.
    public var trials: Double

    /// Creates counts; validity (0 <= successes <= trials) is checked by the tests, which
    /// report invalid counts as undefined instead of trapping on outside data.
    public init(successes: Double, trials: Double) {
        self.successes = successes
        self.trials = trials
    }

    /// successes / trials, or `nil` without trials.
    public var proportion: Double? { trials > 0 ? successes / trials : nil }

    /// Whether the counts are finite with 0 <= successes <= trials.
    public var isValid: Bool {
        successes.isFinite && trials.isFinite && successes >= 0 && successes <= trials
    }
}
