/// The per-unit state that stays fixed for the whole export, stored as parallel arrays.
///
/// Memory is about 41 bytes per unit (40 MB at 1M units); rows are never held beyond one day.
/// Every unit draws its state from its own stream (substream 0 of stream `unit`), and every
/// draw is made unconditionally, so changing one option (say `--srm`) leaves every other
/// attribute of every unit, and every event, unchanged for the same seed.
struct UnitPopulation: Sendable {
    /// Index of the variant the unit is assigned to (and whose effects it receives).
    var variant: [UInt8]
    /// Epoch second of the unit's first exposure.
    var firstExposure: [Int64]
    /// Activity level, Gamma(k, 1/k), mean 1; multiplies every event rate.
    var activity: [Double]
    /// Log-scale offset of the unit's purchase values, N(0, spend sigma^2).
    var spendLevel: [Double]
    /// Whether the unit ever purchases (probability `buyerFraction`, fixed for both periods).
    var isBuyer: [Bool]
    var country: [UInt8]
    var platform: [UInt8]
    /// False when SRM dropped the unit from the exposure log.
    var exposureLogged: [Bool]
    /// The other variant the unit is also exposed to once, or `noCrossover`.
    var crossoverVariant: [UInt8]
    /// Epoch second of that extra exposure, inside (first exposure, window end).
    var crossoverTime: [Int64]

    static let noCrossover = UInt8.max

    /// Draws every unit's state. O(units), deterministic in `model.parameters.seed`.
    init(model: BehaviourModel) {
        let parameters = model.parameters
        let count = parameters.units
        variant = []
        firstExposure = []
        activity = []
        spendLevel = []
        isBuyer = []
        country = []
        platform = []
        exposureLogged = []
        crossoverVariant = []
        crossoverTime = []
        variant.reserveCapacity(count)
        firstExposure.reserveCapacity(count)
        activity.reserveCapacity(count)
        spendLevel.reserveCapacity(count)
        isBuyer.reserveCapacity(count)
        country.reserveCapacity(count)
        platform.reserveCapacity(count)
        exposureLogged.reserveCapacity(count)
        crossoverVariant.reserveCapacity(count)
        crossoverTime.reserveCapacity(count)

        let secondsPerDay = Int64(UTCTimestamp.secondsPerDay)
        let startSecond = Int64(parameters.startDate.daysSinceEpoch) * secondsPerDay
        let windowSeconds = Int64(parameters.windowDays) * secondsPerDay
        let variantCount = UInt64(parameters.variants.count)
        for unit in 0..<count {
            var generator = Xoshiro256StarStar(seed: parameters.seed, stream: UInt64(unit), substream: 0)
            let assigned = generator.category(cumulative: model.cumulativeWeights)
            let enrolmentDay = generator.category(cumulative: model.cumulativeEnrolmentDays)
            let secondOfDay = generator.integer(below: UInt64(secondsPerDay))
            let first = startSecond + Int64(enrolmentDay) * secondsPerDay + Int64(secondOfDay)
            let countryIndex = generator.category(cumulative: model.cumulativeCountries)
            let platformIndex = generator.category(cumulative: model.cumulativePlatforms)
            let buyerDraw = generator.uniform()
            let dropDraw = generator.uniform()
            let crossoverDraw = generator.uniform()
            let crossoverOffset = 1 + Int64(generator.integer(below: UInt64(windowSeconds - 1)))
            // Pick uniformly among the other variants by skipping the unit's own index.
            var other = Int(generator.integer(below: variantCount - 1))
            if other >= assigned { other += 1 }
            let level = generator.gamma(shape: parameters.activityShape) / parameters.activityShape
            let spend = parameters.spendLevelSigma * generator.standardNormal()

            variant.append(UInt8(assigned))
            firstExposure.append(first)
            activity.append(level)
            spendLevel.append(spend)
            isBuyer.append(buyerDraw < parameters.buyerFraction)
            country.append(UInt8(countryIndex))
            platform.append(UInt8(platformIndex))
            exposureLogged.append(!(assigned != 0 && dropDraw < parameters.srmDropFraction))
            let crosses = crossoverDraw < parameters.bothVariantsFraction
            crossoverVariant.append(crosses ? UInt8(other) : UInt8.max)
            crossoverTime.append(first + crossoverOffset)
        }
    }
}
