/// Logged arm counts in one score decile: where the log can and cannot tell the arms apart.
public struct SupportDecile: Sendable, Equatable, Codable {
    /// 1 ... 10, lowest scores first.
    public var decile: Int
    /// Smallest score in the decile.
    public var minimumScore: Double
    /// Largest score in the decile.
    public var maximumScore: Double
    /// Units in the decile (n/10, rounded by rank).
    public var units: Int
    /// Logged treatment units in the decile.
    public var treatment: Int
    /// Logged control units in the decile.
    public var control: Int
    /// Set when either arm has fewer units than the minimum: estimates that treat (or withhold
    /// treatment from) this decile rest on few units.
    public var warning: String?

    enum CodingKeys: String, CodingKey {
        case decile, units, treatment, control, warning
        case minimumScore = "minimum_score"
        case maximumScore = "maximum_score"
    }
}
