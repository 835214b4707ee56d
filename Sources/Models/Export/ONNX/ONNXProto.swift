import Foundation

/// The few ONNX protobuf messages the exporter writes, with their `onnx.proto` field numbers.
///
/// Only the fields the exporter sets are modelled. Field numbers are those of
/// `onnx/onnx.proto` (proto2, unchanged since IR version 3); each `encode` names the message
/// and the numbers it writes. Repeated scalars are written packed, which every protobuf
/// parser accepts for proto2 `repeated` numeric fields.
enum ONNXProto {
    /// `TensorProto.DataType` values of the element types the exporter writes.
    enum ElementType: Int64, Sendable, Equatable {
        case float = 1
        case uint8 = 2
        case int64 = 7
        case bool = 9
        case double = 11
    }

    /// One attribute value; the case fixes `AttributeProto.type`.
    enum AttributeValue: Sendable, Equatable {
        case int(Int64)
        case float(Float)
        case string(String)
        case tensor(Tensor)
        case ints([Int64])
        case floats([Float])
        case strings([String])
    }

    /// `AttributeProto`: name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, strings = 9,
    /// type = 20 (`AttributeType`: FLOAT 1, INT 2, STRING 3, TENSOR 4, FLOATS 6, INTS 7, STRINGS 8).
    struct Attribute: Sendable, Equatable {
        var name: String
        var value: AttributeValue

        func encode(into writer: inout ProtobufWriter) {
            writer.writeString(1, name)
            switch value {
            case .float(let value): writer.writeFloat(2, value); writer.writeInteger(20, 1)
            case .int(let value): writer.writeInteger(3, value); writer.writeInteger(20, 2)
            case .string(let value): writer.writeString(4, value); writer.writeInteger(20, 3)
            case .tensor(let tensor): writer.writeMessage(5) { tensor.encode(into: &$0) }; writer.writeInteger(20, 4)
            case .floats(let values): writer.writePackedFloats(7, values); writer.writeInteger(20, 6)
            case .ints(let values): writer.writePackedIntegers(8, values); writer.writeInteger(20, 7)
            case .strings(let values):
                for value in values { writer.writeString(9, value) }
                writer.writeInteger(20, 8)
            }
        }
    }

    /// `NodeProto`: input = 1, output = 2, name = 3, op_type = 4, attribute = 5, domain = 7.
    struct Node: Sendable, Equatable {
        var inputs: [String]
        var outputs: [String]
        var name: String
        var operatorType: String
        /// Empty for the default `ai.onnx` domain.
        var domain: String = ""
        var attributes: [Attribute] = []

        func encode(into writer: inout ProtobufWriter) {
            for input in inputs { writer.writeString(1, input) }
            for output in outputs { writer.writeString(2, output) }
            writer.writeString(3, name)
            writer.writeString(4, operatorType)
            for attribute in attributes { writer.writeMessage(5) { attribute.encode(into: &$0) } }
            if !domain.isEmpty { writer.writeString(7, domain) }
        }
    }

    /// A constant tensor: a graph initializer or a `TENSOR` attribute.
    ///
    /// `TensorProto`: dims = 1, data_type = 2, float_data = 4, int32_data = 5 (also holds
    /// `uint8` and `bool` elements), int64_data = 7, name = 8, double_data = 10; all packed.
    struct Tensor: Sendable, Equatable {
        /// The element values; the case fixes `data_type` and the data field.
        enum Elements: Sendable, Equatable {
            case float([Float])
            case double([Double])
            case int64([Int64])
            case uint8([UInt8])
            case bool([Bool])
        }

        /// Empty for a tensor attribute.
        var name: String = ""
        /// Empty for a scalar.
        var dimensions: [Int64]
        var elements: Elements

        /// A float32 tensor, or a float64 one, of `values` (rounded to nearest float32 for `.float`).
        init(name: String = "", dimensions: [Int64], values: [Double], elementType: ElementType) {
            precondition(elementType == .float || elementType == .double, "numeric tensors are float or double, got \(elementType)")
            self.name = name
            self.dimensions = dimensions
            elements = elementType == .float ? .float(values.map { Float($0) }) : .double(values)
        }

        init(name: String = "", dimensions: [Int64], elements: Elements) {
            self.name = name
            self.dimensions = dimensions
            self.elements = elements
        }

