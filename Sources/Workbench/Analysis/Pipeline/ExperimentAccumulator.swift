import Stats

/// Accumulates one experiment's per-unit metric sources while events stream past, then turns
/// them into a `StatisticsTable`.
///
/// Memory: `sources x exposed units` doubles (one row per unit, so an event touches one cache
/// line), plus the event values of quantile metrics. Per event: O(sources of that event).
/// A class because it is mutable state shared by the event loop's closure.
final class ExperimentAccumulator {
    let spec: ExperimentSpec
    let experimentID: Int32
    private let layouts: [MetricLayout]
    private let sources: [MetricLayout.Source]
    /// Doubles per unit row: the unit's first exposure (slot 0, the Int64 milliseconds'
    /// bit pattern; `Int64.max` when not exposed), then one per source. The start time sits in
    /// the row it gates, so an event costs one cache line here instead of two.
    private let rowStride: Int
    private let unitCapacity: Int
    private let windowMilliseconds: Int64
    private let preMilliseconds: Int64
    /// Unit-major rows of `rowStride` doubles: `values[unit * rowStride + 1 + source]`, in
    /// large-table memory (huge pages). A raw buffer: it is written once per event row, and a
    /// Swift array in a class pays a uniqueness check on every write.
    private let values: UnsafeMutableBufferPointer<Double>
    /// Per event id: (source index, function) for window and pre-period events.
    private var windowSources: [[(Int, MetricSpec.EventAggregate.Function)]] = []
    private var preSources: [[(Int, MetricSpec.EventAggregate.Function)]] = []
    /// Per event id: indices (into `quantileMetrics`) of quantile metrics of that event.
    private var quantileByEvent: [[Int]] = []
    /// Quantile metric positions in `layouts`, and their per-unit event values.
    private let quantileMetrics: [Int]
    /// Per quantile metric, the (unit, value) of each window event, in arrival order. Flat
    /// appends instead of one array per unit: the per-unit arrays cost an allocation and a
    /// uniqueness check per event (4% of `analyze` in the profile); they are grouped once at
    /// the end.
    private var quantileUnits: [[Int32]]
    private var quantileEventValues: [[Double]]
    /// Every event seen, classified against this experiment's windows (all event names):
    /// of units never exposed to it, and of exposed units outside both the metric window and
    /// the pre-period. With one experiment these are the data-quality counts, so the
    /// collector need not look each event's unit up a second time (see `AnalyzeJob`).
    private(set) var eventsOfUnexposedUnits = 0
    private(set) var eventsOutsideWindows = 0
    /// The window and pre-period lengths in ms, for that check.
    var windowLengths: (window: Int64, prePeriod: Int64) { (windowMilliseconds, preMilliseconds) }

    init(spec: ExperimentSpec, experimentID: Int32, exposures: ExposureIndex.Experiment, vocabulary: Vocabulary) {
        self.spec = spec
        self.experimentID = experimentID
        var sources: [MetricLayout.Source] = []
        layouts = MetricLayout.layouts(for: spec, sources: &sources)
        self.sources = sources
        unitCapacity = exposures.firstTime.count
        rowStride = sources.count + 1
        windowMilliseconds = Int64((spec.windowDays * 86_400_000).rounded())
        preMilliseconds = Int64((spec.prePeriodDays * 86_400_000).rounded())
        values = UnsafeMutableBufferPointer(
            start: LargeTableMemory.allocate(Double.self, count: max(1, unitCapacity * (sources.count + 1))),
            count: max(1, unitCapacity * (sources.count + 1)))
        for (unit, time) in exposures.firstTime.enumerated() {
            values[unit * (sources.count + 1)] = Double(bitPattern: UInt64(bitPattern: time))
        }
        let metricLayouts = layouts
        quantileMetrics = metricLayouts.indices.filter { metricLayouts[$0].quantileEvent != nil }
        quantileUnits = quantileMetrics.map { _ in [] }
        quantileEventValues = quantileMetrics.map { _ in [] }
        // Event names are interned now so that ids are known before events arrive.
        for (index, source) in sources.enumerated() {
            let id = Int(vocabulary.events.intern(source.event))
            growEventTables(to: id)
            switch source.period {
            case .window: windowSources[id].append((index, source.function))
            case .prePeriod: preSources[id].append((index, source.function))
            }
        }
        for (position, metricIndex) in quantileMetrics.enumerated() {
            guard let event = layouts[metricIndex].quantileEvent else { continue }
            let id = Int(vocabulary.events.intern(event))
            growEventTables(to: id)
            quantileByEvent[id].append(position)
        }
    }

