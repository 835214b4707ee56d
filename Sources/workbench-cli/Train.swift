import ArgumentParser
import Foundation
import Workbench

extension ModelArtifact.ModelType: ExpressibleByArgument {}

extension WorkbenchCommand {
    /// `workbench train`: train, validate and publish a model version.
    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a gbdt or logistic model on a CSV and publish it as a new version in a registry.",
            discussion: """
                Holds out a stratified validation split (--validation-fraction, seeded), reports metrics and \
                chooses decision thresholds on it, and writes DIR/NAME/VERSION/ with model.json, manifest.json, \
                report.html, report.md and SHA256SUMS. Prints the version's path. The same data and seed give a \
                byte-identical model.json. See docs/artifact-format.md.
                """)

        @Option(help: "Training CSV with a header (.gz allowed).")
        var data: String

        @Option(help: "The 0/1 label column.")
        var target: String

        @Option(help: "gbdt (gradient-boosted trees) or logistic.")
        var model: ModelArtifact.ModelType = .gbdt

        @Option(help: "Model name: the registry folder (letters, digits, '.', '_', '-').")
        var name: String

        @OptionGroup var registryOptions: RegistryOptions

        @Option(help: ArgumentHelp("Categorical columns, comma-separated (text levels mapped to codes).", valueName: "COLUMNS"))
        var categorical: String?

        @Option(help: "Sample-weight column (finite, >= 0).")
        var weight: String?

        @Option(help: ArgumentHelp("Columns to leave out (e.g. unit_id), comma-separated.", valueName: "COLUMNS"))
        var ignore: String?

        @Option(help: ArgumentHelp("Feature columns to use, comma-separated (default: every column except target, weight and ignored).", valueName: "COLUMNS"))
        var features: String?

        @Option(help: "gbdt: boosting rounds.")
        var trees: Int = 100

        @Option(help: "gbdt: maximum leaves per tree.")
        var leaves: Int = 31

        @Option(help: "gbdt: learning rate (shrinkage), in (0, 1].")
        var learningRate: Double = 0.1

        @Option(help: "gbdt: value bins per feature, 2-255.")
        var maxBins: Int = 255

        @Option(help: "gbdt: minimum rows per leaf.")
        var minDataInLeaf: Int = 20

        @Option(name: .customLong("lambda-l2"), help: "gbdt: L2 penalty on leaf values.")
        var lambdaL2: Double = 0

        @Option(help: "gbdt: threads (0 = all processors; results do not depend on it).")
        var threads: Int = 0

        @Option(help: "Seed of the validation split and the learner.")
        var seed: UInt64 = 1

        @Option(help: "Share of rows held out for validation metrics and thresholds, in (0, 1).")
        var validationFraction: Double = 0.2

        @Option(help: "gbdt: stop after this many rounds without improvement on 10% of the training rows.")
        var earlyStoppingRounds: Int?

        @Option(name: .customLong("C"), help: "logistic: inverse L2 strength (larger = weaker); default: unpenalised, with standard errors.")
        var inverseRegularization: Double?

        @Option(help: "Threshold of the `fixed` decision policy.")
        var fixedThreshold: Double = 0.5

        @Option(help: ArgumentHelp("Rollout percentages for the `match_rollout` thresholds.", valueName: "PERCENTS"))
        var rolloutPercents: String = "1,5,10,20,50"

        @Option(help: "Share of validation units in the abstain band around the maximize_f1 threshold, in [0, 1).")
        var abstainShare: Double = 0.1

        func validate() throws {
            do { try makeConfiguration().validate() } catch let error as TrainingError { throw ValidationError(error.description) }
            if model == .logistic && (trees != 100 || leaves != 31 || earlyStoppingRounds != nil) {
                throw ValidationError("--trees, --leaves and --early-stopping-rounds apply to --model gbdt; remove them or train a gbdt.")
            }
            if model == .gbdt && inverseRegularization != nil {
                throw ValidationError("--C applies to --model logistic; use --lambda-l2 to regularise a gbdt.")
            }
        }

        func makeConfiguration() throws -> TrainingConfiguration {
            var configuration = TrainingConfiguration()
            configuration.modelType = model
            configuration.seed = seed
            configuration.validationFraction = validationFraction
            configuration.trees = trees
            configuration.leaves = leaves
            configuration.learningRate = learningRate
            configuration.maxBins = maxBins
            configuration.minDataInLeaf = minDataInLeaf
            configuration.lambdaL2 = lambdaL2
            configuration.threads = threads
            configuration.earlyStoppingRounds = earlyStoppingRounds
            configuration.inverseRegularization = inverseRegularization
            configuration.fixedThreshold = fixedThreshold
            configuration.abstainShare = abstainShare
            configuration.rolloutPercents = try commaSeparated(rolloutPercents).map { text in
                guard let value = Double(text) else {
                    throw ValidationError("--rollout-percents expects numbers such as 1,5,10,20,50; '\(text)' is not a number.")
                }
                return value
            }
            return configuration
        }

        func run() async throws {
            let configuration = try makeConfiguration()
            let options = TabularReadOptions(
                target: target, categorical: commaSeparated(categorical), weight: weight, ignored: commaSeparated(ignore),
                features: features.map { commaSeparated($0) })
            let onTerminal = isatty(2) == 1
            let started = ContinuousClock.now
            let result = try runReportingModelErrors {
                try TrainingPipeline.run(
                    dataPath: data, readOptions: options, configuration: configuration, name: name,
                    registry: ModelRegistry(root: registryOptions.registry)
                ) { status in
                    if onTerminal { writeToStandardError("\r\u{1B}[2Ktrain: \(status)...") }
                }
            }
            if onTerminal {
                let elapsed = started.duration(to: .now)
                writeToStandardError("\r\u{1B}[2Ktrain: done in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))\n")
            }
            let outcome = result.outcome
            if isatty(2) == 1, !outcome.validationLossHistory.isEmpty {
                // The learner has no per-round callback yet; show the recorded curve afterwards.
                let history = outcome.validationLossHistory
                let step = max(1, history.count / 10)
                let monitored = configuration.earlyStoppingRounds == nil ? "validation" : "early-stopping set"
                for round in stride(from: step - 1, to: history.count, by: step) {
                    writeToStandardError("  round \(round + 1)/\(history.count): \(monitored) logloss \(String(format: "%.5f", history[round]))\n")
                }
            }
            let metrics = outcome.metrics
            writeToStandardError(String(format: "validation: AUC %.4f  PR AUC %.4f  logloss %.4f  Brier %.4f  ECE %.4f (%d bins)\n",
                                        metrics.rocAUC, metrics.prAUC, metrics.logLoss, metrics.brierScore,
                                        metrics.expectedCalibrationError, metrics.calibrationBins))
            print(result.path)
        }
    }
}
