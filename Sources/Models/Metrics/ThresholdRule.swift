/// How to turn scores into an on/off decision ("enable when score >= threshold").
public enum ThresholdRule: Sendable, Equatable {
    /// Use this threshold as given (e.g. 0.5 for calibrated probabilities).
    case fixed(Double)
    /// Enable (the weighted) `share` of units, in [0, 1]: the lowest observed score whose
    /// enabled share does not exceed `share`. Ties at the boundary are never split, so the
    /// achieved share can fall short of the target but never exceeds it (a rollout must not
    /// overshoot its percentage). `share = 0` gives a threshold just above the top score.
    /// Needs no labels.
    case rolloutShare(Double)
    /// The observed score that maximises F1 on the labelled data; among equal F1 values the
    /// highest threshold (fewest enabled units) wins.
    case maximumF1
}
