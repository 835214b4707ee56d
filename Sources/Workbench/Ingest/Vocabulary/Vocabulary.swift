/// The names seen while reading an export, each mapped to a dense id.
///
/// Shared by the exposure and event readers so a unit id means the same unit in both files.
/// A class because it is shared, mutable state with identity: several readers add to one.
/// Not thread-safe: one reader at a time.
public final class Vocabulary {
    let units = ByteStringInterner(expectedCount: 1 << 16)
    let experiments = ByteStringInterner(expectedCount: 16)
    let variants = ByteStringInterner(expectedCount: 16)
    let events = ByteStringInterner(expectedCount: 64)
    /// Attribute names (segment dimensions such as `country`), by id.
    let attributeNames = ByteStringInterner(expectedCount: 16)
    /// Values per attribute, indexed by attribute id.
    private(set) var attributeValues: [ByteStringInterner] = []

    public init() {}

    /// Number of distinct units seen in any file.
    public var unitCount: Int { units.count }
    public var experimentNames: [String] { experiments.strings }
    public var variantNames: [String] { variants.strings }
    public var eventNames: [String] { events.strings }

    public func unitName(_ id: Int32) -> String { units.string(id) }
    public func experimentName(_ id: Int32) -> String { experiments.string(id) }
    public func variantName(_ id: Int32) -> String { variants.string(id) }
    public func eventName(_ id: Int32) -> String { events.string(id) }
    /// The id of a variant name, when seen.
    public func variantID(_ name: String) -> Int32? { variants.lookup(name) }
    /// The id of an event name, when seen.
    public func eventID(_ name: String) -> Int32? { events.lookup(name) }
    /// The id of an experiment name, when seen.
    public func experimentID(_ name: String) -> Int32? { experiments.lookup(name) }

    /// The id of an attribute column, adding it when new.
    func attributeID(_ name: String) -> Int32 {
        let id = attributeNames.intern(name)
        while attributeValues.count <= Int(id) { attributeValues.append(ByteStringInterner(expectedCount: 64)) }
        return id
    }

    /// Attribute column names in id order.
    public var attributeColumns: [String] { attributeNames.strings }

    /// The value with this id in an attribute column.
    public func attributeValue(attribute: Int32, value: Int32) -> String {
        attributeValues[Int(attribute)].string(value)
    }
}
