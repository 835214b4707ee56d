import Foundation

/// A Python interpreter with a given module importable (DuckDB, sqlglot), found at run time:
/// `WORKBENCH_PYTHON`, then `.venv/bin/python` at the repository root, then `python3` on PATH.
struct PythonPeer: Sendable {
    let executable: String

    /// The repository root, from this file's location (Tests/WorkbenchTests/SQL/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The first candidate interpreter that can import `module`, or nil.
    static func finding(module: String) -> PythonPeer? {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["WORKBENCH_PYTHON"], !configured.isEmpty { candidates.append(configured) }
        candidates.append(repositoryRoot.appendingPathComponent(".venv/bin/python").path)
        candidates.append("python3")
        for candidate in candidates {
            let peer = PythonPeer(executable: candidate)
            if let result = try? peer.run(script: "import \(module)", arguments: []), result.status == 0 { return peer }
        }
        return nil
    }

    static let duckdb = finding(module: "duckdb")
    static let sqlglot = finding(module: "sqlglot")
    static let duckdbWithSqlglot = finding(module: "duckdb, sqlglot")

    /// Runs `python -c script arguments...` (a bare name is looked up on PATH through
    /// `/usr/bin/env`); returns the exit status and standard error.
    func run(script: String, arguments: [String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-c", script] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable, "-c", script] + arguments
        }
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errorData = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
    }
}
