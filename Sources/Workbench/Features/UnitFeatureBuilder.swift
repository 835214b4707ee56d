/// Builds the per-unit feature table of `workbench features` from an events file.
///
/// Leakage rule: a feature only ever sees events with `time < cutoff`; the label only sees
/// events with `cutoff <= time < cutoff + labelDays`; later events are ignored. The set of
/// `count_<event>` columns is also taken from events before the cutoff, so an event type that
/// first appears later cannot reveal the future through the header. Units with no event before
/// the cutoff get no row (they have no history to score). One pass over the file; memory
/// O(units x (active days + event types seen)).
public enum UnitFeatureBuilder {
    /// Accumulated history of one unit.
    struct History {
        var events = 0
        var lastTime = Int64.min
        var hourSum = 0
        var weekdaySum = 0
        var days = Set<Int64>()
        var features = Set<Int32>()
        var countsByEvent: [Int32: Int] = [:]
        var label = false
    }

    /// Reads `path` and builds the table.
    /// - Throws: `IngestError` (file, line, column) for unreadable files or bad rows;
    ///   `TabularError` when the label window is empty.
    public static func build(path: String, options: UnitFeatureOptions) throws -> UnitFeatureTable {
        guard options.labelDays > 0, options.labelDays.isFinite else {
            throw TabularError(file: path, message: "--label-days must be a positive number of days, e.g. 14")
        }
        var readOptions = options.readOptions
        readOptions.badRowPolicy = .stop
        let reader = ExportReader(options: readOptions)
        var scanner = try reader.openScanner(path: path)
        defer { scanner.close() }
        let mapping = readOptions.mapping
        var columns = [ColumnMapping.Role.timestamp, .unitID, .event].map { mapping.column(for: $0) }
        if let featureColumn = options.featureColumn { columns.append(featureColumn) }
        try scanner.bind(columns: columns, required: columns.map { _ in true })
        let converter = RowConverter(options: readOptions, path: path)
        let units = ByteStringInterner(expectedCount: 1 << 12)
        let events = ByteStringInterner(expectedCount: 64)
        let featureValues = ByteStringInterner(expectedCount: 64)
        var histories: [History] = []
        var seenBeforeCutoff = Set<Int32>()
        let labelEnd = options.labelWindowEnd

        let slots = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: columns.count)
        let present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: columns.count)
        present.initialize(repeating: false)
        defer {
            slots.deallocate()
            present.deallocate()
        }
        while let outcome = try scanner.next(slots: slots, present: present) {
            switch outcome {
            case .malformed(let error):
                throw error
            case .record(let line):
                do {
                    let time = try converter.timestamp(slots, present, slot: 0)
                    if time >= labelEnd { continue }
                    let unit = Int(units.intern(try converter.requiredText(slots, present, slot: 1, role: .unitID).bytes))
                    let event = events.intern(try converter.requiredText(slots, present, slot: 2, role: .event).bytes)
                    while histories.count <= unit { histories.append(History()) }
                    if time >= options.cutoff {
                        if events.string(event) == options.labelEvent { histories[unit].label = true }
                        continue
                    }
                    seenBeforeCutoff.insert(event)
                    let milliseconds = time
                    let day = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
                    let millisecondOfDay = milliseconds - day * 86_400_000
                    histories[unit].events += 1
                    histories[unit].lastTime = max(histories[unit].lastTime, time)
                    histories[unit].hourSum += Int(millisecondOfDay / 3_600_000)
                    // 1970-01-01 was a Thursday: Monday = 0 ... Sunday = 6 (pandas `dayofweek`).
                    histories[unit].weekdaySum += Int(((day + 3) % 7 + 7) % 7)
                    histories[unit].days.insert(day)
                    histories[unit].countsByEvent[event, default: 0] += 1
                    if options.featureColumn != nil {
                        if present[3], !slots[3].isEmpty { histories[unit].features.insert(featureValues.intern(slots[3].bytes)) }
                    } else {
                        histories[unit].features.insert(event)
                    }
                } catch let failure as FieldFailure {
                    let location = scanner.location(ofSlot: failure.slot, recordLine: line)
                    throw IngestError(file: path, line: location.line, column: location.column, kind: failure.kind,
                                      detail: failure.detail, hint: failure.hint)
                }
            }
        }
        func byBytes(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        let countColumns = seenBeforeCutoff.sorted { byBytes(events.string($0), events.string($1)) }
        let names = ["unit_id", "unique_features", "active_days", "avg_hour", "avg_day_of_week", "hours_since_last_event", "events_per_day"]
            + countColumns.map { "count_\(events.string($0))" } + ["label"]
        let order = histories.indices.filter { histories[$0].events > 0 }.sorted { byBytes(units.string(Int32($0)), units.string(Int32($1))) }
        var table = UnitFeatureTable(columns: names, units: [], features: [], labels: [])
        for unit in order {
            let history = histories[unit]
            let count = Double(history.events)
            var row = [
                Double(history.features.count), Double(history.days.count), Double(history.hourSum) / count,
                Double(history.weekdaySum) / count, Double(options.cutoff - history.lastTime) / 3_600_000,
                count / Double(history.days.count),
            ]
            row += countColumns.map { Double(history.countsByEvent[$0] ?? 0) }
            table.units.append(units.string(Int32(unit)))
            table.features.append(row)
            table.labels.append(history.label ? 1 : 0)
        }
        return table
    }
}
