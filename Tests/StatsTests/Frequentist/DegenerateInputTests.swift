import Testing
@testable import Stats

/// Degenerate inputs give a stated reason, never NaN or a crash.
@Suite struct DegenerateInputTests {
    @Test func zeroVarianceInBothArms() {
        let constant = SampleSummary([3, 3, 3])
        let result = Frequentist.welchTest(control: constant, treatment: SampleSummary([4, 4]))
        #expect(result.undefinedReason == .zeroVarianceInBothArms)
        #expect(result.undefinedReason?.description == "undefined: zero variance in both arms, so there is no standard error; check that the metric is not constant")
    }

    @Test func zeroControlMeanOnlyBreaksRelativeLift() {
        let control = SampleSummary([-1, 1, 0])
        let treatment = SampleSummary([1, 2, 3])
        #expect(Frequentist.welchTest(control: control, treatment: treatment).value != nil)
        let relative = Frequentist.welchTest(control: control, treatment: treatment, options: .init(scale: .relative))
        #expect(relative.undefinedReason == .zeroControlMean)
        #expect(relative.undefinedReason?.description.hasPrefix("undefined: control mean is zero, relative lift has no meaning") == true)
    }

    @Test func tooFewUnits() {
        let result = Frequentist.welchTest(control: SampleSummary([1]), treatment: SampleSummary([1, 2]))
        #expect(result.undefinedReason == .tooFewUnits(arm: "control", count: 1, needed: 2))
        #expect(Frequentist.welchTest(control: .empty, treatment: .empty).value == nil)
    }

    @Test func invalidInputs() {
        let nan = SampleSummary(count: 3, sum: .nan, sumOfSquares: 1)
        #expect(Frequentist.welchTest(control: nan, treatment: SampleSummary([1, 2])).value == nil)
        let impossible = BinomialCounts(successes: 5, trials: 3)
        #expect(Frequentist.proportionTest(control: impossible, treatment: BinomialCounts(successes: 1, trials: 3)).value == nil)
    }

    @Test func proportionsAtZeroAndOne() throws {
        let none = BinomialCounts(successes: 0, trials: 100)
        let all = BinomialCounts(successes: 100, trials: 100)
        #expect(Frequentist.proportionTest(control: none, treatment: none).undefinedReason == .zeroVarianceInBothArms)
        #expect(Frequentist.proportionTest(control: all, treatment: none).undefinedReason == .zeroVarianceInBothArms)
        let some = try #require(Frequentist.proportionTest(control: none, treatment: BinomialCounts(successes: 3, trials: 100)).value)
        #expect(some.pValue > 0 && some.pValue < 1)
    }

    @Test func unboundedFiellerIsUndefined() {
        // Control mean 0.1 with SE ~0.3: not significantly non-zero.
        let control = SampleSummary([-1, 1.2, 0.1, -0.5, 0.7])
        let treatment = SampleSummary([1, 2, 3, 4, 5])
        let result = Frequentist.welchTest(
            control: control, treatment: treatment, options: .init(scale: .relative, relativeInterval: .fieller))
        #expect(result.undefinedReason == .unboundedFiellerInterval)
    }

    @Test func hugeEffectStillHasAPositivePValue() throws {
        // t ~ 35 with a million units per arm: p ~ 1e-268, which needs the t tail directly.
        let control = SampleSummary(count: 1e6, sum: 0, sumOfSquares: 1e6)
        let treatment = SampleSummary(count: 1e6, sum: 0.0495e6, sumOfSquares: 1e6 + 0.0495 * 0.0495 * 1e6)
        let result = try #require(Frequentist.welchTest(control: control, treatment: treatment).value)
        #expect(result.pValue > 0 && result.pValue < 1e-200)
    }
}
