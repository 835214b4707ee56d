import Foundation

/// `workbench train` as a library call: read the CSV, train, publish a new version with its
/// manifest and reports.
public enum TrainingPipeline {
    /// The draft a training outcome publishes (reports rendered from the final manifest).
    public static func draft(name: String, dataPath: String, table: FeatureTable, outcome: TrainingOutcome) -> ModelDraft {
        let trainingData = ModelManifest.TrainingData(
            path: dataPath, sha256: table.fileSHA256, rows: table.rowCount, trainingRows: outcome.split.training.count,
            validationRows: outcome.split.validation.count,
            split: "stratified by label, seeded Fisher-Yates with SplitMix64(seed); validation = first round(fraction x class size) rows of each shuffled class")
        return ModelDraft(
            name: name, artifact: outcome.artifact, trainingData: trainingData, hyperparameters: outcome.hyperparameters,
            featureSchema: table.schema, validationMetrics: outcome.metrics, decisionPolicy: outcome.policy
        ) { manifest in
            let report = TrainingReport(manifest: manifest, outcome: outcome)
            return [("report.html", Data(report.html.utf8)), ("report.md", Data(report.markdown.utf8))]
        }
    }

    /// Reads `dataPath`, trains, and publishes the next version of `name` in `registry`.
    /// - Returns: the version number, its folder and the outcome.
    public static func run(
        dataPath: String, readOptions: TabularReadOptions, configuration: TrainingConfiguration, name: String,
        registry: ModelRegistry, progress: (String) -> Void = { _ in }
    ) throws -> (version: Int, path: String, outcome: TrainingOutcome) {
        try ModelRegistry.checkName(name)
        progress("reading \(dataPath)")
        let table = try TabularReader.readTraining(path: dataPath, options: readOptions)
        let outcome = try ModelTrainer.train(table, configuration: configuration, progress: progress)
        let published = try registry.publish(draft(name: name, dataPath: dataPath, table: table, outcome: outcome))
        return (published.version, published.path, outcome)
    }
}
