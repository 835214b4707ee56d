import Foundation
import Stats

/// `workbench simulate --target-model`: off-policy evaluation of "treatment when the model's
/// score >= threshold" on a logged rollout, from the raw export.
///
/// Steps: one streaming pass over exposures and events (first exposure per unit, units in
/// several variants excluded, the spec's metrics over each unit's window, as `analyze` does);
/// `UnitFeatureBuilder` over the events strictly before the cutoff (default: the earliest
/// exposure of the experiment, so no feature sees a post-exposure event); the model's columns
/// matched by name (`ModelFeatureMatcher`) and scored; propensities per `PropensityChoice`;
/// then `OffPolicyEvaluator`.
///
/// Memory: the exposure index, sources x units doubles, and the feature builder's per-unit
/// history (O(units x active days)).
public struct OffPolicyJob {
    /// The experiment, control and metrics (rewards); its window defines each unit's rewards.
    public var spec: ExperimentSpec
    /// The export (two files, or a single stream whose file also feeds the feature builder).
    public var source: ExportSource
    /// Format, mapping, timestamps and bad-row policy (the feature builder always stops at a bad row).
    public var readOptions: ReadOptions
    /// The target model, loaded (and checksum-verified) from the registry.
    public var model: LoadedModel
    /// The treatment variant; `nil` means the only non-control variant.
    public var treatmentVariant: String?
    /// Feature cutoff (epoch ms); `nil` means the earliest exposure of the experiment.
    public var cutoff: Int64?
    /// The metric the policy is chosen for; `nil` means the first non-guardrail metric.
    public var valueMetric: String?
    /// Where the logging propensities come from; default: estimated, per day when the share changed.
    public var propensity: PropensityChoice = .estimatedAutomatic
    /// Passed to `UnitFeatureBuilder` (`--feature-column`): counts distinct values of this column as unique_features.
    public var featureColumn: String?
    /// Sweep thresholds added at the scores' quantiles 1/(N+1) ... N/(N+1); 0 = no sweep.
    public var sweepCount = 0
    /// Thresholds, sweep, folds, bootstrap (its `propensity` is set by the job).
    public var settings: OffPolicySettings

    /// Creates a job; every other option has its default.
    public init(spec: ExperimentSpec, source: ExportSource, readOptions: ReadOptions, model: LoadedModel, settings: OffPolicySettings) {
        self.spec = spec
        self.source = source
        self.readOptions = readOptions
        self.model = model
        self.settings = settings
    }

