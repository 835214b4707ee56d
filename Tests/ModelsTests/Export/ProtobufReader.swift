import Foundation

/// A tiny protobuf wire-format decoder, written independently of the exporter's writer so the
/// tests can check the bytes' structure without onnxruntime.
struct ProtobufMessage {
    enum Value {
        case varint(UInt64)
        case fixed32(UInt32)
        case fixed64(UInt64)
        case bytes([UInt8])
    }

    struct DecodingError: Error {}

    /// Fields in file order.
    var fields: [(number: Int, value: Value)] = []

    init(_ data: [UInt8]) throws {
        var position = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard position < data.count, shift < 64 else { throw DecodingError() }
                let byte = data[position]; position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
            }
        }
        func fixed(_ count: Int) throws -> UInt64 {
            guard position + count <= data.count else { throw DecodingError() }
            var result: UInt64 = 0
            for index in 0..<count { result |= UInt64(data[position + index]) << (8 * UInt64(index)) }
            position += count
            return result
        }
        while position < data.count {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint())))
            case 1: fields.append((number, .fixed64(try fixed(8))))
            case 5: fields.append((number, .fixed32(UInt32(try fixed(4)))))
            case 2:
                let length = Int(try varint())
                guard position + length <= data.count else { throw DecodingError() }
                fields.append((number, .bytes(Array(data[position..<position + length]))))
                position += length
            default: throw DecodingError()
            }
        }
    }

    func all(_ number: Int) -> [Value] { fields.filter { $0.number == number }.map(\.value) }

    func integer(_ number: Int) -> Int64? {
        if case .varint(let value)? = all(number).last { return Int64(bitPattern: value) }
        return nil
    }

    func string(_ number: Int) -> String? {
        if case .bytes(let bytes)? = all(number).last { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    func strings(_ number: Int) -> [String] {
        all(number).compactMap { if case .bytes(let bytes) = $0 { return String(decoding: bytes, as: UTF8.self) } else { return nil } }
    }

    func messages(_ number: Int) throws -> [ProtobufMessage] {
        try all(number).compactMap { if case .bytes(let bytes) = $0 { return try ProtobufMessage(bytes) } else { return nil } }
    }

    func message(_ number: Int) throws -> ProtobufMessage? { try messages(number).last }

    /// A repeated int64 field, packed or not.
    func integers(_ number: Int) throws -> [Int64] {
        var result: [Int64] = []
        for value in all(number) {
            switch value {
            case .varint(let v): result.append(Int64(bitPattern: v))
            case .bytes(let bytes):
                var position = 0
                while position < bytes.count {
                    var v: UInt64 = 0, shift: UInt64 = 0
                    while true {
                        guard position < bytes.count else { throw DecodingError() }
                        let byte = bytes[position]; position += 1
                        v |= UInt64(byte & 0x7F) << shift
                        if byte < 0x80 { break }
                        shift += 7
                    }
                    result.append(Int64(bitPattern: v))
                }
            default: throw DecodingError()
            }
        }
        return result
    }

    /// A repeated float field, packed or not.
    func floats(_ number: Int) throws -> [Float] {
        var result: [Float] = []
        for value in all(number) {
            switch value {
            case .fixed32(let bits): result.append(Float(bitPattern: bits))
            case .bytes(let bytes):
                guard bytes.count % 4 == 0 else { throw DecodingError() }
                for start in stride(from: 0, to: bytes.count, by: 4) {
                    let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + $1]) << (8 * UInt32($1)) }
                    result.append(Float(bitPattern: bits))
                }
            default: throw DecodingError()
            }
        }
        return result
    }

    /// A repeated double field, packed or not.
    func doubles(_ number: Int) throws -> [Double] {
        var result: [Double] = []
        for value in all(number) {
            switch value {
            case .fixed64(let bits): result.append(Double(bitPattern: bits))
            case .bytes(let bytes):
                guard bytes.count % 8 == 0 else { throw DecodingError() }
                for start in stride(from: 0, to: bytes.count, by: 8) {
                    let bits = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * UInt64($1)) }
                    result.append(Double(bitPattern: bits))
                }
            default: throw DecodingError()
            }
        }
        return result
    }
}
