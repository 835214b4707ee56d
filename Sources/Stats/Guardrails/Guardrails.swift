import Foundation
/// Non-inferiority tests and the ship decision over success and guardrail metrics.
public enum Guardrails {
    /// One-sided non-inferiority test of `effect` against `margin`.
    ///
    /// For `.increase`: H0 effect <= -margin vs H1 effect > -margin,
    /// p = P(T > (estimate + margin) / SE). For `.decrease`: H0 effect >= margin,
    /// p = P(T < (estimate - margin) / SE). T is Student t with the effect's degrees of
    /// freedom (normal when infinite). Non-inferior when p < alpha, equivalently when the
    /// one-sided (1 - alpha) bound lies on the good side of the margin.
    /// - Precondition: `margin.scale == effect.scale`, 0 < alpha < 1, SE > 0.
    public static func nonInferiorityTest(
        _ effect: EffectEstimate, margin: NonInferiorityMargin, direction: PreferredDirection, alpha: Double = 0.05
    ) -> NonInferiorityResult {
        precondition(margin.scale == effect.scale, "margin is \(margin.scale) but the effect is \(effect.scale)")
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1), got \(alpha)")
        precondition(effect.standardError > 0, "standard error must be > 0, got \(effect.standardError)")
        let distribution = StudentTDistribution(degreesOfFreedom: effect.degreesOfFreedom)
        let critical = distribution.inverseSurvival(alpha)
        let pValue: Double
        let bound: Double
        switch direction {
        case .increase:
            pValue = distribution.survival((effect.estimate + margin.value) / effect.standardError)
            bound = effect.estimate - critical * effect.standardError
        case .decrease:
            pValue = distribution.cdf((effect.estimate - margin.value) / effect.standardError)
            bound = effect.estimate + critical * effect.standardError
        }
        return NonInferiorityResult(
            margin: margin, direction: direction, pValue: pValue, bound: bound, alpha: alpha,
            isNonInferior: pValue < alpha)
    }

    /// One-sided p-value of "the effect moved in the preferred direction".
    public static func superiorityPValue(_ effect: EffectEstimate, direction: PreferredDirection) -> Double {
        let distribution = StudentTDistribution(degreesOfFreedom: effect.degreesOfFreedom)
        let statistic = effect.estimate / effect.standardError
        return direction == .increase ? distribution.survival(statistic) : distribution.cdf(statistic)
    }

    /// Decides whether to ship, following Schultzberg, Ankargren & Franberg (2024),
    /// "Risk-aware product decisions in A/B tests with multiple metrics" (Spotify).
    ///
    /// Rule: ship if and only if at least one success metric improves significantly in its
    /// preferred direction AND every guardrail is significantly non-inferior.
    /// * Success metrics: one-sided tests at alpha / S each (Bonferroni over the S success
    ///   metrics): "at least one wins" is a union of S tests, so its false-positive rate needs
    ///   the split.
    /// * Guardrails: one-sided non-inferiority tests at the full alpha each, no split: all of
    ///   them must reject to ship (an intersection-union test, Berger 1982), which already
    ///   keeps the chance of shipping with any inferior guardrail <= alpha.
    /// * Power: a good change ships only if the success family and all G guardrails pass, so
    ///   by the union bound the decision's type II error is at most the sum of the G + 1
    ///   per-test type II errors; `plannedPowerPerTest` = 1 - (1 - power) / (G + 1) is what
    ///   each test must be powered for (sample-size planning; it does not change the tests).
    /// An undefined metric result blocks shipping (a guardrail we cannot read is not a pass).
    /// - Precondition: at least one success metric; 0 < alpha < 1; 0 < power < 1.
    public static func decide(metrics: [MetricEvaluation], alpha: Double = 0.05, power: Double = 0.8) -> ShipDecision {
        precondition(alpha > 0 && alpha < 1, "alpha must be in (0, 1), got \(alpha)")
        precondition(power > 0 && power < 1, "power must be in (0, 1), got \(power)")
        let successCount = metrics.filter { if case .success = $0.role { return true } else { return false } }.count
        precondition(successCount > 0, "the decision needs at least one success metric, got \(metrics.count) metrics and none of them a success metric")
        let guardrailCount = metrics.count - successCount
        let successAlpha = alpha / Double(successCount)
        let plannedPower = 1 - (1 - power) / Double(guardrailCount + 1)

        var anySuccess = false
        var allGuardrailsHold = true
        var reasons: [String] = []
        for metric in metrics {
            switch (metric.role, metric.effect) {
            case let (.success, .undefined(reason)):
                reasons.append("success metric \(metric.name): no result (\(reason))")
            case let (.success, .estimated(effect)):
                let pValue = superiorityPValue(effect, direction: metric.direction)
                let wins = pValue < successAlpha
                anySuccess = anySuccess || wins
                reasons.append(
                    "success metric \(metric.name): \(wins ? "improved significantly" : "no significant improvement") "
                        + "(\(metric.direction), estimate \(readable(effect.estimate)), one-sided p = \(readable(pValue)) vs alpha \(readable(successAlpha)))")
            case let (.guardrail, .undefined(reason)):
                allGuardrailsHold = false
                reasons.append("guardrail \(metric.name): cannot be checked (\(reason)), so it does not pass")
            case let (.guardrail(margin), .estimated(effect)):
                let test = nonInferiorityTest(effect, margin: margin, direction: metric.direction, alpha: alpha)
                allGuardrailsHold = allGuardrailsHold && test.isNonInferior
                let side = metric.direction == .increase ? "lower" : "upper"
                reasons.append(
                    "guardrail \(metric.name): \(test.isNonInferior ? "non-inferior" : "NOT shown non-inferior") "
                        + "(\(side) bound \(readable(test.bound)) vs margin \(readable(metric.direction == .increase ? -margin.value : margin.value)) \(margin.scale), p = \(readable(test.pValue)) vs alpha \(readable(alpha)))")
            }
        }
        let ship = anySuccess && allGuardrailsHold
        let summary: String
        if ship {
            summary = "ship: at least one success metric improved significantly and every guardrail is non-inferior"
        } else if !anySuccess && !allGuardrailsHold {
            summary = "do not ship: no success metric improved significantly and at least one guardrail is not shown non-inferior"
        } else if !anySuccess {
            summary = "do not ship: no success metric improved significantly"
        } else {
            summary = "do not ship: at least one guardrail is not shown non-inferior"
        }
        return ShipDecision(
            shouldShip: ship, reasons: [summary] + reasons, successAlpha: successAlpha, guardrailAlpha: alpha,
            plannedPowerPerTest: plannedPower)
    }
}

/// A number for a human-readable reason: 4 significant digits (`0.05917`, `-0.02088`,
/// `4.924e-04`), exact for values such as 0.05 that have 4 digits or fewer. The full-precision
/// numbers stay in the structured results; reasons are prose.
func readable(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e6 {
        let digits = max(0, 3 - Int((magnitude).log10Floor))
        var text = String(format: "%.\(digits)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
    return String(format: "%.3e", value)
}

extension Double {
    fileprivate var log10Floor: Double { Foundation.log10(self).rounded(.down) }
}
