/// A CSV file with a header row, read as records of named columns.
struct CSVRecordScanner: RecordScanner {
    let path: String
    private var scanner: CSVScanner
    private(set) var knownColumns: [String] = []
    /// For each slot, the index of its column in the header (-1: not in the file).
    private var columnIndex: [Int] = []
    private var headerLine = 1

    /// Opens the file and reads its header. Throws `emptyFile` when there is no header line.
    init(path: String, source: any ByteChunkSource, chunkSize: Int = 4 << 20) throws {
        self.path = path
        scanner = CSVScanner(source: source, path: path, chunkSize: chunkSize)
        guard let first = try scanner.nextRow() else {
            scanner.close()
            throw IngestError(file: path, line: nil, column: nil, kind: .emptyFile,
                              detail: "the file has no header line",
                              hint: "export it again with a header row, e.g. timestamp,unit_id,event,value")
        }
        switch first {
        case .malformed(let error):
            scanner.close()
            throw error
        case .fields(let line, let count):
            headerLine = line
            knownColumns = (0..<count).map { index in
                var name = scanner.fields[index].string
                if index == 0 && name.hasPrefix("\u{FEFF}") { name.removeFirst() }  // UTF-8 byte-order mark
                return name.trimmingSpaces()
            }
        }
    }

    mutating func bind(columns: [String], required: [Bool]) throws {
        columnIndex = columns.map { knownColumns.firstIndex(of: $0) ?? -1 }
        for (slot, index) in columnIndex.enumerated() where index < 0 && required[slot] {
            throw IngestError(
                file: path, line: headerLine, column: nil, kind: .missingColumn,
                detail: "the header has no column \"\(columns[slot])\"; it has: \(knownColumns.joined(separator: ", "))",
                hint: "rename the column, or map it, e.g. --map \(columns[slot])=<your column name>")
        }
    }

    mutating func next(slots: UnsafeMutableBufferPointer<FieldSlice>, present: UnsafeMutableBufferPointer<Bool>) throws -> RecordOutcome? {
        guard let row = try scanner.nextRow() else { return nil }
        switch row {
        case .malformed(let error):
            return .malformed(error)
        case .fields(let line, let count):
            if count != knownColumns.count {
                let cutOff = !scanner.lastRowEndedWithNewline && count < knownColumns.count
                return .malformed(IngestError(
                    file: path, line: line, column: min(count, knownColumns.count) + 1,
                    kind: cutOff ? .truncatedLine : .wrongColumnCount,
                    detail: cutOff
                        ? "the last line stops after \(count) of \(knownColumns.count) fields (the file was cut off)"
                        : "found \(count) fields, the header has \(knownColumns.count)",
                    hint: cutOff
                        ? "re-export the file completely"
                        : "quote fields that contain commas (\"a,b\"), or fix the row"))
            }
            for slot in 0..<columnIndex.count {
                let index = columnIndex[slot]
                if index >= 0 {
                    slots[slot] = scanner.fields[index]
                    present[slot] = true
                } else {
                    present[slot] = false
                }
            }
            return .record(line: line)
        }
    }

    func location(ofSlot slot: Int, recordLine: Int) -> (line: Int, column: Int?) {
        let index = columnIndex[slot]
        return (recordLine, index >= 0 ? index + 1 : nil)
    }

    var bytesConsumed: Int { scanner.bytesConsumed }
    var lastRecordWasCutOff: Bool { !scanner.lastRowEndedWithNewline }
    mutating func close() { scanner.close() }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
