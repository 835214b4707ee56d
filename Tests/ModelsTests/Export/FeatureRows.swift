import Foundation

/// Numbers in the fixtures' and check scripts' JSON: every number is a string (Python's
/// `repr`, Swift's `description`: shortest exact round trip, "nan"/"inf" included), because
/// JSON has no NaN/infinity and Foundation's JSON number parsing is not always correctly
/// rounded (a row placed exactly on a threshold must stay exactly there).
enum FeatureRows {
    static func number(_ cell: Any) -> Double? {
        guard let text = cell as? String else { return nil }
        return Double(text)
    }

    static func numbers(_ value: Any?) -> [Double]? {
        guard let cells = value as? [Any] else { return nil }
        let values = cells.compactMap(number)
        return values.count == cells.count ? values : nil
    }

    static func decode(_ value: Any?) -> [[Double]] {
        guard let rows = value as? [Any] else { return [] }
        return rows.compactMap(numbers)
    }

    /// Writes `{"features": rows}` to `url`.
    static func write(_ rows: [[Double]], to url: URL) throws {
        let cells = rows.map { $0.map(\.description) }
        try JSONSerialization.data(withJSONObject: ["features": cells]).write(to: url)
    }
}
