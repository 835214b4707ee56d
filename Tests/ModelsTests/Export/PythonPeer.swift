import Foundation

/// Runs the committed Python check scripts when a Python with the needed package exists.
///
/// Candidates, in order: `WORKBENCH_PYTHON` (set by `.ci/run` to the venv it builds), the
/// repository's `.venv/bin/python`, `/work/venv/bin/python` (a developer's peer environment),
/// then `python3` on the PATH. A candidate counts only if it can find `<module>` (checked once per
/// module at run time with `importlib.util.find_spec`, which does not pay for importing it),
/// so machines without the peers skip those tests instead of failing.
enum PythonPeer {
    /// A Python that can import onnxruntime, or nil.
    static let onnxruntime: String? = interpreter(importing: "onnxruntime")
    /// A Python that can import lightgbm, or nil.
    static let lightgbm: String? = interpreter(importing: "lightgbm")

    static func interpreter(importing module: String) -> String? {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["WORKBENCH_PYTHON"], !configured.isEmpty { candidates.append(configured) }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
        candidates += [repository.appendingPathComponent(".venv/bin/python").path, "/work/venv/bin/python", "python3"]
        for candidate in candidates {
            let probe = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('\(module)') and importlib.util.find_spec('numpy') else 1)"
            if let result = try? run(candidate, ["-c", probe]), result.status == 0 { return candidate }
        }
        return nil
    }

    /// Runs `python script arguments...` with the script taken from `Fixtures/export/`;
    /// returns the parsed JSON object printed on stdout.
    static func runScript(_ python: String, script: String, arguments: [String]) throws -> [String: Any] {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("Fixtures/export") else { throw CocoaError(.fileNoSuchFile) }
        let result = try run(python, [base.appendingPathComponent(script).path] + arguments)
        guard result.status == 0 else {
            throw PeerFailure(message: "\(script) exited with \(result.status): \(result.standardError)")
        }
        guard let object = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] else {
            throw PeerFailure(message: "\(script) printed no JSON object")
        }
        return object
    }

    struct PeerFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, standardOutput: Data, standardError: String) {
        let process = Process()
        if executable.hasPrefix("/") {
            guard FileManager.default.isExecutableFile(atPath: executable) else { throw CocoaError(.fileNoSuchFile) }
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
        let standardError = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, standardOutput, String(decoding: standardError, as: UTF8.self))
    }
}

/// A fresh temporary folder, removed by the caller with `removeItem`.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