    deinit {
        if let base = values.baseAddress { LargeTableMemory.release(base, count: values.count) }
    }

    private func growEventTables(to id: Int) {
        while windowSources.count <= id {
            windowSources.append([])
            preSources.append([])
            quantileByEvent.append([])
        }
    }

    /// Adds a batch of events (same result as `consume` on each in order). Each event's unit
    /// row is loaded first, without being used, so the cache misses of the whole batch overlap
    /// instead of being paid one after another.
    func consume(_ events: UnsafeBufferPointer<Event>) {
        let rowStride = self.rowStride
        // Touch-then-use in groups small enough that the touched lines are still in L2
        // when used (a whole 4096-event batch evicted its own lines first).
        var start = 0
        while start < events.count {
            let end = min(start + 256, events.count)
            var sum: Int64 = 0
            for index in start..<end where Int(events[index].unit) < unitCapacity {
                let unit = Int(events[index].unit)
                // A row may straddle two cache lines: touch both ends.
                sum &+= Int64(bitPattern: values[unit * rowStride].bitPattern)
                sum &+= Int64(bitPattern: values[unit * rowStride + rowStride - 1].bitPattern)
            }
            touchSink &+= sum
            for index in start..<end { consume(events[index]) }
            start = end
        }
    }

    /// Keeps the touch loads from being optimised away.
    private var touchSink: Int64 = 0

    /// Adds one event to its unit's sources when it falls in the unit's window or pre-period.
    /// O(sources of this event).
    @inline(__always)
    func consume(_ event: Event) {
        let unit = Int(event.unit)
        let eventID = Int(event.event)
        guard unit < unitCapacity else {
            eventsOfUnexposedUnits += 1
            return
        }
        let row = unit * rowStride
        let start = Int64(bitPattern: values[row].bitPattern)
        if start == Int64.max {
            eventsOfUnexposedUnits += 1
            return
        }
        if event.time >= start {
            guard event.time - start < windowMilliseconds else {
                eventsOutsideWindows += 1
                return
            }
            guard eventID < windowSources.count else { return }
            for (source, function) in windowSources[eventID] {
                apply(function, value: event.value, at: row + 1 + source)
            }
            for position in quantileByEvent[eventID] {
                quantileUnits[position].append(event.unit)
                quantileEventValues[position].append(event.value)
            }
        } else {
            guard start - event.time <= preMilliseconds else {
                eventsOutsideWindows += 1
                return
            }
            guard eventID < windowSources.count else { return }
            for (source, function) in preSources[eventID] {
                apply(function, value: event.value, at: row + 1 + source)
            }
        }
    }

    @inline(__always)
    private func apply(_ function: MetricSpec.EventAggregate.Function, value: Double, at index: Int) {
        switch function {
        case .sum: values[index] += value
        case .count: values[index] += 1
        case .max: values[index] = max(values[index], value)
        }
    }

