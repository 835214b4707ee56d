/// One input column of a model: its name, whether it is numeric or categorical, and for a
/// categorical column the levels it was trained on.
///
/// Categorical levels are stored sorted by their UTF-8 bytes; a level's integer code is its
/// index in `levels` (0, 1, 2, ...). A value not in `levels` at scoring time is an *unknown
/// level* and is treated exactly like a missing value (see `docs/artifact-format.md`).
public struct FeatureColumn: Sendable, Codable, Equatable {
    /// How a column's cells are read.
    public enum Kind: String, Sendable, Codable, Equatable {
        /// Decimal numbers; empty cells and `NaN` are missing.
        case numeric
        /// Text labels mapped to integer codes via `levels`.
        case categorical
    }

    /// The CSV header name.
    public var name: String
    /// Numeric or categorical.
    public var type: Kind
    /// Categorical levels, sorted by UTF-8 bytes; the code of `levels[i]` is `i`. Empty for numeric columns.
    public var levels: [String]

    /// Creates a column description.
    public init(name: String, type: Kind, levels: [String] = []) {
        self.name = name
        self.type = type
        self.levels = levels
    }

    enum CodingKeys: String, CodingKey { case name, type, levels }

    /// Decodes a column; `levels` may be omitted for numeric columns.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(Kind.self, forKey: .type)
        levels = try container.decodeIfPresent([String].self, forKey: .levels) ?? []
    }

    /// Encodes a column; `levels` is written only for categorical columns.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        if type == .categorical { try container.encode(levels, forKey: .levels) }
    }

    /// The integer code of a categorical level, or `nil` for an unknown level. O(log levels).
    public func code(of level: String) -> Int? {
        let key = Array(level.utf8)
        var low = 0
        var high = levels.count
        while low < high {
            let middle = (low + high) / 2
            let probe = Array(levels[middle].utf8)
            if probe.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return low < levels.count && levels[low] == level ? low : nil
    }
}
