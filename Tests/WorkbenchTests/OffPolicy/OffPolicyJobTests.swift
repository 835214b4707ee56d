import Foundation
import Testing
@testable import Workbench

extension ModelWorkbenchTests {
    /// End to end: a generated export with known truth, a logistic model trained in-process on
    /// `UnitFeatureBuilder` output and published to a temporary registry, then
    /// `OffPolicyJob` as `workbench simulate --target-model` runs it.
    @Suite("Off-policy evaluation of a generated export")
    struct OffPolicyJobTests {
        static func parameters() -> GeneratorParameters {
            var parameters = GeneratorParameters()
            parameters.units = 3_000
            parameters.seed = 3
            parameters.weights = [0.7, 0.3]
            parameters.effects = [TreatmentEffect(variant: "on", conversionLift: 0.5, revenueLift: 0.3, errorRateChange: 0.5)]
            return parameters
        }

        /// Generates the export, trains and publishes a logistic model; returns the folder and the model.
        static func setUp() throws -> (folder: URL, model: LoadedModel, truth: GroundTruth) {
            let folder = try makeTemporaryFolder("offpolicy")
            let generator = try ExportGenerator(parameters: parameters())
            let summary = try generator.write(to: folder)
            let events = folder.appendingPathComponent(ExportGenerator.eventsFileName).path
            // Train on features before the enrolment start, label: a purchase in the next 14 days.
            let features = try UnitFeatureBuilder.build(
                path: events, options: UnitFeatureOptions(cutoff: try #require(CutoffTime.parse("2026-01-05")), labelEvent: "purchase", labelDays: 14))
            let names = Array(features.columns.dropFirst().dropLast())
            var values = [Double](repeating: 0, count: features.units.count * names.count)
            for (row, featureRow) in features.features.enumerated() {
                for column in names.indices { values[column * features.units.count + row] = featureRow[column] }
            }
            let table = FeatureTable(schema: FeatureSchema(features: names.map { FeatureColumn(name: $0, type: .numeric) }, target: "label"),
                                     rowCount: features.units.count, values: values, labels: features.labels.map(Double.init))
            var configuration = TrainingConfiguration()
            configuration.modelType = .logistic
            let outcome = try ModelTrainer.train(table, configuration: configuration)
            let registry = ModelRegistry(root: folder.appendingPathComponent("registry").path)
            _ = try registry.publish(TrainingPipeline.draft(name: "buyers", dataPath: events, table: table, outcome: outcome))
            return (folder, try registry.load(ModelReference(parsing: "buyers@1")), generator.groundTruth(realized: summary))
        }

        static func job(folder: URL, model: LoadedModel) throws -> OffPolicyJob {
            let spec = try #require(try ExperimentSpec.parse(yaml: ExperimentSpecTemplate.yaml(for: parameters()), file: "spec.yaml").first)
            var settings = OffPolicySettings(thresholds: [0.1])
            settings.replicates = 50
            var job = OffPolicyJob(
                spec: spec,
                source: .twoFiles(exposures: folder.appendingPathComponent(ExportGenerator.exposuresFileName).path,
                                  events: folder.appendingPathComponent(ExportGenerator.eventsFileName).path),
                readOptions: ReadOptions(), model: model, settings: settings)
            job.sweepCount = 3
            return job
        }

        @Test("Units, cutoff, propensities and baseline values agree with the export and its truth")
        func endToEnd() throws {
            let (folder, model, truth) = try Self.setUp()
            defer { try? FileManager.default.removeItem(at: folder) }
            let report = try Self.job(folder: folder, model: model).run()
            let evaluation = report.evaluation

            // Units and exclusions, counted independently from the CSV.
            let exposures = try String(contentsOfFile: folder.appendingPathComponent(ExportGenerator.exposuresFileName).path, encoding: .utf8)
            var variants: [String: Set<String>] = [:]
            var firstTime: [String: String] = [:]
            for line in exposures.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",").map(String.init)
                variants[fields[1], default: []].insert(fields[3])
                if firstTime[fields[1]].map({ fields[0] < $0 }) ?? true { firstTime[fields[1]] = fields[0] }
            }
            let single = variants.filter { $0.value.count == 1 }
            #expect(report.unitsExcludedSeveralVariants == variants.count - single.count)
            #expect(report.unitsExcludedSeveralVariants > 0)
            #expect(evaluation.units == single.count)
            #expect(evaluation.treatmentUnits == single.filter { $0.value.first == "on" }.count)
            #expect(evaluation.otherUnits == 0)

            // The cutoff is the earliest exposure; units without history have no event before it.
            let earliest = try #require(firstTime.values.min())
            #expect(report.cutoff.hasPrefix(String(earliest.dropLast())))
            #expect(report.cutoffSource == "earliest exposure" && report.unitsExposedBeforeCutoff == 0)
            let events = try String(contentsOfFile: folder.appendingPathComponent(ExportGenerator.eventsFileName).path, encoding: .utf8)
            var withHistory = Set<String>()
            for line in events.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                if String(fields[0]) < earliest { withHistory.insert(String(fields[1])) }
            }
            #expect(report.unitsWithoutHistory == single.keys.filter { !withHistory.contains($0) }.count)
            #expect(report.unitsWithoutHistory > 0)
            #expect(report.model.features == model.artifact.features.map(\.name))