    /// Builds the statistics table. Throws when the spec names a control or a dimension the
    /// data does not have.
    func finish(exposures: ExposureIndex.Experiment, vocabulary: Vocabulary, attributeColumns: [String],
                dataQuality: DataQualityReport?) throws -> StatisticsTable {
        // Variants: control first, then the others in order of first appearance.
        var seen: [Int32] = []
        for variant in exposures.variant where variant >= 0 && !seen.contains(variant) { seen.append(variant) }
        let names = seen.map { vocabulary.variantName($0) }
        guard let controlPosition = names.firstIndex(of: spec.control) else {
            throw AnalysisError("experiment \"\(spec.experiment)\": the control \"\(spec.control)\" is not among its variants (\(names.sorted().joined(separator: ", "))); fix `control:` in the spec")
        }
        var order = Array(seen.indices)
        order.remove(at: controlPosition)
        order.insert(controlPosition, at: 0)
        let variantIDs = order.map { seen[$0] }
        let variantNames = order.map { names[$0] }
        var positionOfVariant: [Int32: Int] = [:]
        for (position, id) in variantIDs.enumerated() { positionOfVariant[id] = position }
        let variantCount = variantNames.count

        // Dimensions: attribute columns and, per value id, a dense segment slot.
        var dimensionColumns: [Int] = []
        for dimension in spec.dimensions {
            guard let column = attributeColumns.firstIndex(of: dimension) else {
                throw AnalysisError("experiment \"\(spec.experiment)\": the dimension \"\(dimension)\" is not a column of the exposures (columns: \(attributeColumns.joined(separator: ", "))); fix `dimensions:` in the spec")
            }
            dimensionColumns.append(column)
        }
        let attributeCount = exposures.attributeCount
        var segmentKeys: [StatisticsTable.SegmentKey] = []
        var segmentSlot: [[Int: Int]] = dimensionColumns.map { _ in [:] }

        // Enrollment days.
        let exposed = exposures.variant.indices.filter { exposures.variant[$0] >= 0 }
        let firstDayMilliseconds = exposed.map { exposures.firstTime[$0] }.min().map { ($0 / 86_400_000) * 86_400_000 } ?? 0
        let lastDay = exposed.map { Int((exposures.firstTime[$0] - firstDayMilliseconds) / 86_400_000) }.max() ?? 0
        let dayCount = lastDay + 1
        let days = (0..<dayCount).map { ISO8601.format(milliseconds: firstDayMilliseconds + Int64($0) * 86_400_000).prefix(10) }.map(String.init)

        // Units analysed, and exclusions.
        var excluded: [String: Int] = [:]
        var analysed: [Int] = []
        analysed.reserveCapacity(exposed.count)
        for unit in exposed {
            if exposures.inSeveralVariants[unit] { excluded["exposed to several variants", default: 0] += 1 } else { analysed.append(unit) }
        }
        var units = Array(repeating: 0, count: variantCount)
        var newUnitsPerDay = Array(repeating: Array(repeating: 0, count: variantCount), count: dayCount)
        var unitVariant = [Int](repeating: 0, count: analysed.count)
        var unitDay = [Int](repeating: 0, count: analysed.count)
        var unitSegments = [Int](repeating: -1, count: analysed.count * max(1, dimensionColumns.count))
        for (row, unit) in analysed.enumerated() {
            let position = positionOfVariant[exposures.variant[unit]] ?? 0
            unitVariant[row] = position
            units[position] += 1
            let day = Int((exposures.firstTime[unit] - firstDayMilliseconds) / 86_400_000)
            unitDay[row] = day
            newUnitsPerDay[day][position] += 1
            for (dimensionIndex, column) in dimensionColumns.enumerated() {
                let valueID = exposures.attributes[unit * attributeCount + column]
                guard valueID >= 0 else { continue }
                let key = Int(valueID)
                if let slot = segmentSlot[dimensionIndex][key] {
                    unitSegments[row * dimensionColumns.count + dimensionIndex] = slot
                } else {
                    let slot = segmentKeys.count
                    segmentSlot[dimensionIndex][key] = slot
                    segmentKeys.append(StatisticsTable.SegmentKey(
                        dimension: spec.dimensions[dimensionIndex],
                        value: vocabulary.attributeValue(attribute: Int32(column), value: valueID)))
                    unitSegments[row * dimensionColumns.count + dimensionIndex] = slot
                }
            }
        }

        // Metrics: each metric's table is independent of the others (reads the unit rows,
        // writes its own sums), so two threads build them, metric i on thread i % 2. Results do
        // not depend on the split: each table is built exactly as on one thread.
        func metricTable(_ metricIndex: Int) -> StatisticsTable.MetricTable {
            let layout = layouts[metricIndex]
            if let position = quantileMetrics.firstIndex(of: metricIndex) {
                return quantileTable(layout: layout, position: position, analysed: analysed,
                                     unitVariant: unitVariant, unitSegments: unitSegments, dimensions: dimensionColumns.count,
                                     segmentKeys: segmentKeys, variantCount: variantCount)
            }
            let dimension = layout.dimension
            let caps = capLevels(layout: layout, analysed: analysed)
            // Moment sums of every (group, variant) in one flat buffer: group 0 overall, then one
            // per enrollment day, then one per segment; each block is count, sums, then the
            // upper triangle of products (MomentSums' own layout). Nested arrays of MomentSums
            // cost a uniqueness check per add (4% of analyze); same additions, same order.
            let block = 1 + dimension + dimension * dimension
            let dimensionCount = dimensionColumns.count
            var moments = [Double](repeating: 0, count: (1 + dayCount + segmentKeys.count) * variantCount * block)
            var buffer = [Double](repeating: 0, count: dimension)
            moments.withUnsafeMutableBufferPointer { moments in
                buffer.withUnsafeMutableBufferPointer { buffer in
                    @inline(__always) func add(group: Int, variant: Int) {
                        let base = (group * variantCount + variant) * block
                        moments[base] += 1
                        for row in 0..<dimension {
                            let value = buffer[row]
                            moments[base + 1 + row] += value
                            for column in row..<dimension {
                                moments[base + 1 + dimension + row * dimension + column] += value * buffer[column]
                            }
                        }
                    }
                    for (row, unit) in analysed.enumerated() {
                        let base = unit * rowStride + 1
                        for variable in 0..<dimension {
                            var value = values[base + layout.variables[variable]]
                            if layout.isProportion { value = value > 0 ? 1 : 0 }
                            if let cap = caps[variable] { value = min(value, cap) }
                            buffer[variable] = value
                        }
                        let variant = unitVariant[row]
                        add(group: 0, variant: variant)
                        add(group: 1 + unitDay[row], variant: variant)
                        for dimensionIndex in 0..<dimensionCount {
                            let slot = unitSegments[row * dimensionCount + dimensionIndex]
                            if slot >= 0 { add(group: 1 + dayCount + slot, variant: variant) }
                        }
                    }
                }
            }
            func sums(group: Int) -> [MomentSums] {
                (0..<variantCount).map { variant in
                    let base = (group * variantCount + variant) * block
                    return MomentSums(count: moments[base], sums: Array(moments[(base + 1)..<(base + 1 + dimension)]),
                                      products: Array(moments[(base + 1 + dimension)..<(base + block)]))
                }
            }
            let overall = sums(group: 0)
            let daily = (0..<dayCount).map { sums(group: 1 + $0) }
            let segments = segmentKeys.indices.map { sums(group: 1 + dayCount + $0) }
            var bySegment: [StatisticsTable.SegmentKey: [MomentSums]] = [:]
            for (slot, key) in segmentKeys.enumerated() { bySegment[key] = segments[slot] }
            return StatisticsTable.MetricTable(name: layout.metric.name, overall: overall, segments: bySegment, daily: daily,
                                               unitValues: nil, segmentUnitValues: nil)
        }
        var built = [StatisticsTable.MetricTable?](repeating: nil, count: layouts.count)
        built.withUnsafeMutableBufferPointer { built in
            let started = runConcurrently(
                background: { for index in stride(from: 1, to: layouts.count, by: 2) { built[index] = metricTable(index) } },
                foreground: { for index in stride(from: 0, to: layouts.count, by: 2) { built[index] = metricTable(index) } })
            if !started {
                for index in layouts.indices { built[index] = metricTable(index) }
            }
        }
        let tables = built.compactMap { $0 }
        return StatisticsTable(variants: variantNames, units: units, excluded: excluded, metrics: tables, days: days,
                               newUnitsPerDay: newUnitsPerDay, dataQuality: dataQuality)
    }

