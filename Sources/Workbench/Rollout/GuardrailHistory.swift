/// An experiment's exposures and guardrail events, loaded once and replayed many times.
///
/// Units are dense indices `0..<unitCount`, in order of first appearance in the exposures.
/// Events are one time-sorted stream in struct-of-arrays form (21 bytes per event: unit,
/// time, value, event index), holding only events of the guardrail metrics' event names that
/// fall in their unit's window `[first exposure, first exposure + window)`. Units exposed to
/// more than one variant are dropped at load time and counted in `excludedUnits`.
///
/// Memory: about 40 bytes per unit plus the unit id strings, plus 21 bytes per kept event.
/// Built by `GuardrailHistory.load(source:experiment:control:treatment:metrics:windowDays:options:)`
/// or, for tests and other callers holding data in memory, by `init(...)`.
public struct GuardrailHistory: Sendable {
    /// The unit id strings, by dense index.
    public let unitIDs: [String]
    /// A 64-bit FNV-1a hash of each unit id's UTF-8 bytes (the input of A/A re-hashing).
    public let unitHashes: [UInt64]
    /// First exposure time per unit, ms since the epoch.
    public let firstExposure: [Int64]
    /// Historical arm per unit: 0 = control, 1 = treatment, -1 = another variant (not replayed).
    public let arm: [Int8]
    /// The control and treatment variant names.
    public let controlVariant: String
    public let treatmentVariant: String
    /// Units dropped because they were exposed to more than one variant.
    public let excludedUnits: Int
    /// Event names the stream's `eventIndex` refers to.
    public let eventNames: [String]
    /// The aggregates the metrics read (distinct (event, function) pairs).
    public let aggregates: [ReplayAggregate]
    /// The guardrail metrics, their shapes indexing `aggregates`.
    public let metrics: [GuardrailMetric]
    /// Metric window after first exposure, ms.
    public let windowMilliseconds: Int64

    /// The event stream, sorted by time (stable: equal times keep file order).
    public let eventUnit: [Int32]
    public let eventTime: [Int64]
    public let eventValue: [Double]
    public let eventIndex: [UInt8]

    /// Creates a history from in-memory arrays; sorts the events by time.
    ///
    /// - Precondition: per-unit arrays of equal length; per-event arrays of equal length;
    ///   event units in range; event indices below `eventNames.count` (at most 255 names).
    public init(
        unitIDs: [String], firstExposure: [Int64], arm: [Int8], controlVariant: String, treatmentVariant: String,
        excludedUnits: Int, eventNames: [String], aggregates: [ReplayAggregate], metrics: [GuardrailMetric],
        windowMilliseconds: Int64, eventUnit: [Int32], eventTime: [Int64], eventValue: [Double], eventIndex: [UInt8]
    ) {
        precondition(unitIDs.count == firstExposure.count && unitIDs.count == arm.count,
                     "unit arrays differ in length: \(unitIDs.count), \(firstExposure.count), \(arm.count)")
        precondition(eventUnit.count == eventTime.count && eventUnit.count == eventValue.count && eventUnit.count == eventIndex.count,
                     "event arrays differ in length: \(eventUnit.count), \(eventTime.count), \(eventValue.count), \(eventIndex.count)")
        precondition(eventNames.count <= 255, "at most 255 event names, got \(eventNames.count)")
        self.unitIDs = unitIDs
        self.unitHashes = unitIDs.map(GuardrailHistory.hash)
        self.firstExposure = firstExposure
        self.arm = arm
        self.controlVariant = controlVariant
        self.treatmentVariant = treatmentVariant
        self.excludedUnits = excludedUnits
        self.eventNames = eventNames
        self.aggregates = aggregates
        self.metrics = metrics
        self.windowMilliseconds = windowMilliseconds
        // Stable sort by time (file order breaks ties), then permute the four arrays.
        var order = Array(0..<eventTime.count)
        let sorted = zip(eventTime, eventTime.dropFirst()).allSatisfy { $0 <= $1 }
        if !sorted {
            order.sort { eventTime[$0] != eventTime[$1] ? eventTime[$0] < eventTime[$1] : $0 < $1 }
        }
        self.eventUnit = sorted ? eventUnit : order.map { eventUnit[$0] }
        self.eventTime = sorted ? eventTime : order.map { eventTime[$0] }
        self.eventValue = sorted ? eventValue : order.map { eventValue[$0] }
        self.eventIndex = sorted ? eventIndex : order.map { eventIndex[$0] }
        for unit in eventUnit {
            precondition(unit >= 0 && Int(unit) < unitIDs.count, "event unit \(unit) outside 0..<\(unitIDs.count)")
        }
    }

    public var unitCount: Int { unitIDs.count }
    public var eventCount: Int { eventTime.count }

    /// The historical assignment as the replayer takes it (0 control, 1 treatment, -1 other).
    public var historicalAssignment: [Int8] { arm }

    /// Earliest first exposure (ms), or nil without units.
    public var earliestExposure: Int64? { firstExposure.min() }

    /// Latest time that can carry data: the end of the last unit's window, or nil without units.
    public var latestWindowEnd: Int64? { firstExposure.max().map { $0 + windowMilliseconds } }

    /// FNV-1a (64-bit) of the UTF-8 bytes: stable across runs and platforms.
    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return value
    }
}
