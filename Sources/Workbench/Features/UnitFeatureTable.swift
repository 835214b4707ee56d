/// One row per unit with the features of `docs/features.md` and the label, ready for
/// `workbench train --target label --ignore unit_id`.
public struct UnitFeatureTable: Sendable, Equatable {
    /// Column names: `unit_id`, the features, `label`.
    public var columns: [String]
    /// Unit ids, sorted by UTF-8 bytes.
    public var units: [String]
    /// Feature values per unit (row-major, `columns.count - 2` per unit).
    public var features: [[Double]]
    /// 0/1 label per unit.
    public var labels: [Int]

    /// The table as CSV text (header, then one line per unit; integral values without a
    /// fraction, others in shortest round-trip form; fields with commas or quotes quoted).
    public var csv: String {
        var text = columns.map(Self.quoted).joined(separator: ",") + "\n"
        for (index, unit) in units.enumerated() {
            text += Self.quoted(unit)
            for value in features[index] { text += "," + Self.format(value) }
            text += ",\(labels[index])\n"
        }
        return text
    }

    /// A number as written in the CSV.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A CSV field, quoted when it holds a comma, quote, or line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    /// `self` with every `target` replaced (small helper to avoid importing Foundation here).
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