            // A constant 30% rollout: one estimated share.
            #expect(report.propensityMethod.contains("constant"))
            #expect(evaluation.propensityStrata.count == 1)
            #expect(abs(evaluation.propensityStrata[0].treatmentPropensity - 0.3) < 0.03)

            // Metrics: the value metric first, the quantile metric skipped.
            #expect(report.valueMetric == "conversion" && evaluation.metrics.first?.name == "conversion")
            #expect(report.skippedMetrics.map(\.name) == ["latency_p95"])
            #expect(evaluation.metrics.first { $0.name == "error_rate" }?.isGuardrail == true)

            // The baselines recover the generator's true per-variant values.
            let control = try #require(truth.variantMetrics.first { $0.variant == "off" })
            let treated = try #require(truth.variantMetrics.first { $0.variant == "on" })
            let allControl = try #require(evaluation.policy(.allControl))
            let allTreatment = try #require(evaluation.policy(.allTreatment))
            for estimator in OffPolicyEstimator.offPolicy {
                OffPolicyGroundTruthTests.expectNear(allControl.estimate("conversion", estimator)?.value, control.conversionRate, "control conversion \(estimator)")
                OffPolicyGroundTruthTests.expectNear(allTreatment.estimate("conversion", estimator)?.value, treated.conversionRate, "treatment conversion \(estimator)")
                OffPolicyGroundTruthTests.expectNear(allControl.estimate("error_rate", estimator)?.value, control.errorRate, "control error rate \(estimator)")
                OffPolicyGroundTruthTests.expectNear(allTreatment.estimate("error_rate", estimator)?.value, treated.errorRate, "treatment error rate \(estimator)")
                OffPolicyGroundTruthTests.expectNear(allTreatment.estimate("conversion", estimator)?.differenceFromAllControl,
                                                     treated.conversionRate - control.conversionRate, "conversion lift \(estimator)")
            }

            // The logged policy's observed values are the analysis pipeline's pooled means.
            let analysis = try #require(try AnalyzeJob(specs: [Self.job(folder: folder, model: model).spec], options: ReadOptions())
                .run(source: Self.job(folder: folder, model: model).source).first)
            for name in ["conversion", "revenue"] {
                let metric = try #require(analysis.metrics.first { $0.name == name })
                let pooled = metric.variants.reduce(0.0) { $0 + Double($1.units) * ($1.mean ?? .nan) } / Double(metric.variants.reduce(0) { $0 + $1.units })
                expectClose(try #require(evaluation.policy(.logged)?.estimate(name, .observed)?.value.estimate), pooled,
                            relativeTolerance: 1e-12, "\(name) logged vs analyze")
            }

            // The sweep: 3 thresholds at score quantiles, treated shares about 3/4, 1/2, 1/4.
            #expect(evaluation.sweep.count == 3)
            for (index, policy) in evaluation.sweep.enumerated() {
                #expect(abs(policy.treatedShare - Double(3 - index) / 4) < 0.02, "sweep \(index): \(policy.treatedShare)")
            }

