import Crypto
import Foundation

/// Reads a CSV file with a header into a `FeatureTable`, for training (levels learned from the
/// data) or scoring (levels and column order taken from a model's schema).
///
/// Uses the ingest CSV scanner, so quoting, CRLF, gzip and bad rows behave as for exports:
/// the first bad cell throws an `IngestError` naming `file:line:column`. A numeric cell is
/// missing when empty or `NaN` (any case); `inf` is rejected. O(rows x columns) time; memory
/// holds the table plus, during training, one string per categorical cell.
public enum TabularReader {
    /// Reads a training table: the target must be present and 0/1 in every row.
    ///
    /// Categorical levels are the distinct non-missing values, sorted by UTF-8 bytes.
    /// - Throws: `TabularError` for unknown or conflicting column names, `IngestError` for bad rows.
    public static func readTraining(path: String, options: TabularReadOptions) throws -> FeatureTable {
        guard let target = options.target else {
            throw TabularError(file: path, message: "no target column; name the 0/1 label column with --target COLUMN")
        }
        var scanner = try CSVRecordScanner(path: path, source: openByteSource(path: path))
        defer { scanner.close() }
        let header = scanner.knownColumns
        func require(_ column: String, _ role: String) throws {
            guard header.contains(column) else {
                throw TabularError(file: path, message: "the \(role) column \"\(column)\" is not in the header; it has: \(header.joined(separator: ", "))")
            }
        }
        try require(target, "target")
        if let weight = options.weight { try require(weight, "weight") }
        for column in options.categorical { try require(column, "categorical") }
        for column in options.ignored { try require(column, "ignored") }
        let reserved = Set([target] + (options.weight.map { [$0] } ?? []) + options.ignored)
        let featureNames: [String]
        if let chosen = options.features {
            for column in chosen { try require(column, "feature") }
            if let clash = chosen.first(where: { reserved.contains($0) }) {
                throw TabularError(file: path, message: "\"\(clash)\" is both a feature and the target, weight or an ignored column; list it only once")
            }
            featureNames = chosen
        } else {
            featureNames = header.filter { !reserved.contains($0) }
        }
        guard !featureNames.isEmpty else {
            throw TabularError(file: path, message: "no feature columns are left after removing the target, weight and ignored columns")
        }
        guard Set(featureNames).count == featureNames.count, Set(header).count == header.count else {
            throw TabularError(file: path, message: "the header names a column twice; give every column a distinct name")
        }
        if let stray = options.categorical.first(where: { !featureNames.contains($0) }) {
            throw TabularError(file: path, message: "--categorical names \"\(stray)\", which is not a feature column")
        }
        let categorical = Set(options.categorical)
        let bound = featureNames + [target] + (options.weight.map { [$0] } ?? [])
        try scanner.bind(columns: bound, required: bound.map { _ in true })

        let featureCount = featureNames.count
        var columns = [[Double]](repeating: [], count: featureCount)
        var categoricalCells = [[String?]](repeating: [], count: featureCount)
        var labels: [Double] = []
        var weights: [Double] = []
        try forEachRecord(&scanner, slotCount: bound.count) { slots, line in
            for feature in 0..<featureCount {
                if categorical.contains(featureNames[feature]) {
                    categoricalCells[feature].append(categoricalCell(slots[feature]))
                } else {
                    columns[feature].append(try numericCell(slots[feature], column: featureNames[feature], slot: feature))
                }
            }
            let label = NumberParser.parseDouble(slots[featureCount])
            guard let label, label == 0 || label == 1 else {
                throw FieldFailure(slot: featureCount, kind: .badNumber,
                                   detail: "target \(slots[featureCount].quotedForMessage) in column \"\(target)\" is not 0 or 1",
                                   hint: "encode the positive class as 1 and the negative class as 0; drop rows without a label")
            }
            labels.append(label)
            if let weightColumn = options.weight {
                let slot = featureCount + 1
                guard let weight = NumberParser.parseDouble(slots[slot]), weight.isFinite, weight >= 0 else {
                    throw FieldFailure(slot: slot, kind: .badNumber,
                                       detail: "weight \(slots[slot].quotedForMessage) in column \"\(weightColumn)\" is not a finite number >= 0",
                                       hint: "write a non-negative decimal weight in every row")
                }
                weights.append(weight)
            }
        }
        guard !labels.isEmpty else {
            throw TabularError(file: path, message: "the file has a header but no data rows")
        }
        var schemaColumns: [FeatureColumn] = []
        var values: [Double] = []
        values.reserveCapacity(labels.count * featureCount)
        for feature in 0..<featureCount {
            if categorical.contains(featureNames[feature]) {
                let levels = Set(categoricalCells[feature].compactMap { $0 }).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                let column = FeatureColumn(name: featureNames[feature], type: .categorical, levels: levels)
                var codes: [String: Double] = [:]
                for (code, level) in levels.enumerated() { codes[level] = Double(code) }
                values += categoricalCells[feature].map { cell in cell.flatMap { codes[$0] } ?? .nan }
                schemaColumns.append(column)
            } else {
                values += columns[feature]
                schemaColumns.append(FeatureColumn(name: featureNames[feature], type: .numeric))
            }
        }
        let schema = FeatureSchema(features: schemaColumns, target: target, weight: options.weight)
        return FeatureTable(
            schema: schema, rowCount: labels.count, values: values, labels: labels,
            weights: options.weight == nil ? nil : weights, fileSHA256: try sha256(ofFile: path))
    }

