/// Every knob of the synthetic export generator; all of them are recorded in truth.json.
///
/// The defaults produce, per unit: ~1.8 exposure rows and ~20 event rows (28 days of
/// behaviour), a 7% control conversion rate, purchases of ~$48 on average, a ~150 ms median
/// request latency with a slow tail, and a 1% error rate per request. At 1M units that is the
/// benchmark export: ~1.8M exposure rows, ~20M event rows, ~1 GB of CSV.
public struct GeneratorParameters: Sendable, Codable, Equatable {
    // MARK: Experiment design

    /// Number of units (users) enrolled, >= 1. Default 20 000.
    public var units: Int = 20_000
    /// Seed of every random draw; the same seed gives the same bytes. Default 1.
    public var seed: UInt64 = 1
    /// Experiment (flag) key written to exposures.csv and spec.yaml. Default `checkout-v2`.
    public var experiment: String = "checkout-v2"
    /// Variant names, the first is the control. At least two, unique. Default `off, on`.
    public var variants: [String] = ["off", "on"]
    /// Planned allocation per variant, positive, normalised to sum to 1. Default 0.5, 0.5.
    public var weights: [Double] = [0.5, 0.5]
    /// First enrolment day (UTC midnight). Default 2026-01-05.
    public var startDate: CivilDate
    /// Number of enrolment days: first exposures fall in [start, start + days). Default 14.
    public var enrolmentDays: Int = 14
    /// Enrolment decays geometrically: day d gets weight `decay^d` (returning users enrol
    /// first), 0 < decay <= 1, 1 = uniform. Default 0.9.
    public var enrolmentDailyDecay: Double = 0.9
    /// Metric window after each unit's first exposure, in days. Default 14.
    public var windowDays: Int = 14
    /// Pre-period before each unit's first exposure (CUPED covariates), in days. Default 14.
    public var prePeriodDays: Int = 14
    /// True effects, one per non-control variant in the order of `variants.dropFirst()`.
    public var effects: [TreatmentEffect]
    /// Sample-ratio mismatch: the probability that a non-control unit is missing from the
    /// exposure log entirely (its events remain), in [0, 1). Default 0 (no SRM).
    public var srmDropFraction: Double = 0
    /// Probability that a unit is also exposed once to another variant (later in its
    /// window), in [0, 1]. Default 0.005.
    public var bothVariantsFraction: Double = 0.005

    // MARK: Behaviour (identical in every variant before exposure)

    /// Shape of the per-unit activity level, Gamma(shape, scale 1/shape) with mean 1; it
    /// multiplies every event rate in both periods, so pre and post behaviour correlate.
    /// Smaller shape = more heterogeneous units. Default 2.
    public var activityShape: Double = 2
    /// Mean number of repeat exposures per unit over its metric window (visits after the
    /// first), scaled by activity. Default 0.8.
    public var repeatExposuresPerWindow: Double = 0.8
    /// Page views per day at activity 1. Default 0.40.
    public var pageViewsPerDay: Double = 0.40
    /// Requests per day at activity 1 (each with a latency, each may fail). Default 0.31.
    public var requestsPerDay: Double = 0.31
    /// Control conversion rate: share of units with >= 1 purchase in the metric window.
    /// The buyers' purchase rate is solved so this holds exactly under the gamma activity.
    /// Must be below `buyerFraction`. Default 0.07.
    public var baseConversionRate: Double = 0.07
    /// Share of units that are potential buyers (fixed per unit, so buying in the pre-period
    /// predicts buying in the window). Every variant's conversion rate must stay below it.
    /// Default 0.15 (so conversion lifts up to +114% on the default 7%).
    public var buyerFraction: Double = 0.15
    /// Median purchase value in currency units (log-normal). Default 35.
    public var purchaseValueMedian: Double = 35
    /// Log-scale standard deviation of one purchase value around its unit's level. Default 0.6.
    public var purchaseValueSigma: Double = 0.6
    /// Log-scale standard deviation of the per-unit spend level (big and small spenders,
    /// shared by pre and post periods). Default 0.5.
    public var spendLevelSigma: Double = 0.5
    /// Median latency of a normal request in ms (log-normal body, iOS). Default 150.
    public var latencyMedianMilliseconds: Double = 150
    /// Log-scale standard deviation of the latency body. Default 0.5.
    public var latencySigma: Double = 0.5
    /// Share of requests in the slow tail (retries, cold caches). Default 0.03.
    public var latencyTailFraction: Double = 0.03
    /// Median latency of a slow request in ms. Default 900.
    public var latencyTailMedianMilliseconds: Double = 900
    /// Log-scale standard deviation of the slow tail. Default 0.6.
    public var latencyTailSigma: Double = 0.6
    /// Control probability that a request fails (an `error` event). Default 0.01.
    public var baseErrorRate: Double = 0.01
    /// Countries and their shares.
    public var countries: [SegmentLevel] = SegmentLevel.defaultCountries
    /// Platforms, their shares and latency factors.
    public var platforms: [SegmentLevel] = SegmentLevel.defaultPlatforms

    /// The defaults, with `conversionLift` 0.05 and `revenueLift` 0.03 for the treatment.
    public init() {
        // 2026-01-05 is a valid date, so this cannot fail; spelt out to avoid `try!`.
        startDate = (try? CivilDate(year: 2026, month: 1, day: 5)) ?? CivilDate(daysSinceEpoch: 20458)
        effects = [TreatmentEffect(variant: "on", conversionLift: 0.05, revenueLift: 0.03)]
    }

