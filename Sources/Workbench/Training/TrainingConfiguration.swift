/// Everything `ModelTrainer` needs besides the data: model type, hyperparameters, the
/// validation split and the decision-policy settings.
public struct TrainingConfiguration: Sendable, Equatable {
    /// `gbdt` or `logistic`.
    public var modelType: ModelArtifact.ModelType = .gbdt
    /// Seed of the validation split and the learner. Default 1.
    public var seed: UInt64 = 1
    /// Share of rows held out (stratified by label) for metrics and thresholds, in (0, 1). Default 0.2.
    public var validationFraction: Double = 0.2
    /// GBDT: boosting rounds. Default 100.
    public var trees = 100
    /// GBDT: leaves per tree. Default 31.
    public var leaves = 31
    /// GBDT: shrinkage. Default 0.1.
    public var learningRate = 0.1
    /// GBDT: value bins per feature. Default 255.
    public var maxBins = 255
    /// GBDT: minimum rows per leaf. Default 20.
    public var minDataInLeaf = 20
    /// GBDT: L2 penalty on leaf values. Default 0.
    public var lambdaL2 = 0.0
    /// GBDT: threads (0 = all processors); results do not depend on it. Default 0.
    public var threads = 0
    /// GBDT: early-stopping patience; the stopping set is 10% of the *training* rows, so the
    /// validation split stays untouched. `nil` = no early stopping.
    public var earlyStoppingRounds: Int?
    /// Logistic: inverse L2 strength C; `nil` = unpenalised (standard errors reported).
    public var inverseRegularization: Double?
    /// The `fixed` threshold of the decision policy. Default 0.5.
    public var fixedThreshold = 0.5
    /// Rollout percentages for `match_rollout`. Default 1, 5, 10, 20, 50.
    public var rolloutPercents: [Double] = [1, 5, 10, 20, 50]
    /// Share of validation units (by rank) in the abstain band around the F1 threshold. Default 0.1.
    public var abstainShare = 0.1
    /// Uniform calibration bins for ECE and the calibration table. Default 10.
    public var calibrationBins = 10

    /// The defaults above.
    public init() {}

    /// Checks ranges; throws a `TrainingError` naming the option to fix.
    public func validate() throws(TrainingError) {
        func check(_ ok: Bool, _ option: String, _ allowed: String) throws(TrainingError) {
            if !ok { throw .invalidOption(option: option, allowed: allowed) }
        }
        try check(validationFraction > 0 && validationFraction < 1, "--validation-fraction", "a share strictly between 0 and 1, e.g. 0.2")
        try check(trees >= 1, "--trees", "an integer >= 1")
        try check(leaves >= 2 && leaves <= 65_536, "--leaves", "an integer from 2 to 65536")
        try check(learningRate > 0 && learningRate <= 1, "--learning-rate", "a number in (0, 1]")
        try check(maxBins >= 2 && maxBins <= 255, "--max-bins", "an integer from 2 to 255")
        try check(minDataInLeaf >= 1, "--min-data-in-leaf", "an integer >= 1")
        try check(lambdaL2 >= 0 && lambdaL2.isFinite, "--lambda-l2", "a finite number >= 0")
        try check(threads >= 0, "--threads", "an integer >= 0 (0 = all processors)")
        try check((earlyStoppingRounds ?? 1) >= 1, "--early-stopping-rounds", "an integer >= 1")
        try check((inverseRegularization ?? 1) > 0 && (inverseRegularization ?? 1).isFinite, "--C", "a finite number > 0")
        try check(fixedThreshold >= 0 && fixedThreshold <= 1, "--fixed-threshold", "a probability in [0, 1]")
        try check(!rolloutPercents.isEmpty && rolloutPercents.allSatisfy { $0 > 0 && $0 <= 100 }, "--rollout-percents", "percentages in (0, 100], e.g. 1,5,10,20,50")
        try check(abstainShare >= 0 && abstainShare < 1, "--abstain-share", "a share in [0, 1)")
        try check(calibrationBins >= 1, "--calibration-bins", "an integer >= 1")
    }
}
