import Foundation
import Testing

@testable import Models

/// The wire encoder against byte strings from the protobuf encoding specification.
@Suite("Protobuf writer")
struct ProtobufWriterTests {
    @Test("Varint, negative int64, string, fixed32/64 and packed fields match the spec's bytes")
    func specificationBytes() {
        var writer = ProtobufWriter()
        writer.writeInteger(1, 150)  // the spec's example message `08 96 01`
        #expect(writer.bytes == [0x08, 0x96, 0x01])

        writer = ProtobufWriter()
        writer.writeString(2, "testing")  // spec: `12 07 74 65 73 74 69 6e 67`
        #expect(writer.bytes == [0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67])

        writer = ProtobufWriter()
        writer.writeInteger(1, -1)  // int64 -1: ten bytes, sign-extended
        #expect(writer.bytes == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])

        writer = ProtobufWriter()
        writer.writeFloat(2, 1.0)  // key 0x15, 0x3F800000 little-endian
        #expect(writer.bytes == [0x15, 0x00, 0x00, 0x80, 0x3F])

        writer = ProtobufWriter()
        writer.writeDouble(1, 1.0)  // key 0x09, 0x3FF0000000000000 little-endian
        #expect(writer.bytes == [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])

        writer = ProtobufWriter()
        writer.writePackedIntegers(4, [3, 270, 86942])  // spec's packed example: `22 06 03 8E 02 9E A7 05`
        #expect(writer.bytes == [0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05])

        writer = ProtobufWriter()
        writer.writePackedFloats(7, [])  // empty repeated fields are omitted
        #expect(writer.bytes.isEmpty)

        writer = ProtobufWriter()
        writer.writeMessage(3) { $0.writeInteger(1, 150) }  // spec: embedded message `1a 03 08 96 01`
        #expect(writer.bytes == [0x1A, 0x03, 0x08, 0x96, 0x01])
    }
}
