/// Event values grouped by unit, stored flat: unit i's values are
/// `values[unitStarts[i] ..< unitStarts[i + 1]]`.
///
/// The input of unit-clustered quantile estimates. Why flat rather than `[[Double]]`: an arm of
/// a large experiment has a million units; one array per unit costs a million allocations and
/// a reference count per access, which dominated the quantile part of `analyze`.
public struct UnitGroupedValues: Sendable, Equatable {
    /// All events' values, unit after unit.
    public private(set) var values: [Double]
    /// `unitCount + 1` offsets into `values`, ascending, starting at 0.
    public private(set) var unitStarts: [Int]

    /// No units.
    public init() {
        values = []
        unitStarts = [0]
    }

    /// From one array of values per unit (units without values allowed).
    public init(_ units: [[Double]]) {
        self.init()
        values.reserveCapacity(units.reduce(0) { $0 + $1.count })
        unitStarts.reserveCapacity(units.count + 1)
        for unit in units { append(unit: unit) }
    }

    /// From flat storage. - Precondition: `unitStarts` starts at 0, ascends, ends at `values.count`.
    public init(values: [Double], unitStarts: [Int]) {
        precondition(unitStarts.first == 0 && unitStarts.last == values.count,
                     "unitStarts must run from 0 to values.count (\(values.count)); got \(unitStarts.first ?? -1) ... \(unitStarts.last ?? -1)")
        self.values = values
        self.unitStarts = unitStarts
    }

    public var unitCount: Int { unitStarts.count - 1 }
    public var eventCount: Int { values.count }

    /// Appends one unit with these values. Amortised O(values).
    public mutating func append<C: Collection>(unit: C) where C.Element == Double {
        values.append(contentsOf: unit)
        unitStarts.append(values.count)
    }

    /// The values of unit `index`.
    public func unit(_ index: Int) -> ArraySlice<Double> { values[unitStarts[index]..<unitStarts[index + 1]] }
}