        func encode(into writer: inout ProtobufWriter) {
            writer.writePackedIntegers(1, dimensions)
            switch elements {
            case .float(let values):
                writer.writeInteger(2, ElementType.float.rawValue)
                writer.writePackedFloats(4, values)
            case .double(let values):
                writer.writeInteger(2, ElementType.double.rawValue)
                writer.writePackedDoubles(10, values)
            case .int64(let values):
                writer.writeInteger(2, ElementType.int64.rawValue)
                writer.writePackedIntegers(7, values)
            case .uint8(let values):
                writer.writeInteger(2, ElementType.uint8.rawValue)
                writer.writePackedIntegers(5, values.map { Int64($0) })
            case .bool(let values):
                writer.writeInteger(2, ElementType.bool.rawValue)
                writer.writePackedIntegers(5, values.map { $0 ? 1 : 0 })
            }
            if !name.isEmpty { writer.writeString(8, name) }
        }
    }

    /// One dimension of a tensor shape: a fixed size or a named symbolic size such as the batch.
    enum Dimension: Sendable, Equatable {
        case fixed(Int64)
        case symbolic(String)
    }

    /// A typed tensor graph input or output (float or double elements).
    ///
    /// `ValueInfoProto`: name = 1, type = 2. `TypeProto`: tensor_type = 1.
    /// `TypeProto.Tensor`: elem_type = 1, shape = 2. `TensorShapeProto`: dim = 1.
    /// `TensorShapeProto.Dimension`: dim_value = 1, dim_param = 2.
    struct ValueInfo: Sendable, Equatable {
        var name: String
        var elementType: ElementType = .float
        var dimensions: [Dimension]

        func encode(into writer: inout ProtobufWriter) {
            writer.writeString(1, name)
            writer.writeMessage(2) { type in
                type.writeMessage(1) { tensor in
                    tensor.writeInteger(1, elementType.rawValue)
                    tensor.writeMessage(2) { shape in
                        for dimension in dimensions {
                            shape.writeMessage(1) { entry in
                                switch dimension {
                                case .fixed(let size): entry.writeInteger(1, size)
                                case .symbolic(let name): entry.writeString(2, name)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `GraphProto`: node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12.
    struct Graph: Sendable, Equatable {
        var name: String
        var nodes: [Node]
        var initializers: [Tensor] = []
        var inputs: [ValueInfo]
        var outputs: [ValueInfo]
        var documentation: String = ""

        func encode(into writer: inout ProtobufWriter) {
            for node in nodes { writer.writeMessage(1) { node.encode(into: &$0) } }
            writer.writeString(2, name)
            for tensor in initializers { writer.writeMessage(5) { tensor.encode(into: &$0) } }
            if !documentation.isEmpty { writer.writeString(10, documentation) }
            for input in inputs { writer.writeMessage(11) { input.encode(into: &$0) } }
            for output in outputs { writer.writeMessage(12) { output.encode(into: &$0) } }
        }
    }

    /// `ModelProto`: ir_version = 1, producer_name = 2, producer_version = 3, model_version = 5,
    /// doc_string = 6, graph = 7, opset_import = 8, metadata_props = 14.
    /// `OperatorSetIdProto`: domain = 1, version = 2. `StringStringEntryProto`: key = 1, value = 2.
    struct Model: Sendable {
        /// IR version: 8 (ONNX 1.10+, read by onnxruntime 1.10 on) unless the graph needs a newer
        /// operator set (10 for `ai.onnx.ml` 5, ONNX 1.16).
        var irVersion: Int64 = 8
        /// `(domain, version)`; `""` is the default `ai.onnx` domain.
        var operatorSets: [(domain: String, version: Int64)]
        var producerName = "workbench"
        var producerVersion = "1"
        var modelVersion: Int64 = 1
        var documentation: String
        var graph: Graph
        var metadata: [(key: String, value: String)]

        /// The binary `.onnx` file contents.
        func serialized() -> Data {
            var writer = ProtobufWriter()
            writer.writeInteger(1, irVersion)
            writer.writeString(2, producerName)
            writer.writeString(3, producerVersion)
            writer.writeInteger(5, modelVersion)
            if !documentation.isEmpty { writer.writeString(6, documentation) }
            writer.writeMessage(7) { graph.encode(into: &$0) }
            for operatorSet in operatorSets {
                writer.writeMessage(8) { entry in
                    entry.writeString(1, operatorSet.domain)
                    entry.writeInteger(2, operatorSet.version)
                }
            }
            for entry in metadata {
                writer.writeMessage(14) { pair in
                    pair.writeString(1, entry.key)
                    pair.writeString(2, entry.value)
                }
            }
            return Data(writer.bytes)
        }
    }
}
