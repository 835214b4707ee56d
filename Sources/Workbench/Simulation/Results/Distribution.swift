/// Summary of a sample of replicate values.
public struct Distribution: Sendable, Equatable, Codable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var p10: Double
    public var p90: Double
    public var minimum: Double
    public var maximum: Double
}
