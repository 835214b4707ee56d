import Testing
@testable import Stats

/// Every vector of /work/shared/reference/stats-vectors.md except 10 (sample size, owned by
/// the power module). Figures from the public test suites of GrowthBook gbstats and Spotify
/// confidence.
@Suite struct PublishedVectorsTests {
    // Vector 1 arms (n, S, SS): A mean 0.41 var 15.21, B mean 0.70 var 38.44.
    static let vectorOneA = SampleSummary(count: 3407, sum: 1396.87, sumOfSquares: 52377.9767)
    static let vectorOneB = SampleSummary(count: 3461, sum: 2422.7, sumOfSquares: 134698.29)
    static let vectorThreeA = SampleSummary(count: 3000, sum: 1396.87, sumOfSquares: 52377.9767)

    private func effect(_ result: ComparisonOutcome<EffectEstimate>, sourceLocation: SourceLocation = #_sourceLocation) throws -> EffectEstimate {
        try #require(result.value, "undefined: \(String(describing: result.undefinedReason))", sourceLocation: sourceLocation)
    }

    @Test func vector1WelchRelativeAndAbsolute() throws {
        let relative = try effect(Frequentist.welchTest(control: Self.vectorOneA, treatment: Self.vectorOneB, options: .init(scale: .relative)))
        expectPublished(relative.estimate, "0.70732", "relative lift")
        expectPublished(relative.lowerBound, "-0.03526", "relative lower")
        expectPublished(relative.upperBound, "1.44989", "relative upper")
        expectPublished(relative.standardError, "0.37879", "relative SE")
        expectPublished(relative.pValue, "0.06191", "relative p")
        expectPublished(relative.degreesOfFreedom, "5841.74", "dof")
        let absolute = try effect(Frequentist.welchTest(control: Self.vectorOneA, treatment: Self.vectorOneB))
        expectPublished(absolute.estimate, "0.29", "absolute lift")
        expectPublished(absolute.lowerBound, "0.04538", "absolute lower")
        expectPublished(absolute.upperBound, "0.53462", "absolute upper")
        expectPublished(absolute.standardError, "0.12478", "absolute SE")
        expectPublished(absolute.pValue, "0.02016", "absolute p")
    }

    @Test func vector2ProportionsRelative() throws {
        let result = try effect(
            Frequentist.proportionTest(
                control: BinomialCounts(successes: 14, trials: 28), treatment: BinomialCounts(successes: 16, trials: 30),
                options: .init(scale: .relative)))
        expectPublished(result.estimate, "0.06667", "lift")
        expectPublished(result.lowerBound, "-0.47767", "lower")
        expectPublished(result.upperBound, "0.61101", "upper")
        expectPublished(result.standardError, "0.2717", "SE")
        expectPublished(result.pValue, "0.80707", "p")
    }

    @Test func vector3OneSidedGreater() throws {
        let relative = try effect(
            Frequentist.welchTest(
                control: Self.vectorThreeA, treatment: Self.vectorOneB, options: .init(scale: .relative, alternative: .greater)))
        expectPublished(relative.estimate, "0.5033611", "relative lift")
        expectPublished(relative.lowerBound, "-0.0451367", "relative lower bound")
        expectPublished(relative.pValue, "0.0655826", "relative p")
        #expect(relative.upperBound == .infinity)
        let absolute = try effect(
            Frequentist.welchTest(control: Self.vectorThreeA, treatment: Self.vectorOneB, options: .init(alternative: .greater)))
        expectPublished(absolute.estimate, "0.2343767", "absolute lift")
        expectPublished(absolute.lowerBound, "0.0207915", "absolute lower bound")
        expectPublished(absolute.pValue, "0.0355427", "absolute p")
    }

