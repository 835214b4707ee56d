import ArgumentParser
import Foundation
import Workbench

/// The options of `workbench simulate --target-model`: off-policy evaluation of an ML-targeted
/// rollout on a logged one (docs/off-policy.md). Used as an `@OptionGroup` by `Simulate`.
struct TargetModelOptions: ParsableArguments {
    @Option(name: .customLong("target-model"), help: ArgumentHelp(
        "The registry model whose score targets the rollout: NAME@VERSION (or NAME for the latest).", valueName: "NAME@VERSION"))
    var targetModel: String?

    @Option(help: "The model registry folder.")
    var registry: String?

    @Option(name: .customLong("threshold"), help: "Evaluate \"treatment when score >= T, else control\"; repeat for several thresholds.")
    var thresholds: [Double] = []

    @Option(help: "Also evaluate N thresholds at the score's quantiles 1/(N+1) ... N/(N+1) (a sweep table).")
    var sweep: Int?

    @Option(name: .customLong("treatment-variant"), help: "The variant the model enables (default: the only non-control variant).")
    var treatmentVariant: String?

    @Option(name: .customLong("value-metric"), help: "The metric the policy is chosen for (default: the first non-guardrail metric).")
    var valueMetric: String?

    @Option(name: .customLong("treatment-share"), help: "A known, constant treatment share in [0, 1] (a two-variant rollout); default: estimate from the log.")
    var treatmentShare: Double?

    @Option(help: "Propensities when no --treatment-share: auto (per day if the share changed, else constant), constant, daily, planned (the spec's weights).")
    var propensity: PropensityMode = .auto

    @Option(help: "Feature cutoff (events strictly before it feed the model); default: the experiment's earliest exposure.")
    var cutoff: String?

    @Option(name: .customLong("feature-column"), help: "Count distinct values of this events column as unique_features (as for `workbench features`).")
    var featureColumn: String?

    @Option(help: "Bootstrap replicates (0 = no intervals, else >= 50).")
    var bootstrap = 500

    @Option(help: "Seed of the bootstrap and of the cross-fitting folds.")
    var seed: UInt64 = 0

    @Option(help: "Cross-fitting folds of the outcome models (>= 2).")
    var folds = 5

    @Option(name: .customLong("confidence-level"), help: "Level of the bootstrap intervals, in (0, 1).")
    var confidenceLevel = 0.95

    /// The propensity modes of `--propensity`.
    enum PropensityMode: String, ExpressibleByArgument, CaseIterable {
        case auto, constant, daily, planned
    }

    /// Whether the target-model mode was asked for.
    var isRequested: Bool { targetModel != nil }

    func validate() throws {
        guard isRequested else { return }
        guard registry != nil else { throw ValidationError("--target-model needs --registry DIR: the model registry folder.") }
        guard !thresholds.isEmpty || (sweep ?? 0) > 0 else { throw ValidationError("Give at least one --threshold T (or --sweep N).") }
        for threshold in thresholds where !threshold.isFinite { throw ValidationError("--threshold must be a number, e.g. 0.3.") }
        if let sweep, sweep < 1 || sweep > 1000 { throw ValidationError("--sweep must be between 1 and 1000 thresholds.") }
        if let treatmentShare, !(0...1).contains(treatmentShare) { throw ValidationError("--treatment-share must be in [0, 1], e.g. 0.2 for a 20% rollout.") }
        guard bootstrap == 0 || bootstrap >= 50 else { throw ValidationError("--bootstrap must be 0 or at least 50 replicates.") }
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2.") }
        guard confidenceLevel > 0 && confidenceLevel < 1 else { throw ValidationError("--confidence-level must be in (0, 1), e.g. 0.95.") }
        if let cutoff, CutoffTime.parse(cutoff) == nil {
            throw ValidationError("--cutoff \"\(cutoff)\" is not a time; write 2026-02-01, 2026-02-01T00:00:00Z or epoch seconds.")
        }
    }
}

/// Runs `workbench simulate --target-model ...`: loads the spec and the model, evaluates, writes
/// `DIR/offpolicy.json`, `DIR/offpolicy.md` and `DIR/offpolicy.html`, and prints the paths.
///
/// - Parameters: `source`, `specPath` (the spec whose metrics are the rewards), `readOptions` and
///   `out` come from the `Simulate` command's shared options.
func runTargetModelSimulation(_ options: TargetModelOptions, source: ExportSource, specPath: String?, readOptions: ReadOptions,
                              out: String) throws {
    guard let reference = options.targetModel, let registryPath = options.registry else {
        throw ValidationError("--target-model needs --registry DIR.")
    }
    guard let specPath else { throw ValidationError("--target-model needs --spec FILE: the analysis spec whose metrics are the rewards.") }
    let specs = try runReporting { try loadSpecs(path: specPath) }
    guard specs.count == 1, let spec = specs.first else {
        throw ValidationError("The spec file \(specPath) holds \(specs.count) experiments; give a spec with exactly one.")
    }
    let model = try runReportingModelErrors {
        try ModelRegistry(root: registryPath).load(ModelReference(parsing: reference))
    }
    var settings = OffPolicySettings(thresholds: options.thresholds)
    settings.replicates = options.bootstrap
    settings.seed = options.seed
    settings.foldCount = options.folds
    settings.confidenceLevel = options.confidenceLevel
    var job = OffPolicyJob(spec: spec, source: source, readOptions: readOptions, model: model, settings: settings)
    job.treatmentVariant = options.treatmentVariant
    job.valueMetric = options.valueMetric
    job.featureColumn = options.featureColumn
    job.cutoff = options.cutoff.flatMap(CutoffTime.parse)
    job.sweepCount = options.sweep ?? 0
    if let share = options.treatmentShare {
        job.propensity = .treatmentShare(share)
    } else {
        switch options.propensity {
        case .auto: job.propensity = .estimatedAutomatic
        case .constant: job.propensity = .estimatedConstant
        case .daily: job.propensity = .estimatedDaily
        case .planned: job.propensity = .planned
        }
    }
    let report: OffPolicyReport
    do {
        report = try runReporting { try job.run(progress: ProgressBar()) }
    } catch let error as OffPolicyError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    }
    let written: [String]
    do {
        written = try OffPolicyOutput.write(report, to: URL(fileURLWithPath: out))
    } catch let error as OffPolicyError {
        writeToStandardError("error: \(error)\n")
        throw ExitCode.failure
    }
    if report.unitsExposedBeforeCutoff > 0 {
        writeToStandardError("warning: \(report.unitsExposedBeforeCutoff) units were first exposed before --cutoff; their features may include post-exposure events\n")
    }
    for warning in report.evaluation.warnings { writeToStandardError("warning: \(warning)\n") }
    for policy in report.evaluation.policies where policy.kind != .logged {
        let dr = policy.estimate(report.valueMetric, .doublyRobust)?.value
        let interval = dr?.lower == nil ? "" : " " + ReportNumberFormat.valueInterval(dr?.lower, dr?.upper)
        let text = dr?.estimate.map { ReportNumberFormat.value($0) + interval }
            ?? "undefined (\(dr?.undefinedReason ?? "no estimate"))"
        print("\(policy.name): \(report.valueMetric) DR \(text), treated \(ReportNumberFormat.percent(policy.treatedShare))")
    }
    print("Reports:")
    for path in written { print("  \(path)") }
}
