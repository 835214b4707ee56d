/// The metric events written to events.csv.
public enum EventKind: UInt8, Sendable, CaseIterable, Codable {
    /// A page view; value empty.
    case pageView
    /// A backend request; value = latency in ms with one decimal.
    case request
    /// A failed request, written at the same second as its request; value empty (count 1).
    case error
    /// A purchase; value = revenue in currency units with two decimals.
    case purchase

    /// The name in the `event` column.
    public var name: String {
        switch self {
        case .pageView: return "page_view"
        case .request: return "request"
        case .error: return "error"
        case .purchase: return "purchase"
        }
    }
}
