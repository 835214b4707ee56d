#if canImport(Glibc)
import Glibc
#endif

/// Reads exposure and event exports in any supported format into typed rows, streaming.
///
/// Memory grows with the number of distinct units, experiments, variants, event names and
/// segment values (kept in `vocabulary`), never with the number of rows: each row is handed to
/// the caller's closure and forgotten. Every row read is either delivered or counted in the
/// returned `IngestReport` under the reason it was skipped (with `BadRowPolicy.skip`); with the
/// default `.stop` the first malformed row throws an `IngestError` naming file, line, column,
/// reason and what to do.
///
/// A class: it accumulates the vocabulary and the attribute columns across the files it reads.
public final class ExportReader {
    public var options: ReadOptions
    public let vocabulary: Vocabulary
    /// Attribute columns kept on exposures by the last `readExposures`, in `Exposure.attributes` order.
    public private(set) var attributeColumns: [String] = []

    public init(options: ReadOptions = ReadOptions(), vocabulary: Vocabulary = Vocabulary()) {
        self.options = options
        self.vocabulary = vocabulary
    }

    // MARK: - Public entry points

    /// Reads an exposures file (`timestamp, unit_id, experiment, variant` plus attributes).
    public func readExposures(path: String, _ body: (Exposure) throws -> Void) throws -> IngestReport {
        var scanner = try openScanner(path: path)
        defer { scanner.close() }
        let roles: [ColumnMapping.Role] = [.timestamp, .unitID, .experiment, .variant]
        let roleColumns = roles.map { options.mapping.column(for: $0) }
        let attributes = options.attributes ?? scanner.knownColumns.filter { !roleColumns.contains($0) }
        attributeColumns = attributes
        let attributeIDs = attributes.map { vocabulary.attributeID($0) }
        try scanner.bind(columns: roleColumns + attributes, required: roles.map { _ in true } + attributes.map { _ in false })
        let converter = RowConverter(options: options, path: path)
        let attributeCount = attributes.count
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        return try readBatched(
            scanner: &scanner, slotCount: roleColumns.count + attributeCount,
            makeBatch: { ExposureBatch(capacity: 4096, attributeCount: attributeCount) },
            parse: { slots, present, batch in
                let time = try converter.timestamp(slots, present, slot: 0)
                let unit = try converter.requiredText(slots, present, slot: 1, role: .unitID)
                let experiment = try converter.requiredText(slots, present, slot: 2, role: .experiment)
                let variant = try converter.requiredText(slots, present, slot: 3, role: .variant)
                batch.append(time: time, unit: unit.bytes, experiment: experiment.bytes, variant: variant.bytes) { column in
                    present[4 + column] ? slots[4 + column].bytes : empty
                }
            },
            deliver: { batch in try batch.deliver(into: vocabulary, attributeIDs: attributeIDs, body) })
    }

    /// Reads an events file (`timestamp, unit_id, event, value`; an empty value means 1).
    public func readEvents(path: String, _ body: (Event) throws -> Void) throws -> IngestReport {
        try readEventBatches(path: path) { events in
            for event in events { try body(event) }
        }
    }

    /// Reads an events file like `readEvents`, handing over events in batches (in file order,
    /// at most a few hundred at a time; the buffer is valid only during the call).
    ///
    /// Why batches: each row's unit lookup and each consumer's per-unit state are cache misses
    /// when there are a million units; a consumer that first touches the whole batch's state
    /// and then updates it keeps many misses in flight instead of one.
    public func readEventBatches(path: String, _ body: (UnsafeBufferPointer<Event>) throws -> Void) throws -> IngestReport {
        var scanner = try openScanner(path: path)
        defer { scanner.close() }
        let roles: [ColumnMapping.Role] = [.timestamp, .unitID, .event, .value]
        try scanner.bind(columns: roles.map { options.mapping.column(for: $0) }, required: [true, true, true, false])
        let converter = RowConverter(options: options, path: path)
        // Parses one row into `batch`; shared by both ways of reading below.
        func parse(_ slots: UnsafeMutableBufferPointer<FieldSlice>, _ present: UnsafeMutableBufferPointer<Bool>,
                   into batch: EventBatch) throws {
            let time = try converter.timestamp(slots, present, slot: 0)
            let unit = try converter.requiredText(slots, present, slot: 1, role: .unitID)
            let event = try converter.requiredText(slots, present, slot: 2, role: .event)
            let value = try converter.value(slots, present, slot: 3)
            batch.append(time: time, value: value, unitKey: unit.bytes, eventKey: event.bytes)
        }

        return try readBatched(scanner: &scanner, slotCount: roles.count, makeBatch: { EventBatch(capacity: 4096) },
                               parse: parse, deliver: { batch in try body(batch.resolve(into: vocabulary)) })
    }