    /// The largest number of variants (variant indices are stored in one byte).
    public static let maximumVariants = 64

    /// Checks every parameter and throws a sentence naming the first one out of range.
    public func validate() throws {
        func require(_ condition: Bool, _ name: String, _ reason: String) throws {
            if !condition { throw GeneratorError.invalidParameter(name: name, reason: reason) }
        }
        try require(units >= 1 && units <= 100_000_000, "--units", "give between 1 and 100000000 units, got \(units)")
        try require(
            variants.count >= 2 && variants.count <= Self.maximumVariants, "--variants",
            "give between 2 and \(Self.maximumVariants) variant names, the first being the control; got \(variants.count)")
        try require(Set(variants).count == variants.count, "--variants", "variant names must be unique")
        for name in variants {
            try require(Self.isSafeName(name), "--variants", "'\(name)' must be 1-64 characters from A-Z a-z 0-9 . _ -")
        }
        try require(Self.isSafeName(experiment), "--experiment", "'\(experiment)' must be 1-64 characters from A-Z a-z 0-9 . _ -")
        try require(
            weights.count == variants.count, "--weights",
            "give one weight per variant (\(variants.count)), got \(weights.count)")
        try require(weights.allSatisfy { $0 > 0 && $0.isFinite }, "--weights", "every weight must be positive")
        try require((1...366).contains(enrolmentDays), "--days", "give 1 to 366 enrolment days, got \(enrolmentDays)")
        try require(
            enrolmentDailyDecay > 0 && enrolmentDailyDecay <= 1, "enrolment decay",
            "must be in (0, 1], got \(enrolmentDailyDecay)")
        try require((1...366).contains(windowDays), "--window-days", "give 1 to 366 days, got \(windowDays)")
        try require((0...366).contains(prePeriodDays), "--pre-period-days", "give 0 to 366 days, got \(prePeriodDays)")
        try require(
            (0..<1).contains(srmDropFraction), "--srm",
            "the dropped share of treatment exposures must be in [0, 1), got \(srmDropFraction)")
        try require(
            (0...1).contains(bothVariantsFraction), "--both-variants-fraction",
            "must be a probability in [0, 1], got \(bothVariantsFraction)")
        try require(
            activityShape > 0 && activityShape.isFinite, "activity shape", "must be positive, got \(activityShape)")
        for (value, name) in [
            (repeatExposuresPerWindow, "repeat exposures"), (pageViewsPerDay, "page views per day"),
            (requestsPerDay, "requests per day"),
        ] {
            try require(value >= 0 && value.isFinite && value <= 10_000, name, "must be in [0, 10000], got \(value)")
        }
        try require(buyerFraction > 0 && buyerFraction <= 1, "buyer fraction", "must be in (0, 1], got \(buyerFraction)")
        try require(
            baseConversionRate > 0 && baseConversionRate < buyerFraction, "base conversion rate",
            "must be in (0, buyer fraction \(buyerFraction)), got \(baseConversionRate)")
        try require(
            (0...1).contains(baseErrorRate), "base error rate", "must be in [0, 1], got \(baseErrorRate)")
        for (value, name) in [
            (purchaseValueMedian, "purchase value median"), (latencyMedianMilliseconds, "latency median"),
            (latencyTailMedianMilliseconds, "latency tail median"),
        ] {
            try require(value > 0 && value.isFinite, name, "must be positive, got \(value)")
        }
        for (value, name) in [
            (purchaseValueSigma, "purchase value sigma"), (spendLevelSigma, "spend level sigma"),
            (latencySigma, "latency sigma"), (latencyTailSigma, "latency tail sigma"),
        ] {
            try require(value >= 0 && value <= 5, name, "must be in [0, 5], got \(value)")
        }
        try require((0...1).contains(latencyTailFraction), "latency tail fraction", "must be in [0, 1]")
        for (levels, name) in [(countries, "countries"), (platforms, "platforms")] {
            try require(!levels.isEmpty && levels.count <= 255, name, "give 1 to 255 levels")
            try require(
                levels.allSatisfy { Self.isSafeName($0.name) && $0.weight > 0 && $0.latencyFactor > 0 }, name,
                "every level needs a safe name, a positive weight and a positive latency factor")
        }
        try require(
            effects.map(\.variant) == Array(variants.dropFirst()), "effects",
            "give one effect per non-control variant, in the order \(variants.dropFirst().joined(separator: ","))")
        for effect in effects {
            try require(
                effect.conversionLift > -1 && baseConversionRate * (1 + effect.conversionLift) < buyerFraction,
                "--conversion-lift",
                "\(effect.conversionLift) for '\(effect.variant)' must keep the conversion rate \(baseConversionRate) x (1 + lift) below the buyer share \(buyerFraction)")
            try require(effect.revenueLift > -1, "--revenue-lift", "must be > -1, got \(effect.revenueLift)")
            try require(
                effect.latencyChange > -1 && effect.latencyChange.isFinite, "--latency-change",
                "must be > -1, got \(effect.latencyChange)")
            try require(
                effect.errorRateChange >= -1 && baseErrorRate * (1 + effect.errorRateChange) <= 1,
                "--error-rate-change",
                "\(effect.errorRateChange) for '\(effect.variant)' must keep the error rate in [0, 1] (base \(baseErrorRate))")
        }
    }

    /// Names go unquoted into CSV and YAML, so they are restricted to a safe alphabet.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
    }
}
