import Foundation

/// The one way artifacts are serialised, so equal values give equal bytes.
///
/// Keys sorted (byte order), no insignificant whitespace, `/` not escaped, doubles in the
/// shortest form that reads back to the same value (Foundation's encoder prints Swift's
/// round-trip `description`), a final newline. Non-finite numbers are refused (JSON has none).
enum CanonicalJSON {
    /// Encodes `value` canonically.
    static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Encodes `value` with sorted keys and indentation, for files people read (the manifest).
    static func encodePretty<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes `type` from `data` (plain decoding: nothing in the file is executed).
    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try JSONDecoder().decode(type, from: data)
    }
}
