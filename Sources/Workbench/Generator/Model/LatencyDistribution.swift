import Foundation

/// The control request-latency distribution: a platform-scaled mixture of two log-normals.
///
/// A request from a unit on platform `p` takes `factor(p) * X` ms, where X is log-normal
/// (body) with probability `1 - tailFraction` and a slower log-normal (tail) otherwise.
/// Treatment variants multiply every latency by a constant, which scales the mean and every
/// quantile by the same constant, so the truth is known exactly.
struct LatencyDistribution: Sendable {
    let bodyLogMedian: Double
    let bodySigma: Double
    let tailLogMedian: Double
    let tailSigma: Double
    let tailFraction: Double
    /// Latency factor and share of requests per platform (requests do not depend on platform,
    /// so request shares equal unit shares).
    let platformFactors: [Double]
    let platformShares: [Double]

    init(parameters: GeneratorParameters) {
        bodyLogMedian = Foundation.log(parameters.latencyMedianMilliseconds)
        bodySigma = parameters.latencySigma
        tailLogMedian = Foundation.log(parameters.latencyTailMedianMilliseconds)
        tailSigma = parameters.latencyTailSigma
        tailFraction = parameters.latencyTailFraction
        platformFactors = parameters.platforms.map(\.latencyFactor)
        let total = parameters.platforms.reduce(0) { $0 + $1.weight }
        platformShares = parameters.platforms.map { $0.weight / total }
    }

    /// One latency in ms for a platform factor of 1 (before treatment).
    @inline(__always)
    func sample(using generator: inout Xoshiro256StarStar) -> Double {
        if generator.uniform() < tailFraction {
            return generator.logNormal(logMedian: tailLogMedian, sigma: tailSigma)
        }
        return generator.logNormal(logMedian: bodyLogMedian, sigma: bodySigma)
    }

    /// Expected latency per request in ms over the platform mix (exact, closed form).
    var mean: Double {
        let body = Foundation.exp(bodyLogMedian + bodySigma * bodySigma / 2)
        let tail = Foundation.exp(tailLogMedian + tailSigma * tailSigma / 2)
        let mixture = (1 - tailFraction) * body + tailFraction * tail
        let factor = zip(platformFactors, platformShares).reduce(0) { $0 + $1.0 * $1.1 }
        return factor * mixture
    }

    /// P(latency <= x) over the platform mix, x in ms; exact up to `erfc` (~1e-15).
    func cumulativeProbability(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        var total = 0.0
        for (factor, share) in zip(platformFactors, platformShares) {
            let logX = Foundation.log(x / factor)
            total += share * ((1 - tailFraction) * normalCDF(logX, bodyLogMedian, bodySigma)
                + tailFraction * normalCDF(logX, tailLogMedian, tailSigma))
        }
        return total
    }

    /// The `probability` quantile in ms, by bisection on log latency to a relative 1e-12.
    ///
    /// - Precondition: 0 < probability < 1.
    func quantile(_ probability: Double) -> Double {
        precondition(probability > 0 && probability < 1, "quantile probability must be in (0, 1), got \(probability)")
        // Every component's quantile lies within 40 sigma of its median, times the extreme factors.
        let widest = 40 * max(bodySigma, tailSigma, 1e-9)
        var low = min(bodyLogMedian, tailLogMedian) - widest + Foundation.log(platformFactors.min() ?? 1)
        var high = max(bodyLogMedian, tailLogMedian) + widest + Foundation.log(platformFactors.max() ?? 1)
        while high - low > 1e-12 {
            let middle = (low + high) / 2
            if cumulativeProbability(Foundation.exp(middle)) < probability { low = middle } else { high = middle }
        }
        return Foundation.exp((low + high) / 2)
    }

    /// Normal CDF of `value` for N(mean, sigma^2); a point mass at the mean when sigma = 0.
    private func normalCDF(_ value: Double, _ mean: Double, _ sigma: Double) -> Double {
        if sigma == 0 { return value >= mean ? 1 : 0 }
        return 0.5 * Foundation.erfc(-(value - mean) / (sigma * 2.0.squareRoot()))
    }
}
