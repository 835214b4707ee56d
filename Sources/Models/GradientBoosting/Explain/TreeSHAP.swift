/// Path-dependent TreeSHAP (Lundberg, Erion, Lee 2018, "Consistent Individualized Feature
/// Attribution for Tree Ensembles", Algorithm 2): exact Shapley values of a tree's output
/// under the conditional expectation estimated from training covers.
///
/// Covers are the training row counts per node (`nodeCount`, `leafCount`), as LightGBM's
/// `pred_contrib`. For one tree the contributions plus the tree's expected value
/// (cover-weighted mean leaf value) add up to the tree's output; summed over trees, plus the
/// initial score in the bias, they add up to the raw score. O(leaves x depth²) per tree and row.
enum TreeSHAP {
    private struct PathElement {
        var feature: Int
        var zeroFraction: Double
        var oneFraction: Double
        var weight: Double
    }

    /// Cover-weighted mean output of `tree` (its SHAP base value).
    static func expectedValue(of tree: RegressionTree) -> Double {
        let total = tree.leafCount.reduce(0, +)
        guard total > 0 else { return tree.leafValue.reduce(0, +) / Double(tree.leafValue.count) }
        var sum = 0.0
        for leaf in tree.leafValue.indices { sum += tree.leafValue[leaf] * Double(tree.leafCount[leaf]) }
        return sum / Double(total)
    }

    /// Adds the tree's contributions for the row `features` into `contributions[0..<featureCount]`.
    static func accumulate(tree: RegressionTree, features: [Double], into contributions: inout [Double]) {
        guard tree.internalNodeCount > 0 else { return }
        let capacity = tree.maximumDepth + 2
        var path = [PathElement](repeating: PathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0), count: capacity)
        recurse(
            tree: tree, features: features, child: 0, path: &path, uniqueDepth: 0,
            zeroFraction: 1, oneFraction: 1, feature: -1, contributions: &contributions)
    }

    private static func cover(_ tree: RegressionTree, _ child: Int) -> Double {
        Double(child >= 0 ? tree.nodeCount[child] : tree.leafCount[~child])
    }

    private static func recurse(
        tree: RegressionTree, features: [Double], child: Int, path parentPath: inout [PathElement], uniqueDepth: Int,
        zeroFraction: Double, oneFraction: Double, feature: Int, contributions: inout [Double]
    ) {
        // Each level works on its own copy of the path (the paper's "m ← copy").
        var path = parentPath
        var depth = uniqueDepth
        extend(&path, depth: depth, zeroFraction: zeroFraction, oneFraction: oneFraction, feature: feature)
        if child < 0 {
            let value = tree.leafValue[~child]
            if depth > 0 {
                for index in 1...depth {
                    let weight = unwoundSum(path, depth: depth, index: index)
                    let element = path[index]
                    contributions[element.feature] += weight * (element.oneFraction - element.zeroFraction) * value
                }
            }
            return
        }
        let splitFeature = tree.splitFeature[child]
        let goesLeft = tree.goesLeft(node: child, value: features[splitFeature])
        let hot = goesLeft ? tree.leftChild[child] : tree.rightChild[child]
        let cold = goesLeft ? tree.rightChild[child] : tree.leftChild[child]
        let nodeCover = cover(tree, child)
        let hotZero = nodeCover > 0 ? cover(tree, hot) / nodeCover : 0.5
        let coldZero = nodeCover > 0 ? cover(tree, cold) / nodeCover : 0.5
        var incomingZero = 1.0
        var incomingOne = 1.0
        // A feature seen before on this path is unwound, and its fractions carried on.
        if depth > 0, let previous = (1...depth).first(where: { path[$0].feature == splitFeature }) {
            incomingZero = path[previous].zeroFraction
            incomingOne = path[previous].oneFraction
            unwind(&path, depth: depth, index: previous)
            depth -= 1
        }
        recurse(
            tree: tree, features: features, child: hot, path: &path, uniqueDepth: depth + 1,
            zeroFraction: hotZero * incomingZero, oneFraction: incomingOne, feature: splitFeature,
            contributions: &contributions)
        recurse(
            tree: tree, features: features, child: cold, path: &path, uniqueDepth: depth + 1,
            zeroFraction: coldZero * incomingZero, oneFraction: 0, feature: splitFeature,
            contributions: &contributions)
    }

    /// EXTEND: grows the path by one feature, updating the permutation weights.
    private static func extend(_ path: inout [PathElement], depth: Int, zeroFraction: Double, oneFraction: Double, feature: Int) {
        if depth >= path.count { path.append(PathElement(feature: -1, zeroFraction: 0, oneFraction: 0, weight: 0)) }
        path[depth] = PathElement(feature: feature, zeroFraction: zeroFraction, oneFraction: oneFraction, weight: depth == 0 ? 1 : 0)
        let scale = Double(depth + 1)
        var index = depth - 1
        while index >= 0 {
            path[index + 1].weight += oneFraction * path[index].weight * Double(index + 1) / scale
            path[index].weight = zeroFraction * path[index].weight * Double(depth - index) / scale
            index -= 1
        }
    }

    /// UNWIND: removes element `index` from the path, undoing its EXTEND.
    private static func unwind(_ path: inout [PathElement], depth: Int, index: Int) {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        var next = path[depth].weight
        let scale = Double(depth + 1)
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let saved = path[position].weight
                path[position].weight = next * scale / (Double(position + 1) * one)
                next = saved - path[position].weight * zero * Double(depth - position) / scale
            } else {
                path[position].weight = path[position].weight * scale / (zero * Double(depth - position))
            }
            position -= 1
        }
        for position in index..<depth {
            path[position].feature = path[position + 1].feature
            path[position].zeroFraction = path[position + 1].zeroFraction
            path[position].oneFraction = path[position + 1].oneFraction
        }
    }

    /// The total permutation weight if element `index` were unwound (without modifying the path).
    private static func unwoundSum(_ path: [PathElement], depth: Int, index: Int) -> Double {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        var next = path[depth].weight
        var total = 0.0
        let scale = Double(depth + 1)
        var position = depth - 1
        while position >= 0 {
            if one != 0 {
                let share = next * scale / (Double(position + 1) * one)
                total += share
                next = path[position].weight - share * zero * Double(depth - position) / scale
            } else {
                total += path[position].weight / zero * scale / Double(depth - position)
            }
            position -= 1
        }
        return total
    }
}

extension GradientBoostingModel {
    /// SHAP contributions of one row: `featureCount` per-feature values followed by the bias.
    ///
    /// The bias is `initialScore` plus every tree's cover-weighted expected output, so the
    /// `featureCount + 1` values add up to `rawScore(features:)` (to rounding, about 1e-12
    /// relative). Matches LightGBM `predict(pred_contrib=True)` row layout (LightGBM folds the
    /// initial score into its first tree, which gives the same bias). Path-dependent TreeSHAP,
    /// O(trees x leaves x depth²).
    public func contributions(features: [Double]) -> [Double] {
        precondition(features.count == featureCount, "row has \(features.count) features, model expects \(featureCount)")
        var contributions = [Double](repeating: 0, count: featureCount + 1)
        var bias = initialScore
        for tree in trees {
            TreeSHAP.accumulate(tree: tree, features: features, into: &contributions)
            bias += TreeSHAP.expectedValue(of: tree)
        }
        contributions[featureCount] = bias
        return contributions
    }
}
