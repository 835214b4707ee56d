#if canImport(Glibc)
import Glibc
#endif

/// Reads JSON objects one at a time: NDJSON (one object per line) or a top-level JSON array of
/// objects (the reference flag service's export), told apart by the first non-blank byte.
///
/// Hand-written for the same reason as the CSV scanner: Foundation's `JSONSerialization`
/// builds a dictionary of boxed values per row (about 30x slower here). Only the requested
/// keys are extracted; nested keys are reached with dotted paths (`properties.ab_variant`);
/// every other value is skipped without being decoded. Strings are unescaped in place
/// (`\uXXXX` and surrogate pairs become UTF-8). Keys are compared as raw bytes, so a key written
/// with escapes does not match its plain spelling. Memory: one buffer that grows only to hold
/// the largest object.
struct JSONRecordScanner: RecordScanner {
    let path: String
    let knownColumns: [String] = []
    private var source: any ByteChunkSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var sourceEnded = false
    private var line = 1
    /// Bytes dropped from the front of the buffer so far (to turn positions into columns).
    private var discarded = 0
    /// Absolute offset of the byte after the last line break seen before the current record.
    private var lineStartAbsolute = 0
    private var isArray: Bool?
    private var arrayClosed = false
    /// Requested paths, split at dots, as bytes.
    private var paths: [[[UInt8]]] = []
    /// Slot values of the last record, as buffer positions, for error locations.
    private var recordStart = 0
    private var recordLineStartAbsolute = 0
    private var slotStarts: [Int] = []
    private(set) var lastRecordWasCutOff = false

    init(path: String, source: any ByteChunkSource, chunkSize: Int = 4 << 20) {
        self.path = path
        self.source = source
        capacity = chunkSize
        buffer = .allocate(capacity: chunkSize)
    }

    mutating func close() {
        buffer.deallocate()
        source.close()
    }

    var bytesConsumed: Int { source.bytesConsumed }