    /// Runs the evaluation.
    /// - Throws: `IngestError` for unreadable exports, `AnalysisError` for a spec that does not
    ///   fit the export, `OffPolicyError` for a model or option that cannot be evaluated.
    public func run(progress: ProgressBar? = nil) throws -> OffPolicyReport {
        // 1. Exposures and per-unit rewards in one pass.
        let reader = ExportReader(options: readOptions.reportingProgress(to: progress))
        var index: ExposureIndex?
        var accumulator: UnitRewardAccumulator?
        _ = try source.read(
            with: reader,
            exposures: { exposure in
                if index == nil { index = ExposureIndex(attributeCount: exposure.attributes.count) }
                index?.record(exposure)
            },
            events: { event in
                if accumulator == nil {
                    let (_, experiment) = try experimentIndex(index, vocabulary: reader.vocabulary)
                    accumulator = UnitRewardAccumulator(spec: spec, exposures: experiment, vocabulary: reader.vocabulary)
                }
                accumulator?.consume(event)
            })
        progress?.finish()
        let vocabulary = reader.vocabulary
        let (_, experiment) = try experimentIndex(index, vocabulary: vocabulary)
        let rewards = accumulator ?? UnitRewardAccumulator(spec: spec, exposures: experiment, vocabulary: vocabulary)

        // 2. Arms.
        let variantIDs = Set(experiment.variant.filter { $0 >= 0 })
        let variantNames = variantIDs.map { vocabulary.variantName($0) }.sorted()
        guard let controlID = vocabulary.variantID(spec.control), variantIDs.contains(controlID) else {
            throw AnalysisError("experiment \"\(spec.experiment)\": the control \"\(spec.control)\" is not among its variants (\(variantNames.joined(separator: ", "))); fix `control:` in the spec")
        }
        let others = variantNames.filter { $0 != spec.control }
        let treatmentName: String
        if let treatmentVariant {
            treatmentName = treatmentVariant
        } else {
            guard others.count == 1, let only = others.first else {
                throw OffPolicyError(others.isEmpty
                    ? "experiment \"\(spec.experiment)\" logged only its control \"\(spec.control)\" (a 0% rollout); name the variant the model would enable with --treatment-variant to get the no-support report"
                    : "experiment \"\(spec.experiment)\" has \(others.count) non-control variants (\(others.joined(separator: ", "))); name the one the model enables with --treatment-variant")
            }
            treatmentName = only
        }
        // A treatment variant absent from the log is accepted only for a 0% rollout (nothing but
        // control logged): every policy that enables it then reports no support. Otherwise it is
        // most likely a typo.
        let treatmentID = vocabulary.variantID(treatmentName).flatMap { variantIDs.contains($0) ? $0 : nil }
        guard treatmentName != spec.control, treatmentID != nil || others.isEmpty else {
            throw OffPolicyError("the treatment variant \"\(treatmentName)\" is not a non-control variant of \"\(spec.experiment)\" (variants: \(variantNames.joined(separator: ", "))); fix --treatment-variant")
        }
        var analysed: [Int] = []
        var excluded = 0
        for unit in experiment.variant.indices where experiment.variant[unit] >= 0 {
            if experiment.inSeveralVariants[unit] { excluded += 1 } else { analysed.append(unit) }
        }
        guard !analysed.isEmpty else {
            throw OffPolicyError("experiment \"\(spec.experiment)\" has no unit exposed to a single variant; nothing to evaluate")
        }
        let arms: [LoggedUnits.Arm] = analysed.map { unit in
            let variant = experiment.variant[unit]
            return variant == treatmentID ? .treatment : variant == controlID ? .control : .other
        }

        // 3. Features strictly before the cutoff, scored by the model.
        // The experiment's earliest exposure, excluded units included: no unit's features may see
        // anything after any exposure of the experiment.
        let earliest = experiment.firstTime.min() ?? 0
        let cutoffTime = cutoff ?? earliest
        let featureOptions = UnitFeatureOptions(
            cutoff: cutoffTime, labelEvent: "", labelDays: 1.0 / 86_400_000, featureColumn: featureColumn, readOptions: readOptions)
        let table = try UnitFeatureBuilder.build(path: eventsPath, options: featureOptions)
        let matcher = try ModelFeatureMatcher(features: model.artifact.features, builderColumns: table.columns)
        var rowOfUnit: [String: Int] = [:]
        rowOfUnit.reserveCapacity(table.units.count)
        for (row, unit) in table.units.enumerated() { rowOfUnit[unit] = row }
        let featureCount = matcher.names.count
        var columnMajor = [Double](repeating: 0, count: analysed.count * featureCount)
        var withoutHistory = 0
        for (position, unit) in analysed.enumerated() {
            let row = rowOfUnit[vocabulary.unitName(Int32(unit))]
            if row == nil { withoutHistory += 1 }
            for (feature, value) in matcher.values(row: row.map { table.features[$0] }).enumerated() {
                columnMajor[feature * analysed.count + position] = value
            }
        }
        let featureTable = FeatureTable(schema: FeatureSchema(features: model.artifact.features), rowCount: analysed.count, values: columnMajor)
        let scores = try model.artifact.probabilities(for: featureTable)

        // 4. Propensity strata: UTC day of first exposure.
        let firstDay = Int64(floorDivision(earliest, 86_400_000))
        let days = analysed.map { Int(floorDivision(experiment.firstTime[$0], 86_400_000) - firstDay) }
        let dayCount = (days.max() ?? 0) + 1
        var dailyCounts = Array(repeating: [0, 0, 0], count: dayCount)
        for (position, day) in days.enumerated() { dailyCounts[day][Int(arms[position].rawValue)] += 1 }
        let homogeneity = PropensityHomogeneity(counts: dailyCounts)
        let dayLabels = (0..<dayCount).map { String(ISO8601.format(milliseconds: (firstDay + Int64($0)) * 86_400_000).prefix(10)) }
        var strata = [Int](repeating: 0, count: analysed.count)
        var strataLabels = ["all"]
        var settings = self.settings
        let method: String
        let hasOtherVariants = arms.contains(.other)
        switch propensity {
        case .treatmentShare(let share):
            guard share >= 0 && share <= 1 else { throw OffPolicyError("--treatment-share must be in [0, 1], got \(share)") }
            guard !hasOtherVariants else {
                throw OffPolicyError("--treatment-share describes a two-variant rollout, but \"\(spec.experiment)\" has other variants too; give `weights:` in the spec with --propensity planned, or estimate the propensities from the log")
            }
            settings.propensity = .known(treatment: share, control: 1 - share)
            method = "known: treatment share \(ReportNumberFormat.setting(share)) for every unit (--treatment-share)"
        case .planned:
            guard let weights = spec.weights, let treatment = weights[treatmentName], let control = weights[spec.control] else {
                throw OffPolicyError("--propensity planned needs `weights:` for \"\(spec.control)\" and \"\(treatmentName)\" in the spec; add them or estimate the propensities from the log")
            }
            let total = weights.values.reduce(0, +)
            settings.propensity = .known(treatment: treatment / total, control: control / total)
            method = "known: the spec's planned weights (treatment \(ReportNumberFormat.setting(treatment / total)), control \(ReportNumberFormat.setting(control / total)))"
        case .estimatedConstant, .estimatedDaily, .estimatedAutomatic:
            settings.propensity = .estimatedPerStratum
            let daily: Bool
            switch propensity {
            case .estimatedDaily: daily = true
            case .estimatedAutomatic: daily = homogeneity.pValue < 0.001
            default: daily = false
            }
            if daily {
                strata = days
                strataLabels = dayLabels
            }
            let formatted = ReportNumberFormat.pValue(homogeneity.pValue)
            let test = "chi-square test of a constant share over \(dayCount) enrolment days: p \(formatted.hasPrefix("<") ? formatted : "= " + formatted)"
            switch (propensity, daily) {
            case (.estimatedAutomatic, true): method = "estimated per UTC day of first exposure, because the share changed over time (\(test), below 0.001)"
            case (.estimatedAutomatic, false): method = "estimated from the log as one constant share (\(test), no evidence the share changed)"
            case (_, true): method = "estimated per UTC day of first exposure (--propensity daily; \(test))"
            default: method = "estimated from the log as one constant share (--propensity constant; \(test))"
            }
        }

        // 5. Rewards and the evaluation.
        let (rewardValues, rewardNames, metrics) = rewards.rewards(units: analysed)
        guard !metrics.isEmpty else {
            throw OffPolicyError("the spec has no proportion, mean or ratio metric; off-policy evaluation needs per-unit rewards")
        }
        let valueName: String
        if let valueMetric {
            guard metrics.contains(where: { $0.name == valueMetric }) else {
                throw OffPolicyError("--value-metric \(valueMetric) is not an evaluable metric of the spec (\(metrics.map(\.name).joined(separator: ", ")))")
            }
            valueName = valueMetric
        } else {
            valueName = (metrics.first { !$0.isGuardrail } ?? metrics[0]).name
        }
        let ordered = metrics.filter { $0.name == valueName } + metrics.filter { $0.name != valueName }
        let units = LoggedUnits(
            arms: arms, scores: scores, strata: strata, strataLabels: strataLabels,
            covariates: (0..<featureCount).map { Array(columnMajor[($0 * analysed.count)..<(($0 + 1) * analysed.count)]) },
            covariateNames: matcher.names, rewards: rewardValues, rewardNames: rewardNames)
        if sweepCount > 0 {
            let sorted = scores.sorted()
            settings.sweepThresholds += (1...sweepCount).map { Quantiles.quantile(sorted: sorted, Double($0) / Double(sweepCount + 1)) }
        }
        let folds = OffPolicyEvaluator.folds(unitCount: units.count, foldCount: settings.foldCount, seed: settings.seed ^ 0x0FF_F01D)
        let evaluation = try OffPolicyEvaluator.evaluate(units, metrics: ordered, folds: folds, settings: settings)

        return OffPolicyReport(
            format: OffPolicyReport.currentFormat,
            model: OffPolicyReport.ModelSummary(
                name: model.manifest.name, version: model.manifest.version, modelType: model.manifest.modelType.rawValue,
                modelSHA256: model.manifest.modelSHA256, features: matcher.names, absentCounts: matcher.absentCounts),
            experiment: spec.experiment, control: spec.control, treatment: treatmentName,
            cutoff: ISO8601.format(milliseconds: cutoffTime), cutoffSource: cutoff == nil ? "earliest exposure" : "--cutoff",
            unitsExposedBeforeCutoff: analysed.filter { experiment.firstTime[$0] < cutoffTime }.count,
            unitsExcludedSeveralVariants: excluded, unitsWithoutHistory: withoutHistory, propensityMethod: method,
            propensityHomogeneity: homogeneity, valueMetric: valueName,
            skippedMetrics: rewards.skipped.map { OffPolicyReport.SkippedMetric(name: $0.name, reason: $0.reason) },
            evaluation: evaluation)
    }

    /// The events file the feature builder reads (the single stream itself for one-file exports).
    private var eventsPath: String {
        switch source {
        case .twoFiles(_, let events): return events
        case .singleStream(let file, _): return file
        }
    }

    private func experimentIndex(_ index: ExposureIndex?, vocabulary: Vocabulary) throws -> (Int32, ExposureIndex.Experiment) {
        guard let index, let id = vocabulary.experimentID(spec.experiment), Int(id) < index.experiments.count else {
            let found = vocabulary.experimentNames.sorted().joined(separator: ", ")
            throw AnalysisError("the exposures have no experiment \"\(spec.experiment)\" (found: \(found.isEmpty ? "none" : found)); fix `experiment:` in the spec or map the experiment column with --map experiment=COLUMN")
        }
        return (id, index.experiments[Int(id)])
    }

    private func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }
}