            // Files: JSON (no NaN possible) and Markdown.
            let written = try OffPolicyOutput.write(report, to: folder.appendingPathComponent("out"))
            #expect(written.count == 3)
            let decoded = try JSONDecoder().decode(OffPolicyReport.self, from: Data(contentsOf: URL(fileURLWithPath: written[0])))
            #expect(decoded == report)
            let markdown = report.markdown
            for heading in ["## Value metric: conversion", "## Guardrail: error\\_rate", "## Threshold sweep (DR)", "## Support by score decile", "## Propensities"] {
                #expect(markdown.contains(heading), "missing \(heading)")
            }
            #expect(!markdown.contains("nan"))
        }

        @Test("A model needing a feature the builder cannot produce is refused, naming it")
        func refusesUnknownFeature() throws {
            let (folder, model, _) = try Self.setUp()
            defer { try? FileManager.default.removeItem(at: folder) }
            var broken = model
            broken.artifact.features[1] = FeatureColumn(name: "income", type: .numeric)
            do {
                _ = try Self.job(folder: folder, model: broken).run()
                Issue.record("the job must refuse the model")
            } catch let error as OffPolicyError {
                #expect(error.message.contains("\"income\""))
            }
            var job = try Self.job(folder: folder, model: model)
            job.treatmentVariant = "blue"
            #expect(throws: OffPolicyError.self) { _ = try job.run() }
        }

        @Test("A 0% rollout (only control logged) gives the no-support report, not an error or NaN")
        func zeroPercentRollout() throws {
            let (folder, model, _) = try Self.setUp()
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent(ExportGenerator.exposuresFileName).path
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let controlOnly = ([lines[0]] + lines.dropFirst().filter { $0.split(separator: ",")[3] == "off" }).joined(separator: "\n") + "\n"
            try Data(controlOnly.utf8).write(to: URL(fileURLWithPath: path))
            var job = try Self.job(folder: folder, model: model)
            job.sweepCount = 0
            #expect(throws: OffPolicyError.self) { _ = try job.run() }  // which variant? it must be named
            job.treatmentVariant = "on"
            let report = try job.run()
            #expect(report.evaluation.treatmentUnits == 0)
            let threshold = try #require(report.evaluation.policy(.threshold, threshold: 0.1))
            #expect(threshold.supportCoverage < 1)
            for estimator in OffPolicyEstimator.offPolicy {
                #expect(threshold.estimate("conversion", estimator)?.value.estimate == nil)
                #expect(threshold.estimate("conversion", estimator)?.value.undefinedReason != nil)
            }
            #expect(report.evaluation.policy(.allControl)?.estimate("conversion", .doublyRobust)?.value.estimate != nil)
            #expect(report.evaluation.warnings.contains { $0.contains("logging propensity 0") })
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            #expect(!json.lowercased().contains("nan"))
        }

        @Test("Propensity choices and a later cutoff reach the report")
        func options() throws {
            let (folder, model, _) = try Self.setUp()
            defer { try? FileManager.default.removeItem(at: folder) }
            var job = try Self.job(folder: folder, model: model)
            job.settings.replicates = 0
            job.sweepCount = 0
            job.propensity = .estimatedDaily
            let daily = try job.run()
            #expect(daily.evaluation.propensityStrata.count == Self.parameters().enrolmentDays)
            #expect(daily.evaluation.propensityStrata.map(\.units).reduce(0, +) == daily.evaluation.units)
            #expect(daily.evaluation.propensityStrata.allSatisfy { $0.treatmentShareLower != nil })
            #expect(daily.propensityMethod.hasPrefix("estimated per UTC day"))

            job.propensity = .treatmentShare(0.5)
            let known = try job.run()
            #expect(known.evaluation.propensitySource == "known")
            #expect(known.evaluation.propensityStrata.first?.treatmentPropensity == 0.5)
            #expect(known.evaluation.warnings.contains { $0.contains("far from the given share 0.5") })

            // A cutoff three days after the first exposure: units exposed before it are counted
            // and the report warns that their features may include post-exposure events.
            job.propensity = .estimatedConstant
            let start = try #require(CutoffTime.parse(String(daily.cutoff)))
            job.cutoff = start + 3 * 86_400_000
            let late = try job.run()
            #expect(late.cutoffSource == "--cutoff" && late.unitsExposedBeforeCutoff > 0)
            #expect(late.unitsWithoutHistory < daily.unitsWithoutHistory)
            #expect(late.markdown.contains("first exposed before the feature cutoff"))
        }
    }
}
