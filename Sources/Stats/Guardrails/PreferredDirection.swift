/// Which direction of change is good for a metric.
public enum PreferredDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Higher is better (conversion, revenue).
    case increase
    /// Lower is better (latency, error rate).
    case decrease
}
