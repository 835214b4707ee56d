import Foundation

/// A minimal Protocol Buffers wire-format encoder: enough to write the ONNX messages.
///
/// **Why hand-written.** The usual route, swift-protobuf, needs `protoc` plus a generated
/// `onnx.pb.swift` (thousands of lines) and a new package dependency. ONNX export needs only
/// about ten messages (model, graph, node, attribute, tensor, value info, type, shape,
/// operator-set id, string pair), all built from four wire types, so encoding them directly
/// is short and auditable. The field numbers used are named where each message is built
/// (`ONNXMessage`), quoted from `onnx/onnx.proto`.
///
/// Wire format (protobuf encoding spec): every field is a key varint `(fieldNumber << 3) |
/// wireType` followed by its payload. Wire types used: 0 varint (int32, int64, enum),
/// 1 fixed64 (double), 2 length-delimited (string, bytes, sub-message, packed repeated),
/// 5 fixed32 (float). Multi-byte fixed values are little-endian. Negative int32/int64
/// values are sign-extended to 64 bits and take 10 bytes, as protobuf requires for
/// `int32`/`int64` (not `sint`).
struct ProtobufWriter: Sendable {
    /// The encoded bytes so far.
    private(set) var bytes: [UInt8] = []

    /// Wire types of the protobuf encoding.
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// Appends a base-128 varint (7 bits per byte, least significant group first).
    mutating func appendVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(remaining & 0x7F) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    /// Appends a field key.
    mutating func appendKey(_ field: Int, _ wireType: WireType) {
        precondition(field > 0 && field < 1 << 29, "protobuf field number \(field) out of range")
        appendVarint(UInt64(field) << 3 | wireType.rawValue)
    }

    /// An `int32`/`int64`/enum field (negative values sign-extended to 64 bits).
    mutating func writeInteger(_ field: Int, _ value: Int64) {
        appendKey(field, .varint)
        appendVarint(UInt64(bitPattern: value))
    }

    /// A `float` field (fixed32, IEEE 754 binary32 little-endian).
    mutating func writeFloat(_ field: Int, _ value: Float) {
        appendKey(field, .fixed32)
        appendLittleEndian(UInt64(value.bitPattern), byteCount: 4)
    }

    /// A `double` field (fixed64, IEEE 754 binary64 little-endian).
    mutating func writeDouble(_ field: Int, _ value: Double) {
        appendKey(field, .fixed64)
        appendLittleEndian(value.bitPattern, byteCount: 8)
    }

    /// A `string` field (UTF-8, length-delimited).
    mutating func writeString(_ field: Int, _ value: String) {
        writeBytes(field, Array(value.utf8))
    }

    /// A `bytes` field or an already-encoded sub-message (length-delimited).
    mutating func writeBytes(_ field: Int, _ value: [UInt8]) {
        appendKey(field, .lengthDelimited)
        appendVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A sub-message field, encoded by `body` into its own writer first (its length
    /// prefix must be known before its bytes).
    mutating func writeMessage(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        writeBytes(field, nested.bytes)
    }

    /// A packed repeated `int32`/`int64` field: one length-delimited run of varints.
    mutating func writePackedIntegers(_ field: Int, _ values: [Int64]) {
        guard !values.isEmpty else { return }
        var packed = ProtobufWriter()
        for value in values { packed.appendVarint(UInt64(bitPattern: value)) }
        writeBytes(field, packed.bytes)
    }

    /// A packed repeated `float` field: one length-delimited run of fixed32 values.
    mutating func writePackedFloats(_ field: Int, _ values: [Float]) {
        guard !values.isEmpty else { return }
        var packed = ProtobufWriter()
        for value in values { packed.appendLittleEndian(UInt64(value.bitPattern), byteCount: 4) }
        writeBytes(field, packed.bytes)
    }

    /// A packed repeated `double` field: one length-delimited run of fixed64 values.
    mutating func writePackedDoubles(_ field: Int, _ values: [Double]) {
        guard !values.isEmpty else { return }
        var packed = ProtobufWriter()
        for value in values { packed.appendLittleEndian(value.bitPattern, byteCount: 8) }
        writeBytes(field, packed.bytes)
    }

    private mutating func appendLittleEndian(_ value: UInt64, byteCount: Int) {
        for index in 0..<byteCount { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }
}