    /// Reads a single-stream export: one event file in which exposures are events named
    /// `exposureEvent` (carrying experiment and variant); every other row is a metric event.
    /// This is the reference flag service's shape (use `ColumnMapping.referenceFlagService`).
    public func readSingleStream(
        path: String, exposureEvent: String,
        onExposure: (Exposure) throws -> Void, onEvent: (Event) throws -> Void
    ) throws -> IngestReport {
        var scanner = try openScanner(path: path)
        defer { scanner.close() }
        let roles: [ColumnMapping.Role] = [.timestamp, .unitID, .event, .value, .experiment, .variant]
        let roleColumns = roles.map { options.mapping.column(for: $0) }
        let attributes = options.attributes ?? scanner.knownColumns.filter { !roleColumns.contains($0) }
        attributeColumns = attributes
        let attributeIDs = attributes.map { vocabulary.attributeID($0) }
        try scanner.bind(columns: roleColumns + attributes,
                         required: [true, true, true, false, false, false] + attributes.map { _ in false })
        let attributeBuffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, attributes.count))
        defer { attributeBuffer.deallocate() }
        let exposureBytes = Array(exposureEvent.utf8)
        let converter = RowConverter(options: options, path: path)
        return try readRecords(scanner: &scanner, slotCount: roleColumns.count + attributes.count) { slots, present in
            let time = try converter.timestamp(slots, present, slot: 0)
            let unit = try converter.requiredText(slots, present, slot: 1, role: .unitID)
            let event = try converter.requiredText(slots, present, slot: 2, role: .event)
            let unitID = vocabulary.units.intern(unit.bytes)
            let isExposure = event.count == exposureBytes.count && exposureBytes.withUnsafeBufferPointer {
                guard let base = $0.baseAddress else { return true }
                return memcmp(base, event.start, event.count) == 0
            }
            if isExposure {
                let experiment = try converter.requiredText(slots, present, slot: 4, role: .experiment)
                let variant = try converter.requiredText(slots, present, slot: 5, role: .variant)
                for index in 0..<attributes.count {
                    let slot = 6 + index
                    attributeBuffer[index] = present[slot] && !slots[slot].isEmpty
                        ? vocabulary.attributeValues[Int(attributeIDs[index])].intern(slots[slot].bytes) : -1
                }
                try onExposure(Exposure(
                    unit: unitID, experiment: vocabulary.experiments.intern(experiment.bytes),
                    variant: vocabulary.variants.intern(variant.bytes), time: time,
                    attributes: UnsafeBufferPointer(start: attributeBuffer.baseAddress, count: attributes.count)))
            } else {
                let value = try converter.value(slots, present, slot: 3)
                try onEvent(Event(unit: unitID, event: vocabulary.events.intern(event.bytes), value: value, time: time))
            }
        }
    }

    // MARK: - Shared machinery

    /// Opens `path` with the scanner for its format.
    func openScanner(path: String) throws -> any RecordScanner {
        let format = try resolveFormat(path: path)
        let source = try openByteSource(path: path)
        switch format {
        case .csv, .auto: return try CSVRecordScanner(path: path, source: source, chunkSize: options.chunkSize)
        case .json: return JSONRecordScanner(path: path, source: source, chunkSize: options.chunkSize)
        }
    }

    private func resolveFormat(path: String) throws -> FileFormat {
        if options.format != .auto { return options.format }
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") { return .csv }
        if name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") || name.hasSuffix(".json") { return .json }
        // Unknown extension: look at the first non-blank byte.
        var source = try openByteSource(path: path)
        defer { source.close() }
        let probe = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
        defer { probe.deallocate() }
        let count = try source.read(into: probe, capacity: 4096)
        for index in 0..<count {
            let byte = probe[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { continue }
            return byte == 0x7B || byte == 0x5B ? .json : .csv
        }
        return .csv
    }

    /// The record loop over batches: `parse` fills batches from records, `deliver` hands a full
    /// batch on. With `options.parsesOnSeparateThread`, parsing runs on a second thread and
    /// delivery on this one (see `BatchHandoff`); rows, order and errors are the same either way.
    private func readBatched<Batch: RowBatch>(
        scanner: inout any RecordScanner, slotCount: Int, makeBatch: () -> Batch,
        parse: (UnsafeMutableBufferPointer<FieldSlice>, UnsafeMutableBufferPointer<Bool>, Batch) throws -> Void,
        deliver: (Batch) throws -> Void
    ) throws -> IngestReport {
        if options.parsesOnSeparateThread {
            let handoff = BatchHandoff(batches: (0..<4).map { _ in makeBatch() })
            var produced: Result<IngestReport, any Error> = .failure(ReadCancelled())
            var consumerError: (any Error)?
            let started = runConcurrently(
                background: {
                    do {
                        guard var batch = handoff.takeEmpty() else { throw ReadCancelled() }
                        let report = try readRecords(scanner: &scanner, slotCount: slotCount) { slots, present in
                            try parse(slots, present, batch)
                            if batch.isFull {
                                handoff.submit(batch)
                                guard let next = handoff.takeEmpty() else { throw ReadCancelled() }
                                batch = next
                            }
                        }
                        if !batch.isEmpty { handoff.submit(batch) }
                        produced = .success(report)
                    } catch {
                        produced = .failure(error)
                    }
                    handoff.finish()
                },
                foreground: {
                    while let batch = handoff.takeFilled() {
                        if consumerError == nil {
                            do {
                                try deliver(batch)
                            } catch {
                                consumerError = error
                                handoff.cancel()
                            }
                        }
                        batch.removeAll()
                        handoff.recycle(batch)
                    }
                })
            if started {
                if let consumerError { throw consumerError }
                return try produced.get()
            }
        }
        let batch = makeBatch()
        let report = try readRecords(scanner: &scanner, slotCount: slotCount) { slots, present in
            try parse(slots, present, batch)
            if batch.isFull {
                try deliver(batch)
                batch.removeAll()
            }
        }
        if !batch.isEmpty { try deliver(batch) }
        return report
    }

    /// The record loop: converts each record with `convert`, applying the bad-row policy to
    /// malformed records and to conversion failures alike.
    private func readRecords(
        scanner: inout any RecordScanner, slotCount: Int,
        convert: (UnsafeMutableBufferPointer<FieldSlice>, UnsafeMutableBufferPointer<Bool>) throws -> Void
    ) throws -> IngestReport {
        var report = IngestReport(file: scanner.path)
        let slots = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: max(1, slotCount))
        let present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(1, slotCount))
        present.initialize(repeating: false)
        defer {
            slots.deallocate()
            present.deallocate()
        }
        let presentView = UnsafeMutableBufferPointer(rebasing: present[0..<slotCount])
        let slotView = UnsafeMutableBufferPointer(rebasing: slots[0..<slotCount])
        while let outcome = try scanner.next(slots: slotView, present: presentView) {
            report.rowsRead += 1
            if report.rowsRead & 0xFFFF == 0, let progress = options.progress {
                progress(scanner.path, scanner.bytesConsumed)
            }
            switch outcome {
            case .malformed(let error):
                try handle(error, report: &report)
            case .record(let line):
                do {
                    try convert(slotView, presentView)
                    report.rowsDelivered += 1
                } catch let failure as FieldFailure {
                    let location = scanner.location(ofSlot: failure.slot, recordLine: line)
                    let error = IngestError(file: scanner.path, line: location.line, column: location.column,
                                            kind: failure.kind, detail: failure.detail, hint: failure.hint)
                    try handle(error, report: &report)
                }
            }
        }
        report.bytesRead = scanner.bytesConsumed
        if report.rowsRead == 0 && scanner.knownColumns.isEmpty && report.bytesRead == 0 {
            throw IngestError(file: scanner.path, line: nil, column: nil, kind: .emptyFile,
                              detail: "the file is empty", hint: "check that the export finished writing")
        }
        options.progress?(scanner.path, scanner.bytesConsumed)
        return report
    }

    private func handle(_ error: IngestError, report: inout IngestReport) throws {
        guard options.badRowPolicy == .skip else {
            var located = error
            located.hint += "; or pass --on-bad-row skip to skip and count such rows"
            throw located
        }
        report.recordSkip(error)
    }
}

