import Foundation

/// Scores an ONNX file with onnxruntime through Python, for the registry export tests.
///
/// Interpreter candidates, in order: `WORKBENCH_PYTHON`, the repository's `.venv/bin/python`,
/// `/work/venv/bin/python`, `python3` on the PATH; the first that can find `onnxruntime` and
/// `numpy` is used, and the tests are skipped when none can. The script is the one the Models
/// export tests use (`Tests/ModelsTests/Fixtures/export/check_onnx.py`): one script judges
/// nothing and prints onnxruntime's outputs as exact decimal strings.
enum ONNXRuntimePeer {
    /// A Python that can import onnxruntime and numpy, or nil.
    static let python = PythonPeer.onnxruntime

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs onnxruntime on `model` with `rows` (NaN allowed) and returns each graph output's
    /// values in row order, plus the onnxruntime version under `"onnxruntime"`.
    static func score(model: Data, rows: [[Double]], python: PythonPeer) throws -> (outputs: [String: [Double]], version: String, inputType: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelURL = folder.appendingPathComponent("model.onnx"), rowsURL = folder.appendingPathComponent("features.json")
        try model.write(to: modelURL)
        // Numbers as strings (Swift's shortest round-trip `description`), since JSON has no NaN.
        try JSONSerialization.data(withJSONObject: ["features": rows.map { $0.map(\.description) }]).write(to: rowsURL)
        let script = PythonPeer.repositoryRoot.appendingPathComponent("Tests/ModelsTests/Fixtures/export/check_onnx.py").path
        let result = try python.run(arguments: [script, modelURL.path, rowsURL.path])
        guard result.status == 0 else { throw Failure(description: "check_onnx.py exited with \(result.status): \(result.standardError)") }
        guard let object = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] else {
            throw Failure(description: "check_onnx.py printed no JSON object")
        }
        var outputs: [String: [Double]] = [:]
        for (name, value) in object {
            guard let cells = value as? [String] else { continue }
            let numbers = cells.compactMap(Double.init)
            if numbers.count == cells.count { outputs[name] = numbers }
        }
        return (outputs, object["onnxruntime"] as? String ?? "", object["input_type"] as? String ?? "")
    }
}
