import Foundation

// Samplers for the distributions the export generator draws from. Each is written once
// against xoshiro256** so the draws (and therefore the bytes of an export) depend only on the
// seed and on the platform's libm (`log`, `exp`, `cos`, `sqrt`, `lgamma`).

extension Xoshiro256StarStar {
    /// A uniform double in [0, 1) with 53 random bits (the top bits of one output).
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], safe to pass to `log`.
    @inlinable
    public mutating func uniformExcludingZero() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound by Lemire's multiply-shift, bias below 2^-64 * bound.
    ///
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func integer(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "integer(below:) needs a positive bound, got \(bound)")
        return next().multipliedFullWidth(by: bound).high
    }

    /// True with probability `probability` (clamped to [0, 1] by the comparison).
    @inlinable
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// A standard normal deviate by the Box-Muller transform (one of the pair is used).
    ///
    /// Exact in distribution up to floating point; costs one `log`, `sqrt` and `cos`.
    /// Discarding the second deviate keeps the sampler stateless, so a stream's layout does
    /// not depend on how many normals were drawn before.
    @inlinable
    public mutating func standardNormal() -> Double {
        let radius = (-2.0 * Foundation.log(uniformExcludingZero())).squareRoot()
        return radius * Foundation.cos(2.0 * Double.pi * uniform())
    }

    /// A log-normal deviate `exp(logMedian + sigma * Z)`: median `exp(logMedian)`,
    /// mean `exp(logMedian + sigma^2 / 2)`.
    @inlinable
    public mutating func logNormal(logMedian: Double, sigma: Double) -> Double {
        Foundation.exp(logMedian + sigma * standardNormal())
    }

    /// A standard exponential deviate (mean 1) by inversion.
    @inlinable
    public mutating func exponential() -> Double {
        -Foundation.log(uniformExcludingZero())
    }

    /// A gamma deviate with the given shape and scale 1 (mean `shape`, variance `shape`).
    ///
    /// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", with the
    /// squeeze; for shape < 1 it uses their boost `Gamma(a) = Gamma(a + 1) * U^(1/a)`.
    /// Acceptance rate above 95% for shape >= 1.
    ///
    /// - Precondition: `shape > 0` and finite.
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0 && shape.isFinite, "gamma shape must be positive and finite, got \(shape)")
        if shape < 1 {
            let boosted = gamma(shape: shape + 1)
            return boosted * Foundation.pow(uniformExcludingZero(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = standardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniformExcludingZero()
            if u < 1 - 0.0331 * (x * x) * (x * x) { return d * v }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }

    /// A Poisson deviate with the given mean.
    ///
    /// Means below 10 use inversion by sequential search (one uniform, one `exp`, about
    /// `mean + 1` multiplications); larger means use Hörmann's PTRS transformed rejection
    /// (1993, "The transformed rejection method for generating Poisson random variables"),
    /// whose cost does not grow with the mean. Mean 0 returns 0.
    ///
    /// - Precondition: `mean >= 0` and finite.
    public mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean.isFinite, "Poisson mean must be non-negative and finite, got \(mean)")
        if mean == 0 { return 0 }
        if mean < 10 {
            let u = uniform()
            var probability = Foundation.exp(-mean)
            var cumulative = probability
            var count = 0
            // Rounding can leave `cumulative` a few ulps below a u close to 1; once the terms
            // underflow to zero no further count can matter, so stop there.
            while u >= cumulative && probability > 0 {
                count += 1
                probability *= mean / Double(count)
                cumulative += probability
            }
            return count
        }
        let rootMean = mean.squareRoot()
        let logMean = Foundation.log(mean)
        let b = 0.931 + 2.53 * rootMean
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let acceptBound = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= acceptBound { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let left = Foundation.log(v) + Foundation.log(inverseAlpha) - Foundation.log(a / (us * us) + b)
            let right = -mean + k * logMean - Foundation.lgamma(k + 1)
            if left <= right { return Int(k) }
        }
    }

    /// The index of the category drawn from cumulative probabilities (last entry ~1).
    ///
    /// Linear scan: O(categories), meant for the handful of variants, countries, platforms.
    @inlinable
    public mutating func category(cumulative: [Double]) -> Int {
        let u = uniform()
        for index in cumulative.indices where u < cumulative[index] {
            return index
        }
        return cumulative.count - 1
    }
}
