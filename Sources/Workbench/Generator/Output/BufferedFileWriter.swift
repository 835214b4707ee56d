import Glibc  // open/write/close: the project targets Linux (Debian)

/// Writes bytes to a file through a large in-memory buffer and the `write(2)` system call.
///
/// Rows are formatted straight into the buffer (no `String`, no `Data`), and the buffer is
/// handed to the kernel in 4 MiB blocks; at that size the system call cost is negligible and
/// the generator's throughput is bound by sampling and formatting. A class because it owns a
/// file descriptor and a buffer (real identity); not shared across threads.
final class BufferedFileWriter {
    let path: String
    private var descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    /// Bytes already handed to the kernel.
    private var flushedBytes: Int64 = 0
    /// Bytes handed to the kernel plus bytes still buffered.
    var bytesWritten: Int64 { flushedBytes + Int64(count) }

    /// Creates or truncates the file at `path`.
    ///
    /// - Throws: ``GeneratorError/cannotWrite(path:reason:)`` with the system's reason.
    init(path: String, capacity: Int = 4 << 20) throws {
        precondition(capacity >= 4096, "writer buffer must hold at least 4096 bytes, got \(capacity)")
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw GeneratorError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        self.capacity = capacity
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        buffer.deallocate()
    }

    /// Makes room for `byteCount` more bytes, flushing when needed. Call once per row with a
    /// bound on the row's length, then use the non-throwing appends.
    @inline(__always)
    func reserve(_ byteCount: Int) throws {
        precondition(byteCount <= capacity, "row bound \(byteCount) exceeds the writer buffer \(capacity)")
        if count + byteCount > capacity { try flush() }
    }

    /// Appends one byte; space must have been reserved.
    @inline(__always)
    func append(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// Appends bytes; space must have been reserved.
    @inline(__always)
    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            (buffer + count).update(from: base, count: source.count)
        }
        count += bytes.count
    }

    /// Appends a string's UTF-8 bytes, reserving space itself (for headers and small files).
    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let chunk = min(capacity, bytes.count - offset)
            try reserve(chunk)
            append(Array(bytes[offset..<offset + chunk]))
            offset += chunk
        }
    }

    /// Appends `value` as a zero-padded decimal of at least `width` digits. Space reserved.
    @inline(__always)
    func appendDigits(_ value: UInt64, width: Int) {
        var digits = 1
        var limit: UInt64 = 10
        while digits < 20 && value >= limit {
            digits += 1
            limit = limit &* 10
        }
        let length = max(digits, width)
        var remaining = value
        var position = count + length - 1
        while position >= count {
            buffer[position] = UInt8(ascii: "0") &+ UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
        count += length
    }

    /// Appends `HH:MM:SSZ` for a second of the day (0 ..< 86400). Space reserved.
    @inline(__always)
    func appendTimeOfDay(_ secondOfDay: Int) {
        let hours = secondOfDay / 3600
        let minutes = secondOfDay / 60 % 60
        let seconds = secondOfDay % 60
        buffer[count] = UInt8(ascii: "0") &+ UInt8(hours / 10)
        buffer[count + 1] = UInt8(ascii: "0") &+ UInt8(hours % 10)
        buffer[count + 2] = UInt8(ascii: ":")
        buffer[count + 3] = UInt8(ascii: "0") &+ UInt8(minutes / 10)
        buffer[count + 4] = UInt8(ascii: "0") &+ UInt8(minutes % 10)
        buffer[count + 5] = UInt8(ascii: ":")
        buffer[count + 6] = UInt8(ascii: "0") &+ UInt8(seconds / 10)
        buffer[count + 7] = UInt8(ascii: "0") &+ UInt8(seconds % 10)
        buffer[count + 8] = UInt8(ascii: "Z")
        count += 9
    }

    /// Appends a non-negative value rounded half away from zero to `decimals` (1 ... 6)
    /// decimals, e.g. 143.25 with 1 -> `143.3`; written by hand so no locale can interfere.
    ///
    /// - Precondition: the value is finite, >= 0 and below 1e12.
    @inline(__always)
    func appendFixedPoint(_ value: Double, decimals: Int) {
        precondition(value >= 0 && value < 1e12, "fixed-point value \(value) is outside [0, 1e12)")
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale &*= 10 }
        let scaled = UInt64((value * Double(scale)).rounded(.toNearestOrAwayFromZero))
        appendDigits(scaled / scale, width: 1)
        append(UInt8(ascii: "."))
        appendDigits(scaled % scale, width: decimals)
    }

    /// Hands buffered bytes to the kernel, retrying short writes and interrupts.
    ///
    /// - Throws: ``GeneratorError/cannotWrite(path:reason:)`` when the disk refuses them.
    func flush() throws {
        var offset = 0
        while offset < count {
            let written = Glibc.write(descriptor, buffer + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw GeneratorError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        flushedBytes += Int64(count)
        count = 0
    }

    /// Flushes and closes the file; the writer must not be used afterwards.
    func close() throws {
        try flush()
        let result = Glibc.close(descriptor)
        descriptor = -1
        if result != 0 {
            throw GeneratorError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
