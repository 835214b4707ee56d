import Foundation
import Models

/// GBDT training and prediction jobs, with the settings every peer uses.
enum GradientBoostingJobs {
    /// Trains 100 trees of 31 leaves (lr 0.1, 255 bins) on `train`, writes the model as JSON
    /// and the test-set probabilities (for the harness's AUC), and reports the training time.
    ///
    /// The timed part is what the peers' timed part does: building the dataset (checks,
    /// binning happens inside `fit`) and boosting; reading the files is not timed.
    static func train(_ arguments: Arguments) throws(BenchmarkError) {
        let folder = try arguments.string("data")
        let threads = try arguments.integer("threads", default: 2)
        let train = try TabularData(folder: folder, name: "train")
        let test = try TabularData(folder: folder, name: "test")

        var parameters = GradientBoostingParameters()
        parameters.objective = .binaryLogloss
        parameters.numberOfTrees = try arguments.integer("trees", default: 100)
        parameters.numLeaves = 31
        parameters.learningRate = 0.1
        parameters.maxBins = 255
        parameters.threadCount = threads
        let trainer = GradientBoostingTrainer(parameters: parameters)
        let (model, seconds) = try measureSeconds { () throws(BenchmarkError) -> GradientBoostingModel in
            do {
                let dataset = try GradientBoostingDataset(columnMajorValues: train.values, rowCount: train.rows, labels: train.labels)
                return try trainer.fit(dataset)
            } catch { throw .failed("GBDT training: \(error)") }
        }

        let predictions: [Double]
        do { predictions = try model.predictions(columnMajor: test.values, rowCount: test.rows, threadCount: threads) }
        catch { throw .failed("GBDT prediction: \(error)") }
        try TabularData.writeDoubles(predictions, path: try arguments.string("predictions"))
        let encoder = JSONEncoder()
        guard let json = try? encoder.encode(model) else { throw .failed("cannot encode the model as JSON") }
        let modelPath = try arguments.string("model")
        guard FileManager.default.createFile(atPath: modelPath, contents: json) else { throw .failed("cannot write \(modelPath)") }
        try printResult([
            "seconds": seconds, "trees": model.trees.count, "rows": train.rows, "features": train.features, "threads": threads,
        ])
    }

    /// Predicts the test set with a saved model `repeats` times and reports the median time.
    /// Writes the trained model as ONNX (`ONNXExporter`, double precision: float64 input, exact
    /// branch decisions), for the onnxruntime prediction peer.
    static func exportONNX(_ arguments: Arguments) throws(BenchmarkError) {
        let modelPath = try arguments.string("model")
        guard let json = FileManager.default.contents(atPath: modelPath) else {
            throw .badData("cannot read \(modelPath); run the gbdt-train job first")
        }
        let model: GradientBoostingModel
        do { model = try JSONDecoder().decode(GradientBoostingModel.self, from: json) }
        catch { throw .badData("\(modelPath) is not a GradientBoostingModel: \(error)") }
        let output = try arguments.string("out")
        do { try ONNXExporter.export(model).write(to: URL(fileURLWithPath: output)) }
        catch { throw .failed("ONNX export: \(error)") }
        try printResult(["onnx": output])
    }

    static func predict(_ arguments: Arguments) throws(BenchmarkError) {
        let folder = try arguments.string("data")
        let threads = try arguments.integer("threads", default: 2)
        let repeats = try arguments.integer("repeats", default: 5)
        guard repeats >= 1 else { throw .usage("--repeats must be at least 1") }
        let modelPath = try arguments.string("model")
        guard let json = FileManager.default.contents(atPath: modelPath) else {
            throw .badData("cannot read \(modelPath); run the gbdt-train job first")
        }
        let model: GradientBoostingModel
        do { model = try JSONDecoder().decode(GradientBoostingModel.self, from: json) }
        catch { throw .badData("\(modelPath) is not a GradientBoostingModel: \(error)") }
        let test = try TabularData(folder: folder, name: "test")

        var times: [Double] = []
        var predictions: [Double] = []
        for _ in 0..<repeats {
            let (result, seconds) = try measureSeconds { () throws(BenchmarkError) -> [Double] in
                do { return try model.predictions(columnMajor: test.values, rowCount: test.rows, threadCount: threads) }
                catch { throw .failed("GBDT prediction: \(error)") }
            }
            predictions = result
            times.append(seconds)
        }
        try TabularData.writeDoubles(predictions, path: try arguments.string("predictions"))
        try printResult([
            "seconds": median(times), "all_seconds": times, "rows": test.rows, "trees": model.trees.count, "threads": threads,
            "rows_per_second": Double(test.rows) / median(times),
        ])
    }
}
