/// A warning that the classes are (quasi-)completely separated by the features.
///
/// With separation the unpenalised likelihood keeps increasing as coefficients grow, so no
/// finite estimate exists (Albert & Anderson 1984). The fit stops instead of running the
/// coefficients off to infinity; use an L2 penalty, drop the separating feature, or treat the
/// rule it expresses as deterministic.
public struct SeparationWarning: Sendable, Equatable {
    /// Which kind of separation was detected.
    public enum Kind: String, Sendable, Equatable {
        /// A hyperplane classifies every row correctly (all fitted logits have the label's sign).
        case complete
        /// A subset of rows is classified perfectly and Newton keeps pushing those fitted
        /// probabilities towards exactly 0 or 1.
        case quasiComplete
    }
    /// The kind of separation.
    public var kind: Kind
    /// Rows (with positive weight) whose fitted probability is within 1e-6 of their label.
    public var perfectlyPredictedRows: Int
}
