#if canImport(Glibc)
import Glibc
#endif

/// A streaming RFC 4180 CSV scanner that delivers rows as byte slices.
///
/// Hand-written because no maintained Swift CSV library streams a gigabyte at memory speed:
/// the general ones build a `String` per field. This one reads 4 MiB chunks into one buffer,
/// finds line ends with `memchr` (vectorised in glibc) and splits unquoted lines with a byte
/// loop; only lines that contain a quote take the full state machine (quoted commas, quoted
/// newlines, doubled quotes, un-doubled in place). CRLF and LF endings are both accepted.
/// Memory: the buffer grows only to hold the longest record. Measured on this machine at
/// about 1.5 GB/s of splitting on one core, far above the typed conversion that follows.
struct CSVScanner {
    /// What one call to `nextRow()` produced.
    enum Row {
        /// A row whose fields are in `fields[0..<count]`; `line` is its first physical line.
        case fields(line: Int, count: Int)
        /// A record the scanner could not split; the reader skips or stops per policy.
        case malformed(IngestError)
    }

    let path: String
    private var source: any ByteChunkSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var sourceEnded = false
    /// Position of the next `"` at or after `start`, or `end` when none is buffered: lets the
    /// common unquoted line skip the quote-aware path with a single comparison.
    private var nextQuote = -1
    /// Physical line number (1-based) of the byte at `start`.
    private var line = 1
    /// The current row's fields; valid until the next call.
    private(set) var fields: UnsafeMutableBufferPointer<FieldSlice>
    /// Whether the last row delivered ended with a line break (false only for a final row
    /// cut off without a newline, which the reader uses to call a short row "truncated").
    private(set) var lastRowEndedWithNewline = true

    init(source: any ByteChunkSource, path: String, chunkSize: Int = 4 << 20) {
        self.source = source
        self.path = path
        capacity = chunkSize
        buffer = .allocate(capacity: chunkSize)
        fields = .allocate(capacity: 64)
    }

    /// Frees the buffers and closes the source. Call once, when done.
    mutating func close() {
        buffer.deallocate()
        fields.deallocate()
        source.close()
    }

    /// Bytes consumed from the file so far (compressed bytes for gzip).
    var bytesConsumed: Int { source.bytesConsumed }

