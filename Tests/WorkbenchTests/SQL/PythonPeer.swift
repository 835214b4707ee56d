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

    /// Runs `python -c script arguments...`; returns the exit status and standard error.
    ///
    /// Python runs detached (in a background subshell that outlives the `sh` this process
    /// waits for), so that no process of ours ever waits for it: `BoundedMemoryTests` measures
    /// the peak memory of its child with `getrusage(RUSAGE_CHILDREN)`, which would otherwise
    /// include DuckDB's ~170 MB whenever the suites run concurrently. Completion is seen as
    /// end-of-file on a pipe the subshell holds open until Python has exited.
    func run(script: String, arguments: [String]) throws -> (status: Int32, standardError: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("workbench-python-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: base + ".err")
            try? FileManager.default.removeItem(atPath: base + ".status")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "( \"$@\" >/dev/null 2>\"$0.err\" </dev/null; echo $? >\"$0.status\" ) &", base, executable, "-c", script]
            + arguments
        let done = Pipe()
        process.standardOutput = done
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        _ = done.fileHandleForReading.readDataToEndOfFile()
        let statusText = (try? String(contentsOfFile: base + ".status", encoding: .utf8)) ?? ""
        let standardError = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
        return (Int32(statusText.filter(\.isNumber)) ?? -1, standardError)
    }
}
