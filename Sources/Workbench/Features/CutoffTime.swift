/// Parses a cutoff time as the ingest reader parses timestamps.
public enum CutoffTime {
    /// Epoch milliseconds of ISO-8601 text with a zone, a bare date `YYYY-MM-DD` (midnight
    /// UTC), or epoch seconds/milliseconds; `nil` when the text is none of these.
    public static func parse(_ text: String) -> Int64? {
        let full = text.utf8.count == 10 && text.utf8.dropFirst(4).first == 0x2D ? text + "T00:00:00Z" : text
        var bytes = Array(full.utf8)
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer -> Int64? in
            guard let base = buffer.baseAddress else { return nil }
            let field = FieldSlice(start: UnsafePointer(base), count: buffer.count)
            switch TimestampParser(format: .auto, naiveIsUTC: false).parse(field) {
            case .success(let milliseconds): return milliseconds
            case .failure: return nil
            }
        }
    }
}
