import Foundation

/// Hyperparameters of the histogram gradient-boosting learner; defaults are LightGBM 4.x's.
///
/// Names follow LightGBM's parameters (given in brackets) so settings carry over.
public struct GradientBoostingParameters: Sendable, Codable, Equatable {
    /// Loss to minimise [`objective`]. Default binary logloss.
    public var objective: GradientBoostingObjective = .binaryLogloss
    /// Boosting rounds (trees) [`num_iterations`], at least 1. Default 100.
    public var numberOfTrees: Int = 100
    /// Shrinkage applied to every leaf value [`learning_rate`], in (0, 1]. Default 0.1.
    public var learningRate: Double = 0.1
    /// Maximum leaves per tree for leaf-wise growth [`num_leaves`], 2...2048. Default 31.
    /// Every leaf keeps a histogram (24 bytes per bin of every feature: 172 KB for 28 x 256
    /// bins), so memory grows linearly with this; there is no LightGBM-style histogram pool.
    public var numLeaves: Int = 31
    /// Maximum depth of a leaf (root = 0, a stump has depth 1) [`max_depth`]; nil = unlimited.
    public var maxDepth: Int? = nil
    /// Value bins per feature [`max_bin`], 2...255; a separate bin holds missing values. Default 255.
    public var maxBins: Int = 255
    /// Minimum sample rows per numeric bin [`min_data_in_bin`], >= 1; rarer values share a
    /// bin with their right neighbour. Default 3.
    public var minDataInBin: Int = 3
    /// Rows sampled (seeded) to find bin edges [`bin_construct_sample_cnt`]. Default 200 000.
    public var binningSampleSize: Int = 200_000
    /// Minimum rows in a leaf [`min_data_in_leaf`], at least 1. Default 20.
    public var minDataInLeaf: Int = 20
    /// Minimum sum of hessians in a leaf [`min_sum_hessian_in_leaf`], >= 0. Default 1e-3.
    public var minSumHessianInLeaf: Double = 1e-3
    /// Minimum gain for a split [`min_gain_to_split`], >= 0. Default 0.
    public var minGainToSplit: Double = 0
    /// L2 penalty λ on leaf values [`lambda_l2`], >= 0. Default 0.
    public var lambdaL2: Double = 0
    /// Fraction of rows sampled without replacement for each tree [`bagging_fraction` with
    /// `bagging_freq=1`], in (0, 1]. Default 1 (no bagging).
    public var baggingFraction: Double = 1
    /// Fraction of features sampled for each tree [`feature_fraction`], in (0, 1]. Default 1.
    public var featureFraction: Double = 1
    /// Stop when the validation loss has not improved for this many rounds
    /// [`early_stopping_round`]; nil = never stop early. Needs a validation set.
    public var earlyStoppingRounds: Int? = nil
    /// Categorical features with at most this many bins (categories plus one other/missing
    /// bin) use one-vs-rest splits [`max_cat_to_onehot`]. Default 4.
    public var maxCategoriesForOneVsRest: Int = 4
    /// Smoothing added to hessians when ordering categories, and the minimum rows for a
    /// category to be considered [`cat_smooth`]. Default 10.
    public var categoricalSmoothing: Double = 10
    /// Extra L2 penalty in sorted categorical splits [`cat_l2`]. Default 10.
    public var categoricalL2: Double = 10
    /// Maximum categories on one side of a sorted categorical split [`max_cat_threshold`]. Default 32.
    public var maxCategoricalThreshold: Int = 32
    /// Minimum rows between evaluated cut points of a sorted categorical scan
    /// [`min_data_per_group`]. Default 100.
    public var minDataPerCategoricalGroup: Int = 100
    /// Seed for the binning sample, bagging and feature sampling [`seed`]. Default 0.
    public var seed: UInt64 = 0
    /// Threads for histograms, gradients and prediction; 0 = all active processors
    /// [`num_threads`]. Results do not depend on it.
    public var threadCount: Int = 0

    /// Parameters with LightGBM's defaults.
    public init() {}

    /// The thread count actually used (resolves 0 to the processor count).
    var resolvedThreadCount: Int { threadCount > 0 ? threadCount : max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Checks every parameter's range; throws naming the first offender.
    public func validate() throws(GradientBoostingError) {
        func check(_ ok: Bool, _ name: String, _ value: Double, _ allowed: String) throws(GradientBoostingError) {
            if !ok { throw .invalidParameter(name: name, value: value, allowed: allowed) }
        }
        try check(numberOfTrees >= 1, "numberOfTrees", Double(numberOfTrees), ">= 1")
        try check(learningRate > 0 && learningRate <= 1, "learningRate", learningRate, "(0, 1]")
        try check(numLeaves >= 2 && numLeaves <= 2048, "numLeaves", Double(numLeaves), "2...2048")
        try check((maxDepth ?? 1) >= 1, "maxDepth", Double(maxDepth ?? 1), ">= 1 or nil")
        try check(maxBins >= 2 && maxBins <= 255, "maxBins", Double(maxBins), "2...255")
        try check(minDataInBin >= 1, "minDataInBin", Double(minDataInBin), ">= 1")
        try check(binningSampleSize >= 1, "binningSampleSize", Double(binningSampleSize), ">= 1")
        try check(minDataInLeaf >= 1, "minDataInLeaf", Double(minDataInLeaf), ">= 1")
        try check(minSumHessianInLeaf >= 0, "minSumHessianInLeaf", minSumHessianInLeaf, ">= 0")
        try check(minGainToSplit >= 0, "minGainToSplit", minGainToSplit, ">= 0")
        try check(lambdaL2 >= 0, "lambdaL2", lambdaL2, ">= 0")
        try check(baggingFraction > 0 && baggingFraction <= 1, "baggingFraction", baggingFraction, "(0, 1]")
        try check(featureFraction > 0 && featureFraction <= 1, "featureFraction", featureFraction, "(0, 1]")
        try check((earlyStoppingRounds ?? 1) >= 1, "earlyStoppingRounds", Double(earlyStoppingRounds ?? 1), ">= 1 or nil")
        try check(maxCategoriesForOneVsRest >= 1, "maxCategoriesForOneVsRest", Double(maxCategoriesForOneVsRest), ">= 1")
        try check(categoricalSmoothing >= 0, "categoricalSmoothing", categoricalSmoothing, ">= 0")
        try check(categoricalL2 >= 0, "categoricalL2", categoricalL2, ">= 0")
        try check(maxCategoricalThreshold >= 1, "maxCategoricalThreshold", Double(maxCategoricalThreshold), ">= 1")
        try check(minDataPerCategoricalGroup >= 1, "minDataPerCategoricalGroup", Double(minDataPerCategoricalGroup), ">= 1")
        try check(threadCount >= 0, "threadCount", Double(threadCount), ">= 0")
    }
}
