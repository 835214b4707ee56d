/// Escaping for text taken from the data (experiment, metric, variant and segment names,
/// notes, file names) before it enters a report.
///
/// Names come from user exports and may contain anything, including markup; the reports must
/// show them literally and must never let them open an element or break a table row.
public enum ReportEscaping {
    /// Escapes text for HTML element content and quoted attribute values (`& < > " '`).
    ///
    /// Complexity O(n) in the text's length.
    public static func html(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            // Control characters other than tab/newline are invalid in HTML and XML (SVG).
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Escapes text for Markdown (a table cell, a heading or a list item).
    ///
    /// Backslashes first (a trailing `\` would otherwise escape the cell's closing pipe), then
    /// the pipe, the characters that start inline markup (`` ` * _ [ ] ``), and `< > &` as
    /// entities so that a renderer that passes HTML through shows them as text. Line breaks
    /// become spaces: a row must stay on one line. Complexity O(n).
    public static func markdown(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "|": escaped += "\\|"
            case "`": escaped += "\\`"
            case "*": escaped += "\\*"
            case "_": escaped += "\\_"
            case "[": escaped += "\\["
            case "]": escaped += "\\]"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\n", "\r", "\t": escaped += " "
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{7F}": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
