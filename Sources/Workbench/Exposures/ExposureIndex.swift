/// Each unit's first exposure per experiment, built in one streaming pass over exposures.
///
/// Units are counted from their first exposure (the earliest timestamp, whatever the file
/// order); a unit seen in more than one variant of an experiment is flagged, so analyses can
/// exclude and count it. Memory: about 17 bytes per unit per experiment plus 4 bytes per
/// attribute, never per row. Recording one exposure is O(1 + attributes).
public struct ExposureIndex {
    /// One experiment's per-unit state, indexed by unit id.
    public struct Experiment {
        /// First exposure time in ms since the epoch; `Int64.max` when never exposed.
        public fileprivate(set) var firstTime: [Int64] = []
        /// Variant id at first exposure; -1 when never exposed.
        public fileprivate(set) var variant: [Int32] = []
        /// Whether the unit was seen in more than one variant.
        public fileprivate(set) var inSeveralVariants: [Bool] = []
        /// Attribute value ids at first exposure, `attributeCount` per unit (-1: none).
        public fileprivate(set) var attributes: [Int32] = []
        /// Exposure rows seen for this experiment (repeats included).
        public fileprivate(set) var exposureRows = 0
        public let attributeCount: Int

        init(attributeCount: Int) { self.attributeCount = attributeCount }

        /// Whether the unit with this id was exposed.
        public func isExposed(_ unit: Int32) -> Bool {
            Int(unit) < variant.count && variant[Int(unit)] >= 0
        }

        fileprivate mutating func ensureCapacity(_ unit: Int) {
            if unit < variant.count { return }
            let newCount = max(unit + 1, variant.count * 2, 1024)
            let added = newCount - variant.count
            firstTime.append(contentsOf: repeatElement(Int64.max, count: added))
            variant.append(contentsOf: repeatElement(-1, count: added))
            inSeveralVariants.append(contentsOf: repeatElement(false, count: added))
            attributes.append(contentsOf: repeatElement(-1, count: added * attributeCount))
        }

        fileprivate mutating func record(_ exposure: Exposure) {
            let unit = Int(exposure.unit)
            ensureCapacity(unit)
            exposureRows += 1
            let current = variant[unit]
            if current < 0 {
                variant[unit] = exposure.variant
                firstTime[unit] = exposure.time
                copyAttributes(exposure, unit: unit)
                return
            }
            if current != exposure.variant { inSeveralVariants[unit] = true }
            if exposure.time < firstTime[unit] {
                // An earlier exposure read later: it defines the unit's start and variant.
                firstTime[unit] = exposure.time
                variant[unit] = exposure.variant
                copyAttributes(exposure, unit: unit)
            }
        }

        private mutating func copyAttributes(_ exposure: Exposure, unit: Int) {
            let base = unit * attributeCount
            for index in 0..<min(attributeCount, exposure.attributes.count) {
                attributes[base + index] = exposure.attributes[index]
            }
        }

        /// Exposed units per variant id (units in several variants included, under their first).
        public func unitsPerVariant(variantCount: Int) -> [Int] {
            var counts = Array(repeating: 0, count: variantCount)
            for value in variant where value >= 0 && Int(value) < variantCount { counts[Int(value)] += 1 }
            return counts
        }

        /// Number of units seen in more than one variant.
        public var unitsInSeveralVariants: Int { inSeveralVariants.reduce(0) { $0 + ($1 ? 1 : 0) } }
        /// Number of exposed units.
        public var exposedUnits: Int { variant.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
    }

    /// Per experiment id.
    public private(set) var experiments: [Experiment] = []
    public let attributeCount: Int

    public init(attributeCount: Int) { self.attributeCount = attributeCount }

    /// Records one exposure row. O(1 + attributes) amortised.
    public mutating func record(_ exposure: Exposure) {
        let index = Int(exposure.experiment)
        while experiments.count <= index { experiments.append(Experiment(attributeCount: attributeCount)) }
        experiments[index].record(exposure)
    }
}
