import Foundation

/// The parameters turned into the rates and multipliers the sampler uses, and the exact
/// expectations that go into truth.json.
///
/// Conversion is calibrated exactly: a share b of units are potential buyers, and a buyer
/// with activity A ~ Gamma(k, 1/k) makes Poisson(c * A) purchases in its window, so
/// P(no purchase) = 1 - b + b E[exp(-c A)] = 1 - b + b (1 + c/k)^-k (a negative-binomial zero
/// mixed with non-buyers). Solving b (1 - (1 + c/k)^-k) = p gives
/// c = k * ((1 - p/b)^(-1/k) - 1) for each variant's target conversion rate p < b.
/// Revenue per unit is b * c * E[value], so the value multiplier (1 + revenue lift) c_0 / c_v
/// makes the revenue lift exact too. Fixed buyers make purchases persist from the pre-period
/// into the window (pre/post purchase-count correlation ~0.5 at the defaults), which is what
/// gives CUPED something to work with on revenue.
struct BehaviourModel: Sendable {
    let parameters: GeneratorParameters
    /// Normalised planned weights and their running sums (for sampling).
    let plannedWeights: [Double]
    let cumulativeWeights: [Double]
    let cumulativeCountries: [Double]
    let cumulativePlatforms: [Double]
    /// Cumulative enrolment-day probabilities, geometric decay.
    let cumulativeEnrolmentDays: [Double]
    /// Expected purchases per window of a buyer at activity 1, per variant (index 0 = control).
    let buyerPurchasesPerWindow: [Double]
    /// Expected purchases per unit (buyer or not) over the window, per variant.
    let purchasesPerUnit: [Double]
    /// Multiplier on purchase values after exposure, per variant.
    let purchaseValueMultiplier: [Double]
    /// Multiplier on request latency after exposure, per variant.
    let latencyMultiplier: [Double]
    /// Per-request error probability after exposure, per variant.
    let errorRate: [Double]
    /// Target conversion rate per variant.
    let conversionRate: [Double]
    /// log(median purchase value).
    let logPurchaseValueMedian: Double
    let latency: LatencyDistribution
    /// Latency factor per platform index.
    let platformLatencyFactors: [Double]

    init(parameters: GeneratorParameters) {
        self.parameters = parameters
        let totalWeight = parameters.weights.reduce(0, +)
        plannedWeights = parameters.weights.map { $0 / totalWeight }
        cumulativeWeights = BehaviourModel.runningSums(plannedWeights)
        cumulativeCountries = BehaviourModel.runningSums(parameters.countries.map(\.weight))
        cumulativePlatforms = BehaviourModel.runningSums(parameters.platforms.map(\.weight))
        cumulativeEnrolmentDays = BehaviourModel.runningSums(
            (0..<parameters.enrolmentDays).map { Foundation.pow(parameters.enrolmentDailyDecay, Double($0)) })

        let shape = parameters.activityShape
        let buyers = parameters.buyerFraction
        func purchaseCount(forConversion rate: Double) -> Double {
            shape * (Foundation.pow(1 - rate / buyers, -1 / shape) - 1)
        }
        let controlConversion = parameters.baseConversionRate
        let controlPurchases = purchaseCount(forConversion: controlConversion)
        var conversion = [controlConversion]
        var purchases = [controlPurchases]
        var valueMultiplier = [1.0]
        var latencyMultiplier = [1.0]
        var errorRate = [parameters.baseErrorRate]
        for effect in parameters.effects {
            let rate = controlConversion * (1 + effect.conversionLift)
            let count = purchaseCount(forConversion: rate)
            conversion.append(rate)
            purchases.append(count)
            valueMultiplier.append((1 + effect.revenueLift) * controlPurchases / count)
            latencyMultiplier.append(1 + effect.latencyChange)
            errorRate.append(parameters.baseErrorRate * (1 + effect.errorRateChange))
        }
        conversionRate = conversion
        buyerPurchasesPerWindow = purchases
        purchasesPerUnit = purchases.map { buyers * $0 }
        purchaseValueMultiplier = valueMultiplier
        self.latencyMultiplier = latencyMultiplier
        self.errorRate = errorRate
        logPurchaseValueMedian = Foundation.log(parameters.purchaseValueMedian)
        latency = LatencyDistribution(parameters: parameters)
        platformLatencyFactors = parameters.platforms.map(\.latencyFactor)
    }

    /// Expected control purchase value: exp(mu + (spend sigma^2 + value sigma^2) / 2).
    var controlMeanPurchaseValue: Double {
        let spread = parameters.spendLevelSigma * parameters.spendLevelSigma
            + parameters.purchaseValueSigma * parameters.purchaseValueSigma
        return Foundation.exp(logPurchaseValueMedian + spread / 2)
    }

    /// Normalised running sums; the last entry is set to exactly 1 so every draw lands.
    static func runningSums(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        var sum = 0.0
        var sums = weights.map { weight -> Double in
            sum += weight
            return sum / total
        }
        if !sums.isEmpty { sums[sums.count - 1] = 1 }
        return sums
    }
}
