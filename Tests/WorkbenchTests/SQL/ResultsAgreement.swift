import Foundation
@testable import Workbench

/// Differences between two `results.json` documents, numbers compared to a relative tolerance.
///
/// Both results are encoded as sorted-key JSON; the texts are split into numbers and the text
/// between them. The text must match exactly, and every number pair (including numbers
/// inside notes and decision reasons) must agree to `relativeTolerance` of the larger
/// magnitude. Tokens that look numeric but are not numbers (dates) are compared as text.
enum ResultsAgreement {
    static func differences(_ actual: ExperimentResults, _ expected: ExperimentResults, relativeTolerance: Double) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let left = tokens(String(decoding: try encoder.encode(actual), as: UTF8.self))
        let right = tokens(String(decoding: try encoder.encode(expected), as: UTF8.self))
        guard left.count == right.count else {
            return ["different shapes: \(left.count) vs \(right.count) tokens; first text difference: "
                + (zip(left, right).first { $0.0 != $0.1 && (Double($0.0) == nil || Double($0.1) == nil) }.map { "\($0.0) vs \($0.1)" } ?? "none")]
        }
        var found: [String] = []
        var context = ""
        for (a, b) in zip(left, right) {
            if let x = Double(a), let y = Double(b), a.first.map({ $0.isNumber || $0 == "-" }) == true {
                let scale = max(abs(x), abs(y))
                if x != y && abs(x - y) > relativeTolerance * scale {
                    found.append("\(context.suffix(80)): \(a) vs \(b) (relative \(abs(x - y) / scale))")
                }
            } else if a != b {
                found.append("text differs: \(a.prefix(200)) vs \(b.prefix(200))")
            } else {
                context = a
            }
        }
        return found
    }

    /// Alternating text and number tokens. A number starts at a digit (or a minus before a
    /// digit) that does not continue a word, e.g. the `0` in `sum_v0` is text.
    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inNumber = false
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if inNumber {
                if character.isNumber || character == "." || character == "e" || character == "E"
                    || ((character == "-" || character == "+") && (characters[index - 1] == "e" || characters[index - 1] == "E")) {
                    current.append(character)
                    continue
                }
                result.append(current)
                current = ""
                inNumber = false
            }
            let previous = index > 0 ? characters[index - 1] : " "
            let startsWord = !(previous.isLetter || previous.isNumber || previous == "_" || previous == "-" || previous == ".")
            let startsNumber = character.isNumber
                || (character == "-" && index + 1 < characters.count && characters[index + 1].isNumber)
            if startsNumber && startsWord {
                result.append(current)
                current = String(character)
                inNumber = true
            } else {
                current.append(character)
            }
        }
        result.append(current)
        return result
    }
}