/// A batch of parsed rows that `readBatched` fills and empties.
protocol RowBatch: AnyObject {
    var isFull: Bool { get }
    var isEmpty: Bool { get }
    func removeAll()
}

extension EventBatch: RowBatch {}
extension ExposureBatch: RowBatch {}

/// The parsing thread stopped because the consumer failed (its error is the one reported).
struct ReadCancelled: Error {}

/// A field that failed conversion; the record loop adds file, line and column.
struct FieldFailure: Error {
    var slot: Int
    var kind: IngestError.Kind
    var detail: String
    var hint: String
}

/// Converts slots to typed values, throwing `FieldFailure` for a bad field.
struct RowConverter {
    let parser: TimestampParser
    let mapping: ColumnMapping

    init(options: ReadOptions, path: String) {
        parser = TimestampParser(format: options.timestampFormat, naiveIsUTC: options.naiveTimesAreUTC)
        mapping = options.mapping
    }

    @inline(__always)
    func timestamp(_ slots: UnsafeMutableBufferPointer<FieldSlice>, _ present: UnsafeMutableBufferPointer<Bool>,
                   slot: Int) throws -> Int64 {
        guard present[slot], !slots[slot].isEmpty else { throw missing(.timestamp, slot: slot) }
        switch parser.parse(slots[slot]) {
        case .success(let milliseconds):
            return milliseconds
        case .failure(let failure):
            let text = slots[slot].quotedForMessage
            switch failure {
            case .noTimeZone:
                throw FieldFailure(slot: slot, kind: .badTimestamp, detail: "\(text) has no time zone",
                                   hint: "add Z or an offset such as +02:00, or pass --naive-times-utc if these times are UTC")
            case .outOfRange:
                throw FieldFailure(slot: slot, kind: .badTimestamp, detail: "\(text) is not a real date or time",
                                   hint: "fix the value")
            case .malformed:
                throw FieldFailure(slot: slot, kind: .badTimestamp, detail: "\(text) is not a timestamp",
                                   hint: "write ISO-8601 (2026-01-05T13:45:12Z) or epoch seconds/milliseconds (see --timestamps)")
            }
        }
    }