    /// Reads a table to score with a model: the schema's feature columns, matched by name
    /// (order in the file does not matter, extra columns are ignored).
    ///
    /// Unknown categorical levels become NaN (treated as missing) and are counted in
    /// `unknownLevelCounts`. Labels and weights are not read.
    /// - Throws: `TabularError` when a feature column is absent, `IngestError` for bad rows.
    public static func readForScoring(path: String, schema: FeatureSchema) throws -> FeatureTable {
        var scanner = try CSVRecordScanner(path: path, source: openByteSource(path: path))
        defer { scanner.close() }
        let names = schema.featureNames
        if let absent = names.first(where: { !scanner.knownColumns.contains($0) }) {
            throw TabularError(file: path, message: "the model needs the column \"\(absent)\", which is not in the header; it needs: \(names.joined(separator: ", "))")
        }
        try scanner.bind(columns: names, required: names.map { _ in true })
        var columns = [[Double]](repeating: [], count: names.count)
        var unknown: [String: Int] = [:]
        var rows = 0
        // One hash lookup per categorical cell instead of a binary search over UTF-8 arrays.
        let codes: [[String: Int]] = schema.features.map { column in
            Dictionary(uniqueKeysWithValues: column.levels.enumerated().map { ($1, $0) })
        }
        try forEachRecord(&scanner, slotCount: names.count) { slots, _ in
            for (feature, column) in schema.features.enumerated() {
                switch column.type {
                case .numeric:
                    columns[feature].append(try numericCell(slots[feature], column: column.name, slot: feature))
                case .categorical:
                    guard let level = categoricalCell(slots[feature]) else {
                        columns[feature].append(.nan)
                        continue
                    }
                    if let code = codes[feature][level] {
                        columns[feature].append(Double(code))
                    } else {
                        unknown[column.name, default: 0] += 1
                        columns[feature].append(.nan)
                    }
                }
            }
            rows += 1
        }
        return FeatureTable(
            schema: schema, rowCount: rows, values: columns.flatMap { $0 }, unknownLevelCounts: unknown,
            fileSHA256: try sha256(ofFile: path))
    }

    /// Lowercase hex SHA-256 of a file's bytes, streamed in 1 MiB chunks. O(file size).
    public static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TabularError(file: path, message: "cannot open the file; check the path and its permissions")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - Cells

    /// Whether a numeric cell means "missing": empty or NaN in any case.
    static func isMissing(_ field: FieldSlice) -> Bool {
        if field.isEmpty { return true }
        guard field.count == 3 else { return false }
        return (field.start[0] | 0x20) == 0x6E && (field.start[1] | 0x20) == 0x61 && (field.start[2] | 0x20) == 0x6E
    }

    private static func numericCell(_ field: FieldSlice, column: String, slot: Int) throws -> Double {
        if isMissing(field) { return .nan }
        guard let value = NumberParser.parseDouble(field), value.isFinite else {
            throw FieldFailure(slot: slot, kind: .badNumber,
                               detail: "\(field.quotedForMessage) in column \"\(column)\" is not a finite number",
                               hint: "fix the cell, leave it empty for a missing value, or list the column in --categorical (or --ignore)")
        }
        return value
    }

    private static func categoricalCell(_ field: FieldSlice) -> String? {
        isMissing(field) ? nil : field.string
    }

    /// The record loop: stops at the first malformed record or bad cell with its location.
    private static func forEachRecord(
        _ scanner: inout CSVRecordScanner, slotCount: Int,
        _ body: (UnsafeMutableBufferPointer<FieldSlice>, Int) throws -> Void
    ) throws {
        let slots = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: max(1, slotCount))
        let present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(1, slotCount))
        present.initialize(repeating: false)
        defer {
            slots.deallocate()
            present.deallocate()
        }
        let slotView = UnsafeMutableBufferPointer(rebasing: slots[0..<slotCount])
        let presentView = UnsafeMutableBufferPointer(rebasing: present[0..<slotCount])
        while let outcome = try scanner.next(slots: slotView, present: presentView) {
            switch outcome {
            case .malformed(let error):
                throw error
            case .record(let line):
                do {
                    try body(slotView, line)
                } catch let failure as FieldFailure {
                    let location = scanner.location(ofSlot: failure.slot, recordLine: line)
                    throw IngestError(file: scanner.path, line: location.line, column: location.column,
                                      kind: failure.kind, detail: failure.detail, hint: failure.hint)
                }
            }
        }
    }
}
