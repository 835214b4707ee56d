import Foundation
import Testing
@testable import Stats

/// The seeded generator's published check values, and the analytic clustered quantile interval
/// against the unit-level bootstrap.
@Suite struct BootstrapTests {
    /// Latency-like events: a unit effect shared by a unit's events (so events are correlated
    /// within units), 1-5 events per unit.
    static func arm(units: Int, shift: Double, generator: inout SplitMix64) -> [[Double]] {
        func normal() -> Double {
            // Box-Muller; 1 - u keeps the logarithm finite.
            let u = 1 - generator.nextUniform(), v = generator.nextUniform()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
        return (0..<units).map { _ in
            let unitEffect = 0.6 * normal()
            let count = 1 + generator.nextIndex(below: 5)
            return (0..<count).map { _ in exp(4 + shift + unitEffect + 0.5 * normal()) }
        }
    }

    @Test func splitMix64MatchesReferenceSequence() {
        // Reference outputs of SplitMix64 (Vigna's splitmix64.c) from seed 0.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
        var bounded = SplitMix64(seed: 7)
        for _ in 0..<1000 { #expect((0..<3).contains(bounded.nextIndex(below: 3))) }
    }

    @Test(arguments: [0.5, 0.9])
    func analyticIntervalAgreesWithUnitBootstrap(probability: Double) throws {
        var generator = SplitMix64(seed: 2018)
        let treatment = Self.arm(units: 400, shift: 0.05, generator: &generator)
        let control = Self.arm(units: 400, shift: 0, generator: &generator)
        let analytic = try Quantiles.difference(treatment: treatment, control: control, probability: probability)
        let bootstrap = try Bootstrap.quantileDifference(
            treatment: treatment, control: control, probability: probability, replicates: 600, seed: 11)
        #expect(bootstrap.estimate == analytic.difference)
        // Monte Carlo error of a bootstrap SE with B = 600 is about 3%; the delta method and
        // the implicit density estimate add a few percent more.
        let ratio = analytic.standardError / bootstrap.standardError
        #expect(ratio > 0.8 && ratio < 1.25, "analytic SE \(analytic.standardError) vs bootstrap \(bootstrap.standardError)")
        #expect(abs(analytic.lower - bootstrap.lower) < 0.35 * (bootstrap.upper - bootstrap.lower))
        #expect(abs(analytic.upper - bootstrap.upper) < 0.35 * (bootstrap.upper - bootstrap.lower))

        // Ignoring the clustering (every event its own unit) understates the uncertainty.
        let naive = try Quantiles.difference(
            treatment: treatment.flatMap { $0 }.map { [$0] }, control: control.flatMap { $0 }.map { [$0] },
            probability: probability)
        #expect(naive.standardError < 0.9 * analytic.standardError)
    }

    @Test func weightedWalkEqualsSortingTheResample() throws {
        // The resampler's O(N + K) order statistic against copying and sorting the same draws.
        var data = SplitMix64(seed: 3)
        let units = Self.arm(units: 40, shift: 0, generator: &data) + [[], [7, 7, 7]]
        let resampler = UnitResampler(units: units)
        for seed in UInt64(0)..<20 {
            for p in [0.0, 0.1, 0.5, 0.9, 0.99, 1.0] {
                var generator = SplitMix64(seed: seed)
                let fast = resampler.resampledQuantile(p, generator: &generator)
                var replay = SplitMix64(seed: seed)
                let drawn = (0..<units.count).flatMap { _ in units[replay.nextIndex(below: units.count)] }
                #expect(fast == Quantiles.quantile(sorted: drawn.sorted(), p), "seed \(seed) p \(p)")
            }
        }
    }

    @Test func sameSeedSameInterval() throws {
        var generator = SplitMix64(seed: 5)
        let treatment = Self.arm(units: 50, shift: 0, generator: &generator)
        let control = Self.arm(units: 50, shift: 0, generator: &generator)
        let first = try Bootstrap.quantileDifference(treatment: treatment, control: control, probability: 0.5, replicates: 200, seed: 9)
        let second = try Bootstrap.quantileDifference(treatment: treatment, control: control, probability: 0.5, replicates: 200, seed: 9)
        #expect(first == second)
        #expect(throws: QuantileError.tooFewReplicates(10)) {
            try Bootstrap.quantileDifference(treatment: treatment, control: control, probability: 0.5, replicates: 10)
        }
    }

    @Test func analyticIntervalCoversInAAExperiments() throws {
        // 200 A/A experiments: the 95% interval of the p90 difference should cover 0 about
        // 95% of the time (binomial SD 1.5%).
        var generator = SplitMix64(seed: 20180819)
        var covered = 0
        let experiments = 200
        for _ in 0..<experiments {
            let a = Self.arm(units: 150, shift: 0, generator: &generator)
            let b = Self.arm(units: 150, shift: 0, generator: &generator)
            let result = try Quantiles.difference(treatment: a, control: b, probability: 0.9)
            if result.lower <= 0 && 0 <= result.upper { covered += 1 }
        }
        let coverage = Double(covered) / Double(experiments)
        #expect(coverage > 0.9 && coverage < 0.99, "coverage \(coverage)")
    }
}
