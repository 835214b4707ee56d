import Foundation
import Testing
@testable import Workbench

/// Ingest streams: reading 1e7 rows must not grow memory with the number of rows.
@Suite(.serialized) struct BoundedMemoryTests {
    @Test func tenMillionRowsReadInBoundedMemory() throws {
        let rows = 10_000_000
        let rowsPerBlock = 20_000
        // A block of 20k rows over 1,000 units, written 500 times: a 450 MB export.
        var block = ""
        for row in 0..<rowsPerBlock {
            let second = row % 86_400
            block += "2026-01-05T\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60))Z,u\(100_000 + row % 1000),"
            block += row % 3 == 0 ? "purchase,\(row % 97).5\n" : "request,\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("timestamp,unit_id,event,value\n".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        let blockData = Data(block.utf8)
        for _ in 0..<(rows / rowsPerBlock) { try handle.write(contentsOf: blockData) }
        try handle.close()

        // Run the real executable in a child process so that its peak resident memory is its
        // own (tests in this process run in parallel and would blur an in-process figure).
        let exposures = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-exposures-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: exposures) }
        try Data("timestamp,unit_id,experiment,variant\n2026-01-05T00:00:00Z,u100000,exp,on\n".utf8).write(to: exposures)
        let executable = try Self.workbenchExecutable()
        let process = Process()
        process.executableURL = executable
        process.arguments = ["inspect", "--exposures", exposures.path, "--events", url.path]
        // Output to a file, not a pipe, so the child never blocks while we poll its memory.
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-report-\(getpid()).md")
        defer { try? FileManager.default.removeItem(at: report) }
        _ = FileManager.default.createFile(atPath: report.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: report)
        try process.run()
        // The child's own peak: VmHWM of its address space, polled while it runs (monotone, so
        // the last reading is the peak up to the last 20 ms). getrusage(RUSAGE_CHILDREN) is not
        // usable: a child started with posix_spawn (vfork) inherits this test process's own
        // high-water mark at exec, so its ru_maxrss reflects whatever other tests allocated here.
        var peakKilobytes = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
               status.contains("Name:\tworkbench"),  // after exec; before it the memory is still ours
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kilobytes = Int(line.filter(\.isNumber)) {
                peakKilobytes = max(peakKilobytes, kilobytes)
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let text = String(decoding: (try? Data(contentsOf: report)) ?? Data(), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(peakKilobytes > 0, "no memory reading of the child")
        let peakMegabytes = peakKilobytes / 1024
        #expect(text.contains("| \(url.path) | \(rows) | \(rows) | 0 |"), "rows read and delivered: \(text.prefix(600))")
        #expect(text.contains("| purchase | 3333500 |"))
        // The file is 450 MB; the reader needs its 4 MiB buffer, the 1,000-unit vocabulary
        // and the runtime. A reader that kept rows would need gigabytes.
        #expect(peakMegabytes < 64, "peak resident memory \(peakMegabytes) MB while reading \(rows) rows")
    }

    /// The `workbench` executable built next to this test bundle.
    static func workbenchExecutable() throws -> URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("workbench")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: bundle.appendingPathComponent("workbench").path])
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