    mutating func bind(columns: [String], required: [Bool]) throws {
        precondition(columns.count <= 64, "at most 64 JSON columns can be extracted, asked for \(columns.count)")
        paths = columns.map { column in column.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) } }
        slotStarts = Array(repeating: -1, count: columns.count)
    }

    func location(ofSlot slot: Int, recordLine: Int) -> (line: Int, column: Int?) {
        let position = slot < slotStarts.count ? slotStarts[slot] : -1
        guard position >= recordStart else {
            return (recordLine, (discarded + recordStart) - recordLineStartAbsolute + 1)
        }
        var lineNumber = recordLine
        var lineStart = recordLineStartAbsolute
        var scan = recordStart
        while scan < position {
            if buffer[scan] == 0x0A {
                lineNumber += 1
                lineStart = discarded + scan + 1
            }
            scan += 1
        }
        return (lineNumber, discarded + position - lineStart + 1)
    }

    mutating func next(slots: UnsafeMutableBufferPointer<FieldSlice>, present: UnsafeMutableBufferPointer<Bool>) throws -> RecordOutcome? {
        while true {
            // Skip blanks (and commas between array elements).
            while start < end {
                let byte = buffer[start]
                if byte == 0x0A {
                    line += 1
                    lineStartAbsolute = discarded + start + 1
                } else if !(byte == 0x20 || byte == 0x09 || byte == 0x0D || (byte == 0x2C && isArray == true)) {
                    break
                }
                start += 1
            }
            if start >= end {
                if sourceEnded {
                    if isArray == true && !arrayClosed {
                        arrayClosed = true
                        lastRecordWasCutOff = true
                        return .malformed(IngestError(file: path, line: line, column: nil, kind: .truncatedLine,
                                                      detail: "the JSON array is not closed with ] (the file was cut off)",
                                                      hint: "re-export the file completely"))
                    }
                    return nil
                }
                try refill()
                continue
            }
            let first = buffer[start]
            if isArray == nil {
                isArray = first == 0x5B
                if first == 0x5B {
                    start += 1
                    continue
                }
            }
            if isArray == true && first == 0x5D {
                arrayClosed = true
                start = end
                // Anything after the closing bracket is ignored only if blank.
                continue
            }
            if arrayClosed { return nil }
            guard first == 0x7B else {
                let recordLine = line
                let column = discarded + start - lineStartAbsolute + 1
                skipToNextLine()
                return .malformed(IngestError(file: path, line: recordLine, column: column, kind: .badJSON,
                                              detail: "expected a JSON object starting with {",
                                              hint: "each line of NDJSON must hold one object; fix or remove the line"))
            }
            // Fast path for NDJSON, one object per line: the line end comes from memchr and the
            // object is parsed within the line; it is accepted when it ends exactly at the line's
            // last non-blank byte. Anything else (an object spanning lines, two on one line, an
            // error) takes the general path below, which finds the same fields or the same
            // error. Saves the brace-matching and line-counting passes over each object.
            if isArray == false, let newline = memchr(buffer + start, 0x0A, end - start) {
                let lineEnd = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(buffer)
                var last = lineEnd - 1
                while last > start && (buffer[last] == 0x20 || buffer[last] == 0x0D || buffer[last] == 0x09) { last -= 1 }
                if buffer[last] == 0x7D {
                    for slot in 0..<present.count { present[slot] = false }
                    for slot in 0..<slotStarts.count { slotStarts[slot] = -1 }
                    var parser = ObjectParser(buffer: buffer, end: last + 1, paths: paths)
                    let failure = parser.parseObject(at: start, depth: 0, candidates: paths.count >= 64 ? ~0 : (UInt64(1) << paths.count) - 1,
                                                     slots: slots, present: present, slotStarts: &slotStarts)
                    if failure == nil && parser.endPosition == last + 1 {
                        recordStart = start
                        recordLineStartAbsolute = lineStartAbsolute
                        start = last + 1
                        return .record(line: line)
                    }
                }
            }
            guard let objectEnd = try findObjectEnd() else {
                // Cut off at the end of the file.
                let recordLine = line
                let column = discarded + start - lineStartAbsolute + 1
                start = end
                lastRecordWasCutOff = true
                return .malformed(IngestError(file: path, line: recordLine, column: column, kind: .truncatedLine,
                                              detail: "the last JSON object is not closed (the file was cut off)",
                                              hint: "re-export the file completely"))
            }
            recordStart = start
            recordLineStartAbsolute = lineStartAbsolute
            let recordLine = line
            for slot in 0..<present.count { present[slot] = false }
            for slot in 0..<slotStarts.count { slotStarts[slot] = -1 }
            var parser = ObjectParser(buffer: buffer, end: objectEnd + 1, paths: paths)
            let failure = parser.parseObject(at: start, depth: 0, candidates: paths.count >= 64 ? ~0 : (UInt64(1) << paths.count) - 1,
                                             slots: slots, present: present, slotStarts: &slotStarts)
            // Count the line breaks inside the object for the next record's line number.
            var scan = start
            while scan <= objectEnd {
                if buffer[scan] == 0x0A {
                    line += 1
                    lineStartAbsolute = discarded + scan + 1
                }
                scan += 1
            }
            start = objectEnd + 1
            if let failure {
                slotStarts = Array(repeating: -1, count: slotStarts.count)
                let position = failure.position
                var failureLine = recordLine
                var lineStart = recordLineStartAbsolute
                var back = recordStart
                while back < position {
                    if buffer[back] == 0x0A {
                        failureLine += 1
                        lineStart = discarded + back + 1
                    }
                    back += 1
                }
                return .malformed(IngestError(file: path, line: failureLine, column: discarded + position - lineStart + 1,
                                              kind: .badJSON, detail: failure.reason,
                                              hint: "fix the JSON (check quotes, commas and braces), or skip such rows"))
            }
            return .record(line: recordLine)
        }
    }

    private mutating func skipToNextLine() {
        while start < end && buffer[start] != 0x0A { start += 1 }
    }

    /// The position of the `}` closing the object at `start`, pulling in more data as needed;
    /// `nil` when the file ends first.
    private mutating func findObjectEnd() throws -> Int? {
        while true {
            var depth = 0
            var inString = false
            var position = start
            while position < end {
                let byte = buffer[position]
                if inString {
                    if byte == 0x5C {
                        position += 1
                    } else if byte == 0x22 {
                        inString = false
                    }
                } else if byte == 0x22 {
                    inString = true
                } else if byte == 0x7B || byte == 0x5B {
                    depth += 1
                } else if byte == 0x7D || byte == 0x5D {
                    depth -= 1
                    if depth == 0 { return position }
                }
                position += 1
            }
            if sourceEnded { return nil }
            try refill()
        }
    }

    private mutating func refill() throws {
        let (dropped, ended) = try ChunkBuffer.refill(buffer: &buffer, capacity: &capacity, start: &start, end: &end, source: &source)
        discarded += dropped
        if ended { sourceEnded = true }
    }
}
