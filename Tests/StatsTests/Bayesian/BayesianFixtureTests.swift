import Testing
@testable import Stats

/// Gaussian effect model (300 cases; risks by mpmath quadrature) and beta-binomial
/// (200 cases; Evan Miller's exact sum, counts 0..5000, all-success and no-success arms).
@Suite struct BayesianFixtureTests {
    struct GaussianCase: Decodable {
        var estimate: Double
        var standardError: Double
        var credibleLevel: Double
        var prior: [Double]?
        var posteriorMean: Double
        var posteriorStandardDeviation: Double
        var credibleLower: Double
        var credibleUpper: Double
        var chanceToWin: Double
        var riskControl: Double
        var riskTreatment: Double
    }
    struct BetaCase: Decodable {
        var control: [Double]
        var treatment: [Double]
        var prior: [Double]
        var chanceToWin: Double
        var riskControl: Double
        var riskTreatment: Double
    }

    @Test func gaussianEffectModel() throws {
        let cases = try loadFixture([GaussianCase].self, "bayesian/gaussian.json")
        #expect(cases.count >= 300)
        for (index, item) in cases.enumerated() {
            let effect = EffectEstimate(
                scale: .relative, estimate: item.estimate, standardError: item.standardError, lowerBound: 0, upperBound: 0,
                pValue: 0, statistic: 0, degreesOfFreedom: .infinity, alternative: .twoSided, confidenceLevel: 0.95)
            let prior: EffectPrior = item.prior.map { .normal(mean: $0[0], variance: $0[1]) } ?? .flat
            let result = try #require(Bayesian.gaussianEffect(effect, prior: prior, credibleLevel: item.credibleLevel).value)
            let sd = item.posteriorStandardDeviation
            expectClose(result.posteriorMean, item.posteriorMean, relativeTolerance: 1e-10, absoluteFloor: sd, "case \(index) mean")
            expectClose(result.posteriorStandardDeviation, sd, relativeTolerance: 1e-10, "case \(index) sd")
            expectClose(result.credibleLower, item.credibleLower, relativeTolerance: 1e-10, absoluteFloor: sd, "case \(index) lower")
            expectClose(result.credibleUpper, item.credibleUpper, relativeTolerance: 1e-10, absoluteFloor: sd, "case \(index) upper")
            expectClose(result.chanceToWin, item.chanceToWin, relativeTolerance: 1e-10, absoluteFloor: 1e-300, "case \(index) chance")
            // Risks: relative to the posterior SD (the closed form cancels when |mu| >> sigma).
            expectClose(result.riskControl, item.riskControl, relativeTolerance: 1e-9, absoluteFloor: sd, "case \(index) risk control")
            expectClose(result.riskTreatment, item.riskTreatment, relativeTolerance: 1e-9, absoluteFloor: sd, "case \(index) risk treatment")
        }
    }

    @Test func betaBinomialChanceToWinAndRisk() throws {
        let cases = try loadFixture([BetaCase].self, "bayesian/beta_binomial.json")
        #expect(cases.count >= 200)
        for (index, item) in cases.enumerated() {
            let result = try #require(
                Bayesian.betaBinomial(
                    control: BinomialCounts(successes: item.control[0], trials: item.control[1]),
                    treatment: BinomialCounts(successes: item.treatment[0], trials: item.treatment[1]),
                    prior: BetaPrior(alpha: item.prior[0], beta: item.prior[1])
                ).value)
            expectClose(result.chanceToWin, item.chanceToWin, relativeTolerance: 1e-9, absoluteFloor: 1e-3, "case \(index) chance")
            expectClose(result.riskControl, item.riskControl, relativeTolerance: 1e-7, absoluteFloor: 1e-4, "case \(index) risk control")
            expectClose(result.riskTreatment, item.riskTreatment, relativeTolerance: 1e-7, absoluteFloor: 1e-4, "case \(index) risk treatment")
        }
    }
}
