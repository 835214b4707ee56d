#if canImport(Glibc)
import Glibc
#endif

/// Extracts requested values from one JSON object whose bytes are complete in a buffer.
///
/// Recursive descent over `[position, end)`; requested paths are matched level by level with a
/// 64-bit mask of candidate slots, so nothing is allocated per record.
struct ObjectParser {
    struct Failure {
        var position: Int
        var reason: String
    }

    let buffer: UnsafeMutablePointer<UInt8>
    let end: Int
    let paths: [[[UInt8]]]
    private var position = 0

    init(buffer: UnsafeMutablePointer<UInt8>, end: Int, paths: [[[UInt8]]]) {
        self.buffer = buffer
        self.end = end
        self.paths = paths
    }

    /// Where parsing stopped: after a successful `parseObject`, just past the object's `}`.
    var endPosition: Int { position }

    /// Parses the object at `at`; returns a failure or nil on success.
    mutating func parseObject(
        at: Int, depth: Int, candidates: UInt64, slots: UnsafeMutableBufferPointer<FieldSlice>,
        present: UnsafeMutableBufferPointer<Bool>, slotStarts: inout [Int]
    ) -> Failure? {
        position = at
        return object(depth: depth, candidates: candidates, slots: slots, present: present, slotStarts: &slotStarts)
    }

    private mutating func skipBlanks() {
        while position < end {
            let byte = buffer[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 } else { return }
        }
    }

    private mutating func object(
        depth: Int, candidates: UInt64, slots: UnsafeMutableBufferPointer<FieldSlice>,
        present: UnsafeMutableBufferPointer<Bool>, slotStarts: inout [Int]
    ) -> Failure? {
        guard position < end, buffer[position] == 0x7B else { return Failure(position: position, reason: "expected {") }
        position += 1
        skipBlanks()
        if position < end && buffer[position] == 0x7D {
            position += 1
            return nil
        }
        while true {
            skipBlanks()
            guard position < end, buffer[position] == 0x22 else {
                return Failure(position: position, reason: "expected a quoted key")
            }
            let keyStart = position + 1
            guard let keyEnd = rawStringEnd(from: keyStart) else {
                return Failure(position: position, reason: "a key's quote is not closed")
            }
            position = keyEnd + 1
            skipBlanks()
            guard position < end, buffer[position] == 0x3A else { return Failure(position: position, reason: "expected : after a key") }
            position += 1
            skipBlanks()
            // Which candidate slots does this key continue?
            var leaves: UInt64 = 0
            var deeper: UInt64 = 0
            var remaining = candidates
            let keyLength = keyEnd - keyStart
            while remaining != 0 {
                let slot = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                let components = paths[slot]
                guard depth < components.count else { continue }
                let component = components[depth]
                if component.count == keyLength && component.withUnsafeBufferPointer({ key in
                    guard let base = key.baseAddress else { return true }  // both empty
                    return memcmp(base, buffer + keyStart, keyLength) == 0
                }) {
                    if components.count == depth + 1 { leaves |= UInt64(1) << slot } else { deeper |= UInt64(1) << slot }
                }
            }
            if deeper != 0 && position < end && buffer[position] == 0x7B {
                if let failure = object(depth: depth + 1, candidates: deeper, slots: slots, present: present, slotStarts: &slotStarts) {
                    return failure
                }
            } else if leaves != 0 {
                let valueStart = position
                guard let value = scalarValue() else {
                    return Failure(position: valueStart, reason: "malformed value")
                }
                var assign = leaves
                while assign != 0 {
                    let slot = assign.trailingZeroBitCount
                    assign &= assign - 1
                    slotStarts[slot] = valueStart
                    if let value {
                        slots[slot] = value
                        present[slot] = true
                    }
                }
            } else if let failure = skipValue() {
                return failure
            }
            skipBlanks()
            guard position < end else { return Failure(position: position, reason: "object not closed") }
            if buffer[position] == 0x2C {
                position += 1
                continue
            }
            if buffer[position] == 0x7D {
                position += 1
                return nil
            }
            return Failure(position: position, reason: "expected , or } after a value")
        }
    }

