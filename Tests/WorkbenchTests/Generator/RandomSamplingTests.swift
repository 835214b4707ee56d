import Foundation
import Testing

@testable import Workbench

/// Sample moments of the samplers against their closed-form values, at ~5 standard errors.
@Suite struct RandomSamplingTests {
    static let draws = 100_000

    /// Mean and variance of `draws` samples.
    static func moments(_ sample: (inout Xoshiro256StarStar) -> Double, seed: UInt64) -> (mean: Double, variance: Double) {
        var generator = Xoshiro256StarStar(seed: seed)
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<draws {
            let value = sample(&generator)
            sum += value
            sumOfSquares += value * value
        }
        let mean = sum / Double(draws)
        return (mean, (sumOfSquares - Double(draws) * mean * mean) / Double(draws - 1))
    }

    @Test func uniformIsInTheUnitIntervalWithMomentsOfUniform() {
        let (mean, variance) = Self.moments({ $0.uniform() }, seed: 3)
        #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(Self.draws)).squareRoot())
        expectClose(variance, 1.0 / 12, relativeTolerance: 0.01)
        var generator = Xoshiro256StarStar(seed: 4)
        for _ in 0..<10_000 {
            let value = generator.uniform()
            #expect(value >= 0 && value < 1)
            let open = generator.uniformExcludingZero()
            #expect(open > 0 && open <= 1)
        }
    }

    @Test func standardNormalHasMeanZeroAndUnitVariance() {
        let (mean, variance) = Self.moments({ $0.standardNormal() }, seed: 5)
        #expect(abs(mean) < 5 / Double(Self.draws).squareRoot())
        expectClose(variance, 1, relativeTolerance: 0.02)
    }

    @Test(arguments: [0.5, 1.0, 2.0, 7.5])
    func gammaHasMeanAndVarianceEqualToShape(shape: Double) {
        let (mean, variance) = Self.moments({ $0.gamma(shape: shape) }, seed: 6)
        // Standard error of the mean: sqrt(shape / n); of the variance: ~ shape * sqrt((2 + 6 / shape) / n).
        #expect(abs(mean - shape) < 5 * (shape / Double(Self.draws)).squareRoot())
        expectClose(variance, shape, relativeTolerance: 5 * ((2 + 6 / shape) / Double(Self.draws)).squareRoot())
    }

    @Test(arguments: [0.05, 0.4, 3.0, 9.9, 10.0, 25.0, 400.0])
    func poissonHasMeanAndVarianceEqualToTheMean(mean expected: Double) {
        let (mean, variance) = Self.moments({ Double($0.poisson(mean: expected)) }, seed: 7)
        #expect(abs(mean - expected) < 5 * (expected / Double(Self.draws)).squareRoot())
        expectClose(variance, expected, relativeTolerance: 5 * ((2 + 1 / expected) / Double(Self.draws)).squareRoot())
    }

    @Test(arguments: [0.4, 4.0, 30.0])
    func poissonProbabilitiesMatchTheMassFunction(mean: Double) {
        var generator = Xoshiro256StarStar(seed: 8)
        var counts = [Int: Int]()
        for _ in 0..<Self.draws { counts[generator.poisson(mean: mean), default: 0] += 1 }
        let mode = Int(mean.rounded(.down))
        for k in max(0, mode - 2)...(mode + 2) {
            let exact = Foundation.exp(-mean + Double(k) * Foundation.log(mean) - Foundation.lgamma(Double(k + 1)))
            let observed = Double(counts[k, default: 0]) / Double(Self.draws)
            let standardError = (exact * (1 - exact) / Double(Self.draws)).squareRoot()
            #expect(abs(observed - exact) < 5 * standardError, "P(\(k)) for mean \(mean)")
        }
    }

    @Test func categoryFollowsTheCumulativeWeights() {
        var generator = Xoshiro256StarStar(seed: 9)
        let cumulative = BehaviourModel.runningSums([0.6, 0.3, 0.1])
        var counts = [0, 0, 0]
        for _ in 0..<Self.draws { counts[generator.category(cumulative: cumulative)] += 1 }
        for (index, share) in [0.6, 0.3, 0.1].enumerated() {
            let standardError = (share * (1 - share) / Double(Self.draws)).squareRoot()
            #expect(abs(Double(counts[index]) / Double(Self.draws) - share) < 5 * standardError)
        }
    }

    @Test func derivedStreamsDifferByKey() {
        var first = Xoshiro256StarStar(seed: 1, stream: 0, substream: 1)
        var again = Xoshiro256StarStar(seed: 1, stream: 0, substream: 1)
        var otherDay = Xoshiro256StarStar(seed: 1, stream: 0, substream: 2)
        var otherUnit = Xoshiro256StarStar(seed: 1, stream: 1, substream: 1)
        let value = first.next()
        #expect(value == again.next())
        #expect(value != otherDay.next())
        #expect(value != otherUnit.next())
    }
}
