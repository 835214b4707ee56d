/// One level of a segment attribute (a country or a platform) with its share of units.
public struct SegmentLevel: Sendable, Codable, Equatable {
    /// The value written to exposures.csv, e.g. `US` or `ios`.
    public var name: String
    /// Share of units with this level; the shares of one attribute are normalised to sum to 1.
    public var weight: Double
    /// Multiplier on every request latency for units with this level (platforms only;
    /// 1 for countries). Lets latency vary by segment without changing the treatment effect.
    public var latencyFactor: Double

    /// Creates a level; `latencyFactor` defaults to 1.
    public init(name: String, weight: Double, latencyFactor: Double = 1) {
        self.name = name
        self.weight = weight
        self.latencyFactor = latencyFactor
    }

    /// Countries with a skewed, realistic mix (shares sum to 1).
    public static let defaultCountries: [SegmentLevel] = [
        .init(name: "US", weight: 0.40), .init(name: "GB", weight: 0.12), .init(name: "DE", weight: 0.10),
        .init(name: "FR", weight: 0.08), .init(name: "BR", weight: 0.08), .init(name: "IN", weight: 0.07),
        .init(name: "JP", weight: 0.05), .init(name: "CA", weight: 0.05), .init(name: "ES", weight: 0.03),
        .init(name: "MX", weight: 0.02),
    ]

    /// Platforms: Android requests are slower and web requests faster than iOS.
    public static let defaultPlatforms: [SegmentLevel] = [
        .init(name: "ios", weight: 0.45, latencyFactor: 1.0),
        .init(name: "android", weight: 0.40, latencyFactor: 1.2),
        .init(name: "web", weight: 0.15, latencyFactor: 0.85),
    ]
}
