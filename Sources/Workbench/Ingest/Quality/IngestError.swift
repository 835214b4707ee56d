/// A problem with an input file, located as precisely as the reader can.
///
/// The description reads as one sentence a user can act on:
/// `events.csv:1042:3: bad timestamp "2026-13-01": expected ISO-8601 ... (fix the row, or
/// pass --on-bad-row skip to skip and count such rows)`.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem, also the keys under which skipped rows are counted.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case unreadableFile = "unreadable file"
        case corruptCompression = "corrupt compression"
        case emptyFile = "empty file"
        case missingColumn = "missing column"
        case wrongColumnCount = "wrong column count"
        case truncatedLine = "truncated line"
        case unclosedQuote = "unclosed quote"
        case badTimestamp = "bad timestamp"
        case badNumber = "non-numeric value"
        case missingValue = "missing required value"
        case badJSON = "malformed JSON"

        /// Whether a row with this problem can be skipped; file-level problems cannot.
        public var isRowLevel: Bool {
            switch self {
            case .unreadableFile, .corruptCompression, .emptyFile, .missingColumn: return false
            default: return true
            }
        }
    }

    /// The file as the user named it.
    public var file: String
    /// 1-based physical line number, when the problem is in a line.
    public var line: Int?
    /// 1-based column: the field number for CSV (the key's field for JSON), when known.
    public var column: Int?
    public var kind: Kind
    /// What was found, e.g. `"2026-13-01" is not a date`.
    public var detail: String
    /// What to do about it.
    public var hint: String

    public init(file: String, line: Int?, column: Int?, kind: Kind, detail: String, hint: String) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(kind.rawValue): \(detail) (\(hint))"
    }
}