    /// The end quote of a string whose content starts at `from`, skipping escapes.
    private func rawStringEnd(from: Int) -> Int? {
        var scan = from
        while scan < end {
            let byte = buffer[scan]
            if byte == 0x5C { scan += 2; continue }
            if byte == 0x22 { return scan }
            scan += 1
        }
        return nil
    }

    /// Reads a requested value: a string (unescaped in place), number, true/false, or null
    /// (returned as `.some(nil)`); objects and arrays are returned as their raw text.
    /// Returns `nil` when the value is malformed.
    private mutating func scalarValue() -> FieldSlice?? {
        guard position < end else { return nil }
        let byte = buffer[position]
        if byte == 0x22 {
            return unescapedString().map { Optional($0) }
        }
        if byte == 0x6E {  // null
            guard position + 4 <= end, buffer[position + 1] == 0x75, buffer[position + 2] == 0x6C, buffer[position + 3] == 0x6C else { return nil }
            position += 4
            return .some(nil)
        }
        let valueStart = position
        if byte == 0x7B || byte == 0x5B {
            if skipValue() != nil { return nil }
            return FieldSlice(start: UnsafePointer(buffer + valueStart), count: position - valueStart)
        }
        // Number or literal: up to the next delimiter.
        while position < end {
            let next = buffer[position]
            if next == 0x2C || next == 0x7D || next == 0x5D || next == 0x20 || next == 0x0A || next == 0x0D || next == 0x09 { break }
            position += 1
        }
        if position == valueStart { return nil }
        return FieldSlice(start: UnsafePointer(buffer + valueStart), count: position - valueStart)
    }

    /// Unescapes the string at `position` in place; returns its content.
    private mutating func unescapedString() -> FieldSlice? {
        position += 1
        let contentStart = position
        var write = position
        while position < end {
            let byte = buffer[position]
            if byte == 0x22 {
                position += 1
                return FieldSlice(start: UnsafePointer(buffer + contentStart), count: write - contentStart)
            }
            if byte == 0x5C {
                guard position + 1 < end else { return nil }
                let escaped = buffer[position + 1]
                position += 2
                switch escaped {
                case 0x22, 0x5C, 0x2F: buffer[write] = escaped; write += 1
                case 0x62: buffer[write] = 0x08; write += 1
                case 0x66: buffer[write] = 0x0C; write += 1
                case 0x6E: buffer[write] = 0x0A; write += 1
                case 0x72: buffer[write] = 0x0D; write += 1
                case 0x74: buffer[write] = 0x09; write += 1
                case 0x75:
                    guard var scalar = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < end, buffer[position] == 0x5C, buffer[position + 1] == 0x75 {
                        position += 2
                        guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    if let encoded = UTF8.encode(character) {
                        for unit in encoded { buffer[write] = unit; write += 1 }
                    }
                default:
                    return nil
                }
                continue
            }
            buffer[write] = byte
            write += 1
            position += 1
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= end else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[position]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// Skips any JSON value, checking only its bracket and quote structure.
    private mutating func skipValue() -> Failure? {
        guard position < end else { return Failure(position: position, reason: "missing value") }
        let byte = buffer[position]
        if byte == 0x22 {
            guard let close = rawStringEnd(from: position + 1) else { return Failure(position: position, reason: "a string's quote is not closed") }
            position = close + 1
            return nil
        }
        if byte == 0x7B || byte == 0x5B {
            var depth = 0
            while position < end {
                let next = buffer[position]
                if next == 0x22 {
                    guard let close = rawStringEnd(from: position + 1) else { return Failure(position: position, reason: "a string's quote is not closed") }
                    position = close + 1
                    continue
                }
                if next == 0x7B || next == 0x5B { depth += 1 }
                if next == 0x7D || next == 0x5D {
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        return nil
                    }
                }
                position += 1
            }
            return Failure(position: position, reason: "a nested value is not closed")
        }
        let valueStart = position
        while position < end {
            let next = buffer[position]
            if next == 0x2C || next == 0x7D || next == 0x5D || next == 0x20 || next == 0x0A || next == 0x0D || next == 0x09 { break }
            position += 1
        }
        return position == valueStart ? Failure(position: position, reason: "missing value") : nil
    }
}
