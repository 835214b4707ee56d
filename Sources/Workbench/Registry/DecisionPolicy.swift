/// Thresholds for the flag service's rule "enable when score >= threshold", all chosen on the
/// validation split (never on test data), plus an abstain band.
///
/// * `fixed`: a user-given threshold (default 0.5).
/// * `matchRollout`: per rollout percentage, the threshold that enables at most that share of
///   validation units (ties never split, so the share may fall short but never overshoots).
/// * `maximizeF1`: the validation score maximising F1 (highest such threshold on ties).
/// * `abstainBand`: scores in `[lower, upper)` are too close to the F1 threshold to trust;
///   there the service should fall back to the unit's rollout bucket.
public struct DecisionPolicy: Sendable, Codable, Equatable {
    /// One threshold and what it did on the validation split.
    public struct Operating: Sendable, Codable, Equatable {
        /// Enable when score >= threshold.
        public var threshold: Double
        /// For `match_rollout`: the rollout percentage targeted (e.g. 5 for 5%).
        public var rolloutPercent: Double?
        /// Share of validation units enabled, in [0, 1].
        public var enabledShare: Double
        /// Precision at the threshold (0 when nothing is enabled).
        public var precision: Double
        /// Recall at the threshold.
        public var recall: Double
        /// F1 at the threshold.
        public var f1: Double
        /// Positives enabled (weighted count).
        public var truePositives: Double
        /// Negatives enabled (weighted count).
        public var falsePositives: Double
        /// Negatives not enabled (weighted count).
        public var trueNegatives: Double
        /// Positives not enabled (weighted count).
        public var falseNegatives: Double

        enum CodingKeys: String, CodingKey {
            case threshold, precision, recall, f1
            case rolloutPercent = "rollout_percent"
            case enabledShare = "enabled_share"
            case truePositives = "true_positives"
            case falsePositives = "false_positives"
            case trueNegatives = "true_negatives"
            case falseNegatives = "false_negatives"
        }

        /// Creates an operating point.
        public init(threshold: Double, rolloutPercent: Double?, enabledShare: Double, precision: Double, recall: Double, f1: Double,
                    truePositives: Double, falsePositives: Double, trueNegatives: Double, falseNegatives: Double) {
            self.threshold = threshold
            self.rolloutPercent = rolloutPercent
            self.enabledShare = enabledShare
            self.precision = precision
            self.recall = recall
            self.f1 = f1
            self.truePositives = truePositives
            self.falsePositives = falsePositives
            self.trueNegatives = trueNegatives
            self.falseNegatives = falseNegatives
        }
    }

    /// Scores in `[lower, upper)` abstain: the service uses the rollout bucket instead.
    public struct AbstainBand: Sendable, Codable, Equatable {
        /// Lowest abstaining score.
        public var lower: Double
        /// First score above the band.
        public var upper: Double
        /// Share of validation units inside the band, in [0, 1].
        public var validationShare: Double
        /// How the band was chosen.
        public var method: String

        enum CodingKeys: String, CodingKey {
            case lower, upper, method
            case validationShare = "validation_share"
        }

        /// Creates a band.
        public init(lower: Double, upper: Double, validationShare: Double, method: String) {
            self.lower = lower
            self.upper = upper
            self.validationShare = validationShare
            self.method = method
        }
    }

    /// The decision rule, spelled out: `"enable when score >= threshold"`.
    public var rule: String
    /// Which split the thresholds were chosen on: `"validation"`.
    public var chosenOn: String
    /// The fixed threshold.
    public var fixed: Operating
    /// One operating point per rollout percentage, ascending.
    public var matchRollout: [Operating]
    /// The F1-maximising threshold.
    public var maximizeF1: Operating
    /// Where the model abstains.
    public var abstainBand: AbstainBand

    enum CodingKeys: String, CodingKey {
        case rule, fixed
        case chosenOn = "chosen_on"
        case matchRollout = "match_rollout"
        case maximizeF1 = "maximize_f1"
        case abstainBand = "abstain_band"
    }

    /// Creates a policy.
    public init(fixed: Operating, matchRollout: [Operating], maximizeF1: Operating, abstainBand: AbstainBand) {
        rule = "enable when score >= threshold"
        chosenOn = "validation"
        self.fixed = fixed
        self.matchRollout = matchRollout
        self.maximizeF1 = maximizeF1
        self.abstainBand = abstainBand
    }
}
