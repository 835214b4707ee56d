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
        let reports = try source.read(with: reader, exposures: collector.record, events: collector.record)
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

    func record(_ event: Event) {
        if counter == nil {
            counter = WindowCounter(index: exposureIndex, windowDays: windowDays, prePeriodDays: prePeriodDays)
        }
        counter?.count(event)
        let eventID = Int(event.event)
        if eventID >= eventsByName.count { eventsByName += Array(repeating: 0, count: eventID + 1 - eventsByName.count) }
        eventsByName[eventID] += 1
        first = min(first, event.time)
        last = max(last, event.time)
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
            eventsByName: byName, eventsOfUnexposedUnits: counter?.ofUnexposedUnits ?? 0,
            eventsOutsideWindows: counter?.outsideWindows ?? 0, windowDays: windowDays, prePeriodDays: prePeriodDays,
            firstTimestamp: first == Int64.max ? nil : ISO8601.format(milliseconds: first),
            lastTimestamp: last == Int64.min ? nil : ISO8601.format(milliseconds: last),
            bytesRead: files.reduce(0) { $0 + $1.bytesRead }, seconds: seconds)
    }
}

/// Counts events that fall outside every experiment window of their unit.
struct WindowCounter {
    /// Per experiment: each unit's first exposure time (`Int64.max` when not exposed).
    private let firstTimes: [[Int64]]
    let windowMilliseconds: Int64
    let preMilliseconds: Int64
    private(set) var ofUnexposedUnits = 0
    private(set) var outsideWindows = 0

    init(index: ExposureIndex, windowDays: Double, prePeriodDays: Double) {
        firstTimes = index.experiments.map(\.firstTime)
        windowMilliseconds = Int64(windowDays * 86_400_000)
        preMilliseconds = Int64(prePeriodDays * 86_400_000)
    }

    /// O(experiments) per event.
    @inline(__always)
    mutating func count(_ event: Event) {
        var exposed = false
        let unit = Int(event.unit)
        for times in firstTimes where unit < times.count {
            let start = times[unit]
            if start == Int64.max { continue }
            exposed = true
            if event.time >= start - preMilliseconds && event.time < start + windowMilliseconds { return }
        }
        if exposed { outsideWindows += 1 } else { ofUnexposedUnits += 1 }
    }
}
