import Foundation

/// A Python interpreter with a given module importable (DuckDB, sqlglot, onnxruntime), found at
/// run time: `WORKBENCH_PYTHON`, then `.venv/bin/python` at the repository root, then
/// `/work/venv/bin/python` (this project's development machines), then `python3` on PATH.
struct PythonPeer: Sendable {
    let executable: String

    /// The repository root, from this file's location (Tests/WorkbenchTests/Support/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first candidate interpreter that can import `module`, or nil.
    static func finding(module: String) -> PythonPeer? {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["WORKBENCH_PYTHON"], !configured.isEmpty { candidates.append(configured) }
        candidates += [repositoryRoot.appendingPathComponent(".venv/bin/python").path, "/work/venv/bin/python", "python3"]
        for candidate in candidates {
            let peer = PythonPeer(executable: candidate)
            if let result = try? peer.run(script: "import \(module)", arguments: []), result.status == 0 { return peer }
        }
        return nil
    }

    static let duckdb = finding(module: "duckdb")
    static let sqlglot = finding(module: "sqlglot")
    static let duckdbWithSqlglot = finding(module: "duckdb, sqlglot")
    static let onnxruntime = finding(module: "onnxruntime, numpy")

    /// Runs `python -c script arguments...`; returns the exit status and standard error.
    func run(script: String, arguments: [String]) throws -> (status: Int32, standardError: String) {
        let result = try run(arguments: ["-c", script] + arguments)
        return (result.status, result.standardError)
    }

    /// Runs `python arguments...` (a bare name is looked up on PATH through `/usr/bin/env`);
    /// returns the exit status, standard output and standard error.
    func run(arguments: [String]) throws -> (status: Int32, standardOutput: Data, standardError: String) {
        let process = Process()
        if executable.contains("/") {
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
