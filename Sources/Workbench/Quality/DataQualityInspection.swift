/// Reads an export once and produces its `DataQualityReport`.
///
/// Two streaming passes: exposures first (building the `ExposureIndex`), then events checked
/// against each unit's windows. Memory grows with units and experiments only.
public struct DataQualityInspection {
    public var options: ReadOptions
    /// Metric window after first exposure, days (default 14).
    public var windowDays: Double = 14
    /// Pre-period before first exposure, days (default 14).
    public var prePeriodDays: Double = 14

    public init(options: ReadOptions) { self.options = options }

    /// Inspects an export.
    public func run(source: ExportSource, progress: ProgressBar? = nil) throws -> DataQualityReport {
        let clock = ProgressBar.now()
        let reader = ExportReader(options: options.reportingProgress(to: progress))
        let collector = DataQualityCollector(windowDays: windowDays, prePeriodDays: prePeriodDays)
        let reports = try source.read(with: reader, exposures: collector.record, eventBatches: collector.record)
        progress?.finish()
        return collector.report(files: reports, vocabulary: reader.vocabulary, seconds: ProgressBar.now() - clock)
    }
}

extension ReadOptions {
    /// These options with progress drawn on `bar` (unchanged when `bar` is nil).
    func reportingProgress(to bar: ProgressBar?) -> ReadOptions {
        guard let bar else { return self }
        var copy = self
        copy.progress = { file, bytes in bar.update(label: "reading \(file)", done: bytes, total: nil) }
        return copy
    }
}

/// Collects data-quality figures while an export streams past: exposures first, then events.
/// A class: the reader's closures share it.
final class DataQualityCollector {
    private(set) var index: ExposureIndex?
    private var counter: WindowCounter?
    /// Window counts supplied by the caller (`takeWindowCounts`), which then skips the
    /// per-event window check: an analysis of a single experiment classifies every event
    /// against the same windows anyway.
    private var suppliedWindowCounts: (ofUnexposedUnits: Int, outsideWindows: Int)?
    /// Set before events arrive: the caller will supply the window counts.
    var callerCountsWindows = false
    private var eventsByName: [Int] = []
    private var first = Int64.max
    private var last = Int64.min
    let windowDays: Double
    let prePeriodDays: Double

    init(windowDays: Double, prePeriodDays: Double) {
        self.windowDays = windowDays
        self.prePeriodDays = prePeriodDays
    }

    func record(_ exposure: Exposure) {
        if index == nil { index = ExposureIndex(attributeCount: exposure.attributes.count) }
        index?.record(exposure)
        first = min(first, exposure.time)
        last = max(last, exposure.time)
    }

    @inline(__always)
    func record(_ event: Event) {
        let counter = self.counter ?? makeCounter()
        counter.count(event)
        let eventID = Int(event.event)
        if eventID >= eventsByName.count { eventsByName += Array(repeating: 0, count: eventID + 1 - eventsByName.count) }
        eventsByName[eventID] += 1
        if event.time < first { first = event.time }
        if event.time > last { last = event.time }
    }

    /// Records a batch of events (same result as recording each in order), touching each
    /// unit's window state first so the cache misses overlap.
    func record(_ events: UnsafeBufferPointer<Event>) {
        // Per-batch locals instead of per-event property updates (each `eventsByName` write
        // on a class's array paid a uniqueness check).
        var largestEvent = -1
        var batchFirst = first
        var batchLast = last
        for event in events {
            largestEvent = max(largestEvent, Int(event.event))
            batchFirst = min(batchFirst, event.time)
            batchLast = max(batchLast, event.time)
        }
        first = batchFirst
        last = batchLast
        if largestEvent >= eventsByName.count { eventsByName += Array(repeating: 0, count: largestEvent + 1 - eventsByName.count) }
        eventsByName.withUnsafeMutableBufferPointer { counts in
            for event in events { counts[Int(event.event)] += 1 }
        }
        if callerCountsWindows { return }
        let counter = self.counter ?? makeCounter()
        // Groups of 256: the touched lines must still be in cache when used.
        var start = 0
        while start < events.count {
            let group = UnsafeBufferPointer(rebasing: events[start..<min(start + 256, events.count)])
            counter.touch(group)
            for event in group { counter.count(event) }
            start += group.count
        }
    }

    /// Supplies the window counts of every event recorded (see `callerCountsWindows`).
    func takeWindowCounts(ofUnexposedUnits: Int, outsideWindows: Int) {
        suppliedWindowCounts = (ofUnexposedUnits, outsideWindows)
    }

    /// The window and pre-period lengths in ms this collector judges events by.
    var windowLengths: (window: Int64, prePeriod: Int64) {
        (Int64(windowDays * 86_400_000), Int64(prePeriodDays * 86_400_000))
    }