    /// Reads the next row, or returns `nil` at the end of the file. Blank lines are skipped.
    /// Throws only for file-level failures (unreadable, corrupt gzip).
    mutating func nextRow() throws -> Row? {
        while true {
            if start >= end {
                if sourceEnded { return nil }
                try refill()
                continue
            }
            // Locate the end of the current line.
            let remaining = end - start
            guard let newlinePointer = memchr(buffer + start, 0x0A, remaining) else {
                if !sourceEnded {
                    try refill()
                    continue
                }
                // The final line has no line break.
                return try splitRecord(recordEnd: end, nextStart: end, endsWithNewline: false)
            }
            let lineEnd = UnsafePointer<UInt8>(newlinePointer.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(buffer)
            if lineEnd == start || (lineEnd == start + 1 && buffer[start] == 0x0D) {
                start = lineEnd + 1  // blank line
                line += 1
                continue
            }
            if nextQuote < start { updateNextQuote() }
            if nextQuote >= lineEnd {
                return splitUnquoted(lineEnd: lineEnd)
            }
            return try splitQuotedRecord()
        }
    }

    private mutating func updateNextQuote() {
        if let pointer = memchr(buffer + start, 0x22, end - start) {
            nextQuote = UnsafePointer<UInt8>(pointer.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(buffer)
        } else {
            nextQuote = end
        }
    }

    /// Splits `[start, lineEnd)` at commas: the fast path, no quotes on the line.
    private mutating func splitUnquoted(lineEnd: Int) -> Row {
        var contentEnd = lineEnd
        if contentEnd > start && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        var count = 0
        var fieldStart = start
        var position = start
        // Hot loop, eight bytes at a time (SWAR): mark the bytes equal to ',' exactly (no
        // false positives: the high bit of each byte is handled apart from the carry of the
        // low seven), then visit the marks lowest first. About 3x fewer operations than one
        // compare per byte on this workload's 45-byte lines. Byte
        // offsets come from trailing zeros: little-endian loads, as on every Swift Linux target.
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let commas: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
        while position + 8 <= contentEnd {
            let word = UnsafeRawPointer(buffer + position).loadUnaligned(as: UInt64.self) ^ commas
            var marks = ~(((word & low7) &+ low7) | word | low7)
            while marks != 0 {
                let comma = position + marks.trailingZeroBitCount >> 3
                appendField(&count, from: fieldStart, to: comma)
                fieldStart = comma + 1
                marks &= marks &- 1
            }
            position += 8
        }
        while position < contentEnd {
            if buffer[position] == 0x2C {
                appendField(&count, from: fieldStart, to: position)
                fieldStart = position + 1
            }
            position += 1
        }
        appendField(&count, from: fieldStart, to: contentEnd)
        let rowLine = line
        start = lineEnd + 1
        line += 1
        lastRowEndedWithNewline = true
        return .fields(line: rowLine, count: count)
    }

    @inline(__always)
    private mutating func appendField(_ count: inout Int, from: Int, to: Int) {
        if count == fields.count { growFields() }
        fields[count] = FieldSlice(start: UnsafePointer(buffer + from), count: to - from)
        count += 1
    }

    private mutating func growFields() {
        let larger = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: fields.count * 2)
        _ = larger.initialize(from: fields)
        fields.deallocate()
        fields = larger
    }

    /// The quote-aware path: finds where the record ends (a newline outside quotes), pulling in
    /// more data when a quoted field spans the buffer's end, then splits it.
    private mutating func splitQuotedRecord() throws -> Row {
        while true {
            var inQuotes = false
            var position = start
            var recordEnd = -1
            while position < end {
                let byte = buffer[position]
                if byte == 0x22 {
                    inQuotes.toggle()
                } else if byte == 0x0A && !inQuotes {
                    recordEnd = position
                    break
                }
                position += 1
            }
            if recordEnd >= 0 {
                return try splitRecord(recordEnd: recordEnd, nextStart: recordEnd + 1, endsWithNewline: true)
            }
            if sourceEnded {
                if inQuotes {
                    let error = IngestError(
                        file: path, line: line, column: nil, kind: .unclosedQuote,
                        detail: "a quoted field opened on this line is never closed before the end of the file",
                        hint: "close the quote (a literal quote inside a quoted field is written twice: \"\")")
                    start = end
                    return .malformed(error)
                }
                return try splitRecord(recordEnd: end, nextStart: end, endsWithNewline: false)
            }
            try refill()
        }
    }

    /// Splits the record in `[start, recordEnd)`, honouring quotes; un-doubles quotes in place.
    private mutating func splitRecord(recordEnd: Int, nextStart: Int, endsWithNewline: Bool) throws -> Row {
        var contentEnd = recordEnd
        if contentEnd > start && buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        let rowLine = line
        var count = 0
        var position = start
        var newlines = 0
        var problem: IngestError?
        fieldLoop: while true {
            if position < contentEnd && buffer[position] == 0x22 {
                // Quoted field: copy bytes down over the quotes as we go.
                position += 1
                let fieldStart = position
                var write = position
                while true {
                    if position >= contentEnd {
                        problem = IngestError(file: path, line: rowLine, column: count + 1, kind: .unclosedQuote,
                                              detail: "quoted field is not closed before the end of the record",
                                              hint: "close the quote; a literal quote inside quotes is written \"\"")
                        break fieldLoop
                    }
                    let byte = buffer[position]
                    if byte == 0x22 {
                        if position + 1 < contentEnd && buffer[position + 1] == 0x22 {
                            buffer[write] = 0x22
                            write += 1
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if byte == 0x0A { newlines += 1 }
                    buffer[write] = byte
                    write += 1
                    position += 1
                }
                appendField(&count, from: fieldStart, to: write)
                if position >= contentEnd { break fieldLoop }
                if buffer[position] == 0x2C {
                    position += 1
                    if position >= contentEnd { appendField(&count, from: position, to: position); break fieldLoop }
                    continue fieldLoop
                }
                problem = IngestError(file: path, line: rowLine + newlines, column: count, kind: .unclosedQuote,
                                      detail: "unexpected character after a closing quote",
                                      hint: "quote the whole field and double any quote inside it (\"\")")
                break fieldLoop
            } else {
                let fieldStart = position
                while position < contentEnd && buffer[position] != 0x2C { position += 1 }
                appendField(&count, from: fieldStart, to: position)
                if position >= contentEnd { break fieldLoop }
                position += 1  // the comma
                if position >= contentEnd { appendField(&count, from: position, to: position); break fieldLoop }
            }
        }
        // Count every line break inside the record, including ones inside malformed quotes.
        var scan = start
        var totalNewlines = 0
        while scan < recordEnd {
            if buffer[scan] == 0x0A { totalNewlines += 1 }
            scan += 1
        }
        start = nextStart
        line += totalNewlines + (endsWithNewline ? 1 : 0)
        lastRowEndedWithNewline = endsWithNewline
        if let problem { return .malformed(problem) }
        return .fields(line: rowLine, count: count)
    }

    /// Moves the unconsumed tail to the front and reads more; doubles the buffer when a single
    /// record fills it.
    private mutating func refill() throws {
        let (_, ended) = try ChunkBuffer.refill(buffer: &buffer, capacity: &capacity, start: &start, end: &end, source: &source)
        if ended { sourceEnded = true }
        nextQuote = -1  // rescan: the bytes moved, and new ones may hold a quote
    }
}
