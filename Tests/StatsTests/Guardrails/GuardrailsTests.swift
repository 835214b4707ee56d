import Testing
@testable import Stats

/// Non-inferiority tests and the ship decision. Reference numbers are standard normal
/// quantiles (z_0.975 = 1.959963984540054, z_0.95 = 1.6448536269514722, 15+ digits from
/// any table/scipy `norm.isf`), so the expected p-values are exact.
@Suite struct GuardrailsTests {
    static func effect(_ estimate: Double, _ se: Double, scale: LiftScale = .absolute) -> EffectEstimate {
        EffectEstimate(
            scale: scale, estimate: estimate, standardError: se, lowerBound: 0, upperBound: 0, pValue: 0, statistic: estimate / se,
            degreesOfFreedom: .infinity, alternative: .twoSided, confidenceLevel: 0.95)
    }

    @Test func nonInferiorityIncreaseAndDecrease() {
        // estimate + margin = 1.959963984540054 SE -> one-sided p = 0.025 exactly.
        let increase = Guardrails.nonInferiorityTest(
            Self.effect(-0.5, 1), margin: NonInferiorityMargin(2.459963984540054, scale: .absolute), direction: .increase)
        expectClose(increase.pValue, 0.025, relativeTolerance: 1e-12)
        #expect(increase.isNonInferior)
        expectClose(increase.bound, -0.5 - 1.6448536269514722, relativeTolerance: 1e-12)
        // Latency up 0.5 % with SE 1 % against a 2 % margin: z = (0.005 - 0.02) / 0.01 = -1.5.
        let decrease = Guardrails.nonInferiorityTest(
            Self.effect(0.005, 0.01, scale: .relative), margin: NonInferiorityMargin(0.02, scale: .relative), direction: .decrease)
        expectClose(decrease.pValue, 0.066807201268858057, relativeTolerance: 1e-12)  // Phi(-1.5)
        #expect(!decrease.isNonInferior)
        expectClose(decrease.bound, 0.005 + 0.016448536269514722, relativeTolerance: 1e-12)
    }

    @Test func shipsOnlyWithAWinAndAllGuardrailsHolding() {
        let win = MetricEvaluation(name: "conversion", role: .success, direction: .increase, effect: .estimated(Self.effect(3, 1)))
        let flat = MetricEvaluation(name: "revenue", role: .success, direction: .increase, effect: .estimated(Self.effect(0.1, 1)))
        let safe = MetricEvaluation(
            name: "latency", role: .guardrail(NonInferiorityMargin(5, scale: .absolute)), direction: .decrease,
            effect: .estimated(Self.effect(0, 1)))
        let harmful = MetricEvaluation(
            name: "errors", role: .guardrail(NonInferiorityMargin(1, scale: .absolute)), direction: .decrease,
            effect: .estimated(Self.effect(1, 1)))
        let unreadable = MetricEvaluation(
            name: "crashes", role: .guardrail(NonInferiorityMargin(1, scale: .absolute)), direction: .decrease,
            effect: .undefined(reason: .zeroVarianceInBothArms))

        let ship = Guardrails.decide(metrics: [win, flat, safe])
        #expect(ship.shouldShip)
        #expect(ship.successAlpha == 0.025)  // alpha split over the 2 success metrics only
        #expect(ship.guardrailAlpha == 0.05)
        expectClose(ship.plannedPowerPerTest, 1 - 0.2 / 2, relativeTolerance: 1e-15)
        #expect(ship.reasons.count == 4)

        let blocked = Guardrails.decide(metrics: [win, safe, harmful])
        #expect(!blocked.shouldShip)
        #expect(blocked.reasons[0] == "do not ship: at least one guardrail is not shown non-inferior")
        #expect(blocked.reasons.contains { $0.hasPrefix("guardrail errors: NOT shown non-inferior") })

        #expect(!Guardrails.decide(metrics: [flat, safe]).shouldShip)
        #expect(!Guardrails.decide(metrics: [win, unreadable]).shouldShip)
    }

    @Test func bonferroniOnSuccessMetricsChangesTheVerdict() {
        // One-sided p = 1 - Phi(2.0) = 0.02275: wins alone (alpha 0.05) but not among 3 (0.0167).
        let borderline = MetricEvaluation(name: "a", role: .success, direction: .increase, effect: .estimated(Self.effect(2, 1)))
        let none = MetricEvaluation(name: "b", role: .success, direction: .increase, effect: .estimated(Self.effect(0, 1)))
        #expect(Guardrails.decide(metrics: [borderline]).shouldShip)
        #expect(!Guardrails.decide(metrics: [borderline, none, none]).shouldShip)
    }
}
