// The exact expectations written to truth.json.

extension ExportGenerator {
    /// The ground truth implied by the parameters, with this run's counts attached.
    public func groundTruth(realized: ExportSummary) -> GroundTruth {
        let secondsPerDay = Int64(UTCTimestamp.secondsPerDay)
        let startDay = Int64(parameters.startDate.daysSinceEpoch)
        func timestamp(day: Int64) -> String { UTCTimestamp.format(epochSeconds: day * secondsPerDay) }
        let timeline = GroundTruth.Timeline(
            enrolmentStart: timestamp(day: startDay),
            enrolmentEnd: timestamp(day: startDay + Int64(parameters.enrolmentDays)),
            windowDays: parameters.windowDays, prePeriodDays: parameters.prePeriodDays,
            dataStart: timestamp(day: startDay - Int64(parameters.prePeriodDays)),
            dataEnd: timestamp(day: startDay + Int64(parameters.enrolmentDays + parameters.windowDays)))

        var keptWeights = model.plannedWeights.enumerated().map { index, weight in
            index == 0 ? weight : weight * (1 - parameters.srmDropFraction)
        }
        let keptTotal = keptWeights.reduce(0, +)
        keptWeights = keptWeights.map { $0 / keptTotal }

        let controlLatencyMean = model.latency.mean
        let controlLatencyP95 = model.latency.quantile(0.95)
        let window = Double(parameters.windowDays)
        let metrics = parameters.variants.indices.map { index in
            let revenuePerPurchase = model.controlMeanPurchaseValue * model.purchaseValueMultiplier[index]
            return GroundTruth.VariantMetrics(
                variant: parameters.variants[index], conversionRate: model.conversionRate[index],
                purchasesPerUnit: model.purchasesPerUnit[index], revenuePerPurchase: revenuePerPurchase,
                revenuePerUnit: model.purchasesPerUnit[index] * revenuePerPurchase,
                requestsPerUnit: parameters.requestsPerDay * window,
                pageViewsPerUnit: parameters.pageViewsPerDay * window,
                meanLatencyMilliseconds: controlLatencyMean * model.latencyMultiplier[index],
                latencyP95Milliseconds: controlLatencyP95 * model.latencyMultiplier[index],
                errorRate: model.errorRate[index])
        }
        let control = metrics[0]
        let effects = metrics.dropFirst().map { treatment in
            GroundTruth.Effect(
                variant: treatment.variant, control: control.variant,
                conversionRelativeLift: treatment.conversionRate / control.conversionRate - 1,
                revenuePerUnitRelativeLift: treatment.revenuePerUnit / control.revenuePerUnit - 1,
                purchasesPerUnitRelativeLift: treatment.purchasesPerUnit / control.purchasesPerUnit - 1,
                revenuePerPurchaseRelativeLift: treatment.revenuePerPurchase / control.revenuePerPurchase - 1,
                latencyMultiplier: treatment.meanLatencyMilliseconds / control.meanLatencyMilliseconds,
                errorRateMultiplier: control.errorRate > 0 ? treatment.errorRate / control.errorRate : 1)
        }
        return GroundTruth(
            seed: parameters.seed, experiment: parameters.experiment, control: control.variant,
            variants: parameters.variants, plannedWeights: model.plannedWeights,
            srm: .init(dropFraction: parameters.srmDropFraction, expectedObservedWeights: keptWeights),
            bothVariantsFraction: parameters.bothVariantsFraction, timeline: timeline, variantMetrics: metrics,
            effects: Array(effects), parameters: parameters, realized: realized)
    }
}
