import Foundation

/// Always-valid inference for experiments that are looked at repeatedly ("peeking").
///
/// Both methods use the normal-mixture martingale of Robbins (1970): with an estimate
/// theta-hat of variance V and a N(theta_0, tau^2) mixing distribution over the effect, the
/// likelihood ratio is
///   Lambda = sqrt(V / (V + tau^2)) * exp( tau^2 (theta-hat - theta_0)^2 / (2 V (V + tau^2)) ),
/// the always-valid p-value is min(1, 1 / Lambda) and the confidence sequence is the set of
/// theta_0 with Lambda < 1 / alpha:
///   |theta-hat - theta_0| <= sqrt( 2 V (V + tau^2) / tau^2 * ln( sqrt((V + tau^2)/V) / alpha ) ).
/// They differ only in how tau^2 is chosen. Both take a fixed-horizon two-sided
/// `EffectEstimate` (absolute or relative) and keep its estimate and standard error.
public enum Sequential {
    /// GrowthBook's asymptotic confidence sequence (Waudby-Smith et al. 2023, eq. for the
    /// Gaussian-mixture CS) tuned to be tightest near `tuningUnits` total units.
    ///
    /// Half-width = sqrt(s2) * sqrt( 2(N rho^2 + 1)/(N^2 rho^2) * ln( sqrt(N rho^2 + 1)/alpha ) ),
    /// rho = sqrt( (-2 ln alpha + ln(-2 ln alpha + 1)) / N* ), N = `totalUnits` (both arms),
    /// s2 = SE^2 * N, alpha = 1 - confidenceLevel; the p-value inverts the same inequality
    /// (min(1, sqrt(N rho^2 + 1) exp(-N^2 rho^2 theta^2 / (2 s2 (N rho^2 + 1))))), computed in
    /// logs so p-values far below 1e-300 underflow to 0 only at the very end. Equivalent to
    /// the mixture above with tau^2 = s2 rho^2. Matches gbstats `SequentialTwoSidedTTest`.
    /// - Precondition: `effect.alternative == .twoSided`, totalUnits > 0, tuningUnits > 0.
    public static func confidenceSequence(
        _ effect: EffectEstimate, totalUnits: Double, tuningUnits: Double = 5000
    ) -> EffectEstimate {
        precondition(totalUnits > 0 && tuningUnits > 0, "totalUnits \(totalUnits) and tuningUnits \(tuningUnits) must be > 0")
        let alpha = 1 - effect.confidenceLevel
        let logAlpha = log(alpha)
        let rhoSquared = (-2 * logAlpha + log(-2 * logAlpha + 1)) / tuningUnits
        let s2 = effect.standardError * effect.standardError * totalUnits
        var result = mixture(effect, mixingVariance: s2 * rhoSquared, nullValue: 0)
        result.notes.append("confidence sequence (always valid), tuned for N* = \(tuningUnits) units")
        return result
    }

    /// The mixture sequential probability ratio test (mSPRT) of Johari, Pekelis, Walsh
    /// (2017) with mixing variance `mixingVariance` (tau^2, in squared units of the effect),
    /// as Optimizely's Stats Engine and Statsig's sequential testing.
    ///
    /// Returns the always-valid p-value for H0: effect = `nullValue` and the always-valid
    /// interval at the effect's confidence level. Exact formula, no iteration; accuracy is
    /// that of `log`/`exp` (p-values below ~1e-308 become 0).
    /// - Precondition: `effect.alternative == .twoSided`, mixingVariance > 0.
    public static func mixtureSPRT(
        _ effect: EffectEstimate, mixingVariance: Double, nullValue: Double = 0
    ) -> EffectEstimate {
        var result = mixture(effect, mixingVariance: mixingVariance, nullValue: nullValue)
        result.notes.append("mSPRT (always valid), mixing variance tau^2 = \(mixingVariance)")
        return result
    }

    static func mixture(_ effect: EffectEstimate, mixingVariance: Double, nullValue: Double) -> EffectEstimate {
        precondition(effect.alternative == .twoSided, "sequential intervals are two-sided; got \(effect.alternative)")
        precondition(mixingVariance > 0, "mixing variance must be > 0, got \(mixingVariance)")
        let variance = effect.standardError * effect.standardError
        let tau2 = mixingVariance
        let alpha = 1 - effect.confidenceLevel
        // ln((V + tau^2) / V) computed as log1p for small tau^2 / V.
        let logInflation = log1p(tau2 / variance)
        let halfWidth = (2 * variance * (variance + tau2) / tau2 * (0.5 * logInflation - log(alpha))).squareRoot()
        let deviation = effect.estimate - nullValue
        let logLikelihoodRatio = -0.5 * logInflation + tau2 * deviation * deviation / (2 * variance * (variance + tau2))
        var result = effect
        result.lowerBound = effect.estimate - halfWidth
        result.upperBound = effect.estimate + halfWidth
        result.pValue = exp(min(0, -logLikelihoodRatio))
        result.degreesOfFreedom = .infinity
        return result
    }
}
