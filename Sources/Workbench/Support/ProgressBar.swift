#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error, drawn only when standard error is a terminal
/// (so logs and CI output stay clean). Redraws at most ten times a second.
public final class ProgressBar: @unchecked Sendable {
    private let isTerminal: Bool
    private var lastDraw: Double = 0
    private let started: Double

    public init() {
        isTerminal = isatty(2) == 1
        started = ProgressBar.now()
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
    }

    /// Seconds since the bar was created.
    public var elapsed: Double { ProgressBar.now() - started }

    /// Draws `label` with `done` of `total` (bytes when `bytes` is true).
    public func update(label: String, done: Int, total: Int?, bytes: Bool = true) {
        guard isTerminal else { return }
        let now = ProgressBar.now()
        if now - lastDraw < 0.1 { return }
        lastDraw = now
        var line = "\r\u{1B}[2K\(label) "
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 30
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(Int(fraction * 100))% "
        }
        if bytes {
            let megabytes = Double(done) / 1e6
            line += "\(Int(megabytes)) MB, \(Int(megabytes / max(elapsed, 1e-9))) MB/s"
        } else {
            line += "\(done)"
        }
        writeToStandardError(line)
    }

    /// Clears the bar's line.
    public func finish() {
        guard isTerminal else { return }
        writeToStandardError("\r\u{1B}[2K")
    }
}

/// Writes text to file descriptor 2 directly (the C `stderr` global is not concurrency-safe).
public func writeToStandardError(_ text: String) {
    var copy = text
    copy.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
