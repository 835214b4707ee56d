/// The `logistic` object of `model.json`: an intercept and one coefficient per term.
///
/// Log-odds `z = intercept + sum_t coefficient[t] * x_t`, summed in term order; probability
/// `1 / (1 + exp(-z))`. A `numeric` term's `x_t` is the feature's value, or `missing_value`
/// when it is missing. An `indicator` term's `x_t` is 1 when the categorical feature's code
/// equals `level`, else 0 (so a missing or unknown level, and the reference level 0, give 0
/// on every indicator).
public struct LogisticArtifact: Sendable, Codable, Equatable {
    /// One column of the design matrix.
    public struct Term: Sendable, Codable, Equatable {
        /// Index into `features`.
        public var feature: Int
        /// `"numeric"` or `"indicator"`.
        public var kind: Kind
        /// For an indicator: the categorical code that sets it to 1.
        public var level: Int?
        /// For a numeric term: the value used when the feature is missing (its training mean).
        public var missingValue: Double?
        /// The coefficient, in log-odds per unit of the term.
        public var coefficient: Double
        /// Its standard error (unpenalised fits that converged; informational).
        public var standardError: Double?

        /// Term kinds.
        public enum Kind: String, Sendable, Codable, Equatable {
            /// The feature's value (or `missing_value`).
            case numeric
            /// 1 when the categorical code equals `level`, else 0.
            case indicator
        }

        /// Creates a term.
        public init(feature: Int, kind: Kind, level: Int? = nil, missingValue: Double? = nil, coefficient: Double, standardError: Double? = nil) {
            self.feature = feature
            self.kind = kind
            self.level = level
            self.missingValue = missingValue
            self.coefficient = coefficient
            self.standardError = standardError
        }

        enum CodingKeys: String, CodingKey {
            case feature, kind, level, coefficient
            case missingValue = "missing_value"
            case standardError = "standard_error"
        }
    }

    /// The intercept, in log-odds.
    public var intercept: Double
    /// Standard error of the intercept (informational), when available.
    public var interceptStandardError: Double?
    /// The design-matrix columns in order.
    public var terms: [Term]

    /// Creates the coefficients object.
    public init(intercept: Double, interceptStandardError: Double? = nil, terms: [Term]) {
        self.intercept = intercept
        self.interceptStandardError = interceptStandardError
        self.terms = terms
    }

    enum CodingKeys: String, CodingKey {
        case intercept, terms
        case interceptStandardError = "intercept_standard_error"
    }

    /// The value of term `t` for a row, `feature(j)` giving feature `j` (NaN = missing).
    @inlinable
    public func termValue(_ term: Term, _ feature: (Int) -> Double) -> Double {
        let value = feature(term.feature)
        switch term.kind {
        case .numeric: return value.isNaN ? (term.missingValue ?? 0) : value
        case .indicator: return !value.isNaN && Int(exactly: value) == term.level ? 1 : 0
        }
    }
}