    /// stats-vectors.md labels the first case "absolute", but its figures are the relative
    /// lift: 2422/3461 / (1396/3000) - 1 = 0.50386, while the absolute difference is 0.2345
    /// (gbstats' default difference type is relative). We test the figures as relative.
    @Test func vector4ConfidenceSequences() throws {
        let proportions = try effect(
            Frequentist.proportionTest(
                control: BinomialCounts(successes: 1396, trials: 3000), treatment: BinomialCounts(successes: 2422, trials: 3461),
                options: .init(scale: .relative)))
        let sequence = Sequential.confidenceSequence(proportions, totalUnits: 3000 + 3461, tuningUnits: 5000)
        expectPublished(sequence.estimate, "0.50386", "lift")
        expectPublished(sequence.lowerBound, "0.40098", "lower")
        expectPublished(sequence.upperBound, "0.60675", "upper")
        expectPublished(sequence.standardError, "0.03386", "SE")
        expectPublished(sequence.pValue, "5.17e-44", "p")

        let means = try effect(
            Frequentist.welchTest(control: Self.vectorThreeA, treatment: Self.vectorOneB, options: .init(scale: .relative)))
        let meansSequence = Sequential.confidenceSequence(means, totalUnits: 3000 + 3461, tuningUnits: 1000)
        expectPublished(meansSequence.estimate, "0.50336", "lift")
        expectPublished(meansSequence.lowerBound, "-0.55844", "lower")
        expectPublished(meansSequence.upperBound, "1.56516", "upper")
        #expect(meansSequence.pValue == 1)
    }