    /// Cap levels per variable (nil: no cap): the spec's value, or the quantile (type 7) of the
    /// analysed units' values, each variable capped at its own quantile.
    private func capLevels(layout: MetricLayout, analysed: [Int]) -> [Double?] {
        guard let cap = layout.metric.cap else { return Array(repeating: nil, count: layout.dimension) }
        switch cap {
        case .value(let level):
            return Array(repeating: level, count: layout.dimension)
        case .quantile(let probability):
            return (0..<layout.dimension).map { variable in
                let column = analysed.map { values[$0 * rowStride + 1 + layout.variables[variable]] }
                guard !column.isEmpty else { return nil }
                // Selection, not a sort: two order statistics of a million values.
                var order = OrderStatistics(column)
                let position = probability * Double(column.count - 1)
                let lower = Int(position.rounded(.down))
                let lowerValue = order.value(atRank: lower)
                let upperValue = lower + 1 < column.count ? order.value(atRank: lower + 1) : lowerValue
                return lowerValue + (position - Double(lower)) * (upperValue - lowerValue)
            }
        }
    }

    /// Quantile metric `position`'s event values grouped per variant and per segment: units
    /// in analysed order, each unit's values in arrival order, units without values left out.
    /// A counting sort by unit, then one copy per group. O(events x (1 + dimensions) + units).
    private func quantileTable(layout: MetricLayout, position: Int, analysed: [Int], unitVariant: [Int], unitSegments: [Int],
                               dimensions: Int, segmentKeys: [StatisticsTable.SegmentKey], variantCount: Int) -> StatisticsTable.MetricTable {
        let units = quantileUnits[position]
        let arrivals = quantileEventValues[position]
        var starts = [Int](repeating: 0, count: unitCapacity + 1)
        for unit in units { starts[Int(unit) + 1] += 1 }
        for unit in 0..<unitCapacity { starts[unit + 1] += starts[unit] }
        var byUnit = [Double](repeating: 0, count: arrivals.count)
        var next = Array(starts.dropLast())
        for (index, unit) in units.enumerated() {
            byUnit[next[Int(unit)]] = arrivals[index]
            next[Int(unit)] += 1
        }
        var perVariant = Array(repeating: UnitGroupedValues(), count: variantCount)
        var perSegment = Array(repeating: perVariant, count: segmentKeys.count)
        byUnit.withUnsafeBufferPointer { byUnit in
            for (row, unit) in analysed.enumerated() where starts[unit + 1] > starts[unit] {
                let values = UnsafeBufferPointer(rebasing: byUnit[starts[unit]..<starts[unit + 1]])
                perVariant[unitVariant[row]].append(unit: values)
                for dimensionIndex in 0..<dimensions {
                    let slot = unitSegments[row * dimensions + dimensionIndex]
                    if slot >= 0 { perSegment[slot][unitVariant[row]].append(unit: values) }
                }
            }
        }
        var bySegment: [StatisticsTable.SegmentKey: [UnitGroupedValues]] = [:]
        for (slot, key) in segmentKeys.enumerated() { bySegment[key] = perSegment[slot] }
        return StatisticsTable.MetricTable(name: layout.metric.name, overall: [], segments: [:], daily: [], unitValues: perVariant,
                                           segmentUnitValues: bySegment)
    }
}
