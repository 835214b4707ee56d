/// The format of an export file.
public enum FileFormat: String, Sendable, Codable, CaseIterable {
    /// Decide from the name (`.csv`, `.ndjson`, `.jsonl`, `.json`, each optionally `.gz`) and,
    /// failing that, from the first non-blank byte (`{` NDJSON, `[` JSON array, else CSV).
    case auto
    /// CSV with a header row (RFC 4180 quoting, CRLF or LF).
    case csv
    /// NDJSON (one object per line) or a JSON array of objects.
    case json
}