    @inline(__always)
    func requiredText(_ slots: UnsafeMutableBufferPointer<FieldSlice>, _ present: UnsafeMutableBufferPointer<Bool>,
                      slot: Int, role: ColumnMapping.Role) throws -> FieldSlice {
        guard present[slot], !slots[slot].isEmpty else { throw missing(role, slot: slot) }
        return slots[slot]
    }

    @inline(__always)
    func value(_ slots: UnsafeMutableBufferPointer<FieldSlice>, _ present: UnsafeMutableBufferPointer<Bool>,
               slot: Int) throws -> Double {
        guard present[slot], !slots[slot].isEmpty else { return 1 }
        guard let value = NumberParser.parseDouble(slots[slot]), value.isFinite else {
            throw FieldFailure(slot: slot, kind: .badNumber,
                               detail: "value \(slots[slot].quotedForMessage) is not a finite number",
                               hint: "write a plain decimal number such as 12.5, or leave it empty to mean 1")
        }
        return value
    }

    private func missing(_ role: ColumnMapping.Role, slot: Int) -> FieldFailure {
        FieldFailure(slot: slot, kind: .missingValue,
                     detail: "no \(role.rawValue) (column \"\(mapping.column(for: role))\")",
                     hint: "every row needs a \(role.rawValue); map another column with --map \(role.rawValue)=COLUMN if it is elsewhere")
    }
}
