/// One exposure row: a unit saw a variant of an experiment at a time.
///
/// Ids index the reader's `Vocabulary`. `attributes[i]` is the value id of the i-th attribute
/// column (`ExportReader.attributeColumns`), or -1 when the row has no value there. The buffer
/// is valid only during the callback that receives the exposure.
public struct Exposure {
    public var unit: Int32
    public var experiment: Int32
    public var variant: Int32
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var time: Int64
    public var attributes: UnsafeBufferPointer<Int32>
}

/// One metric event: a unit did something (with a value) at a time.
public struct Event {
    public var unit: Int32
    public var event: Int32
    /// The event's value; 1 when the export leaves it empty (a count).
    public var value: Double
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var time: Int64
}