    private func makeCounter() -> WindowCounter {
        let counter = WindowCounter(index: exposureIndex, windowDays: windowDays, prePeriodDays: prePeriodDays)
        self.counter = counter
        return counter
    }

    /// The exposure index built so far (empty when no exposure was read).
    var exposureIndex: ExposureIndex { index ?? ExposureIndex(attributeCount: 0) }

    func report(files: [IngestReport], vocabulary: Vocabulary, seconds: Double) -> DataQualityReport {
        let exposures = exposureIndex
        let variantNames = vocabulary.variantNames
        let experiments = exposures.experiments.enumerated().map { id, experiment in
            let counts = experiment.unitsPerVariant(variantCount: variantNames.count)
            var perVariant: [String: Int] = [:]
            for (variant, count) in counts.enumerated() where count > 0 { perVariant[variantNames[variant]] = count }
            return DataQualityReport.ExperimentQuality(
                name: vocabulary.experimentName(Int32(id)), exposureRows: experiment.exposureRows,
                unitsPerVariant: perVariant, unitsInSeveralVariants: experiment.unitsInSeveralVariants)
        }
        var byName: [String: Int] = [:]
        for (id, count) in eventsByName.enumerated() where count > 0 { byName[vocabulary.eventName(Int32(id))] = count }
        return DataQualityReport(
            files: files, units: vocabulary.unitCount, experiments: experiments,
            eventsByName: byName,
            eventsOfUnexposedUnits: suppliedWindowCounts?.ofUnexposedUnits ?? counter?.ofUnexposedUnits ?? 0,
            eventsOutsideWindows: suppliedWindowCounts?.outsideWindows ?? counter?.outsideWindows ?? 0, windowDays: windowDays, prePeriodDays: prePeriodDays,
            firstTimestamp: first == Int64.max ? nil : ISO8601.format(milliseconds: first),
            lastTimestamp: last == Int64.min ? nil : ISO8601.format(milliseconds: last),
            bytesRead: files.reduce(0) { $0 + $1.bytesRead }, seconds: seconds)
    }
}

/// Counts events that fall outside every experiment window of their unit.
///
/// A class over one flat, unit-major buffer of first-exposure times (`unit * experiments + e`),
/// because it is called once per event row: measured at 17% of `analyze`'s CPU when it walked
/// an array of per-experiment arrays (retain/release and uniqueness checks per event).
final class WindowCounter {
    private let starts: UnsafeMutablePointer<Int64>
    private let unitCount: Int
    private let experimentCount: Int
    let windowMilliseconds: Int64
    let preMilliseconds: Int64
    private(set) var ofUnexposedUnits = 0
    private(set) var outsideWindows = 0

    init(index: ExposureIndex, windowDays: Double, prePeriodDays: Double) {
        experimentCount = index.experiments.count
        unitCount = index.experiments.map(\.firstTime.count).max() ?? 0
        starts = LargeTableMemory.allocate(Int64.self, count: max(1, unitCount * experimentCount))
        starts.initialize(repeating: Int64.max, count: max(1, unitCount * experimentCount))
        for (experiment, entry) in index.experiments.enumerated() {
            for (unit, time) in entry.firstTime.enumerated() { starts[unit * experimentCount + experiment] = time }
        }
        windowMilliseconds = Int64(windowDays * 86_400_000)
        preMilliseconds = Int64(prePeriodDays * 86_400_000)
    }

    deinit { LargeTableMemory.release(starts, count: max(1, unitCount * experimentCount)) }

    /// Loads each event's unit row once, without using it: independent loads whose cache
    /// misses overlap, so that `count` then finds the rows in cache.
    func touch(_ events: UnsafeBufferPointer<Event>) {
        var sum: Int64 = 0
        for event in events where Int(event.unit) < unitCount { sum &+= starts[Int(event.unit) * experimentCount] }
        touchSink &+= sum
    }

    /// Keeps `touch`'s loads from being optimised away.
    private var touchSink: Int64 = 0

    /// O(experiments) per event.
    @inline(__always)
    func count(_ event: Event) {
        let unit = Int(event.unit)
        guard unit < unitCount else {
            ofUnexposedUnits += 1
            return
        }
        var exposed = false
        let base = unit * experimentCount
        for experiment in 0..<experimentCount {
            let start = starts[base + experiment]
            if start == Int64.max { continue }
            exposed = true
            if event.time >= start - preMilliseconds && event.time < start + windowMilliseconds { return }
        }
        if exposed { outsideWindows += 1 } else { ofUnexposedUnits += 1 }
    }
}