    @Test func vector5BayesianProportionsRelativeFlatPrior() throws {
        let result = try #require(
            Bayesian.proportionEffect(
                control: BinomialCounts(successes: 49, trials: 100), treatment: BinomialCounts(successes: 51, trials: 100)
            ).value)
        expectPublished(result.posteriorMean, "0.04082", "mean")
        expectPublished(result.posteriorStandardDeviation, "0.14725", "SD")
        expectPublished(result.credibleLower, "-0.24779", "lower")
        expectPublished(result.credibleUpper, "0.32943", "upper")
        expectPublished(result.chanceToWin, "0.60918", "chance to win")
        expectPublished(result.riskControl, "0.0814", "risk control")
        expectPublished(result.riskTreatment, "0.04058", "risk treatment")
    }

    @Test func vector6BayesianMeans() throws {
        let control = SampleSummary(count: 10, sum: 100, sumOfSquares: 1002.25)
        let treatment = SampleSummary(count: 10, sum: 105, sumOfSquares: 1111.5)
        let flat = try #require(Bayesian.meanEffect(control: control, treatment: treatment).value)
        expectPublished(flat.posteriorMean, "0.05", "mean")
        expectPublished(flat.posteriorStandardDeviation, "0.03572", "SD")
        expectPublished(flat.credibleLower, "-0.02", "lower")
        expectPublished(flat.credibleUpper, "0.12", "upper")
        expectPublished(flat.chanceToWin, "0.91923", "chance to win")
        expectPublished(flat.riskControl, "0.05131", "risk control")
        expectPublished(flat.riskTreatment, "0.00131", "risk treatment")

        let proper = try #require(
            Bayesian.meanEffect(control: control, treatment: treatment, prior: .normal(mean: 0.1, variance: 0.1)).value)
        expectPublished(proper.posteriorMean, "0.05063", "mean")
        expectPublished(proper.posteriorStandardDeviation, "0.03549", "SD")
        expectPublished(proper.credibleLower, "-0.01893", "lower")
        expectPublished(proper.credibleUpper, "0.12019", "upper")
        expectPublished(proper.chanceToWin, "0.92315", "chance to win")
        expectPublished(proper.riskControl, "0.05186", "risk control")
        expectPublished(proper.riskTreatment, "0.00123", "risk treatment")
    }

    @Test func vector6ClosedFormRisk() throws {
        // mu = 0.1, sigma = 0.05 given directly as a flat-prior likelihood.
        let effect = EffectEstimate(
            scale: .relative, estimate: 0.1, standardError: 0.05, lowerBound: 0, upperBound: 0, pValue: 0,
            statistic: 2, degreesOfFreedom: .infinity, alternative: .twoSided, confidenceLevel: 0.95)
        let result = try #require(Bayesian.gaussianEffect(effect).value)
        expectClose(result.riskControl, 0.1004245351308, relativeTolerance: 1e-12)
        expectClose(result.riskTreatment, 0.0004245351308414, relativeTolerance: 1e-9)
    }

    @Test func vector7CUPEDThetaPooledOverArms() throws {
        var arm = PairedSummary.empty
        for (pre, post) in zip([0.3, 0.5, 0.9, 22], [2.0, 1, 5, 3]) { arm.add(x: post, y: pre) }
        let theta = try #require(CUPED.pooledTheta(control: arm, treatment: arm))
        expectPublished(theta, "0.01864", "theta")
    }

    @Test(arguments: [
        ([1000.0, 1200], [0.5, 0.5], "2.0079e-5"),
        ([135.0, 115], [0.5, 0.5], "0.205903211"),
        ([310.0, 98], [0.75, 0.25], "0.647434186"),
        ([500.0, 500, 600], [0.34, 0.33, 0.33], "0.000592638"),
    ])
    func vector8SRM(observed: [Double], weights: [Double], pValue: String) throws {
        let result = try #require(try SRM.test(observed: observed, plannedWeights: weights).value)
        expectPublished(result.pValue, pValue, "SRM p")
        // Zero-weight arms are dropped: adding one must not change the p-value.
        let withEmptyArm = try #require(try SRM.test(observed: observed + [7], plannedWeights: weights + [0]).value)
        #expect(withEmptyArm.pValue == result.pValue)
        #expect(withEmptyArm.droppedArms == [observed.count])
        #expect(withEmptyArm.unitsInDroppedArms == 7)
    }

    @Test func vector9WelchSpotifyConfidence() throws {
        let control = SampleSummary(count: 104, sum: 312, sumOfSquares: 984)
        let test = SampleSummary(count: 1009, sum: 1969, sumOfSquares: 5767)
        let absolute = try effect(Frequentist.welchTest(control: control, treatment: test))
        expectPublished(absolute.estimate, "-1.048563", relativeTolerance: 1e-3, "difference")
        expectPublished(absolute.lowerBound, "-1.205963", relativeTolerance: 1e-3, "lower")
        expectPublished(absolute.upperBound, "-0.891163", relativeTolerance: 1e-3, "upper")
        // "Divided by control mean": Spotify confidence scales the absolute interval.
        let relative = try effect(
            Frequentist.welchTest(
                control: control, treatment: test, options: .init(scale: .relative, relativeInterval: .scaledAbsolute)))
        expectPublished(relative.estimate, "-0.349520", relativeTolerance: 1e-3, "relative")
        expectPublished(relative.lowerBound, "-0.4018008", relativeTolerance: 1e-3, "relative lower")
        expectPublished(relative.upperBound, "-0.297241", relativeTolerance: 1e-3, "relative upper")

        let small = try effect(
            Frequentist.welchTest(
                control: SampleSummary(count: 10, sum: 24, sumOfSquares: 80),
                treatment: SampleSummary(count: 150, sum: 330, sumOfSquares: 1010)))
        expectPublished(small.estimate, "-0.2", relativeTolerance: 1e-3, "difference")
        expectPublished(small.lowerBound, "-1.340533", relativeTolerance: 1e-3, "lower")
        expectPublished(small.upperBound, "0.940533", relativeTolerance: 1e-3, "upper")
        expectPublished(small.pValue, "0.704021", relativeTolerance: 1e-3, "p")
    }

    /// Pitfall: the relative lift must keep the sign of the difference with a negative baseline.
    @Test func relativeLiftSignWithNegativeBaseline() throws {
        let control = SampleSummary([-10, -12, -8, -11, -9])  // mean -10
        let treatment = SampleSummary([-7, -9, -5, -8, -6])  // mean -7: an improvement of +3
        for method in RelativeIntervalMethod.allCases {
            let result = try effect(
                Frequentist.welchTest(control: control, treatment: treatment, options: .init(scale: .relative, relativeInterval: method)))
            expectClose(result.estimate, 0.3, relativeTolerance: 1e-12, "\(method)")
            #expect(result.lowerBound < result.estimate && result.estimate < result.upperBound, "\(method)")
        }
    }
}
