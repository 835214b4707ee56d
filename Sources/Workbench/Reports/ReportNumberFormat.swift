import Foundation

/// How the reports print numbers for people: percents with sensible digits, p-values such as
/// `0.0123` or `< 1e-10`, counts with thousands separators, and "—" for a missing number.
///
/// Every function is deterministic and locale-independent (POSIX digits, `.` as the decimal
/// point, `,` between thousands), and never prints `nan` or `inf`: a non-finite input is shown
/// as the missing sign, exactly like `nil`, because the results contract forbids such values.
public enum ReportNumberFormat {
    /// The sign shown in place of a missing (`null`) or non-finite number.
    public static let missing = "—"

    /// A relative change (a fraction, `0.0321` = 3.21 %) as a signed percent: `+3.21%`.
    ///
    /// Digits follow the magnitude: two decimals below 10 %, one below 100 %, none above;
    /// three decimals below 0.1 % so that small but real lifts do not print as `+0.00%`.
    public static func signedPercent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return missing }
        let percent = fraction * 100
        let text = fixed(percent, decimals: percentDecimals(percent))
        if text.hasPrefix("-") { return "−" + text.dropFirst() + "%" }
        return (isZero(text) ? "" : "+") + text + "%"
    }

    /// A share or probability (a fraction in [0, 1]) as an unsigned percent: `48.7%`.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return missing }
        let percent = fraction * 100
        return fixed(percent, decimals: percentDecimals(percent)) + "%"
    }

    /// An interval of relative changes: `[−1.20%, +4.85%]`; an open side prints as "—".
    public static func percentInterval(_ low: Double?, _ high: Double?) -> String {
        if low == nil && high == nil { return missing }
        return "[\(signedPercent(low)), \(signedPercent(high))]"
    }

    /// An interval of values in the metric's units: `[−0.012, 0.034]`.
    public static func valueInterval(_ low: Double?, _ high: Double?) -> String {
        if low == nil && high == nil { return missing }
        return "[\(value(low)), \(value(high))]"
    }

    /// A p-value: four decimals from 0.0001 up, scientific below (`3.2e-05`), `< 1e-10` below
    /// that; `1` prints as `1.0000`.
    public static func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return missing }
        if p < 1e-10 { return "< 1e-10" }
        if p < 0.0001 { return scientific(p, significantDigits: 2) }
        return fixed(min(p, 1), decimals: 4)
    }

    /// A metric value or standard error with four significant digits and no trailing zeros
    /// (`0.1234`, `12.35`, `0.0004`, `412`, `1,234`; scientific such as `2.5e-06` below 1e-4
    /// and from 1e7 on).
    public static func value(_ number: Double?) -> String {
        guard let number, number.isFinite else { return missing }
        if number == 0 { return "0" }
        let magnitude = abs(number)
        if magnitude >= 1e7 || magnitude < 1e-4 {
            let text = scientific(number, significantDigits: 4)
            guard let exponent = text.firstIndex(of: "e") else { return minusSign(text) }
            return minusSign(trimmingZeros(String(text[..<exponent])) + text[exponent...])
        }
        if magnitude >= 1000 { return count(Int(number.rounded())) }
        let exponent = Int(floor(log10(magnitude)))
        return minusSign(trimmingZeros(fixed(number, decimals: max(0, 3 - exponent))))
    }

    /// An axis tick (a fraction) as a signed percent with only the digits it needs: `+10%`,
    /// `−2.5%`, `0%`.
    static func tickPercent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return missing }
        let text = trimmingZeros(fixed(fraction * 100, decimals: 3))
        if text == "0" || text == "-0" { return "0%" }
        return text.hasPrefix("-") ? "−" + text.dropFirst() + "%" : "+" + text + "%"
    }

    /// A count with thousands separators: `1,234,567`.
    public static func count(_ number: Int?) -> String {
        guard let number else { return missing }
        let digits = String(number.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (number < 0 ? "−" : "") + grouped
    }

    /// A plain number for settings (alpha, tuning): shortest round-trip text, "—" for nil.
    public static func setting(_ number: Double?) -> String {
        guard let number, number.isFinite else { return missing }
        if number == number.rounded() && abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }

    /// A coordinate for SVG: two decimals, no exponent, `-0` folded to `0`.
    static func coordinate(_ number: Double) -> String {
        let safe = number.isFinite ? number : 0
        let text = fixed(safe, decimals: 2)
        return isZero(text) ? "0" : text
    }

    // MARK: - Helpers

    private static func percentDecimals(_ percent: Double) -> Int {
        let magnitude = abs(percent)
        if magnitude >= 100 { return 0 }
        if magnitude >= 10 { return 1 }
        if magnitude >= 0.1 || magnitude == 0 { return 2 }
        return 3
    }

    /// Fixed decimals in the POSIX locale.
    static func fixed(_ number: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: nil, number)
    }

    private static func scientific(_ number: Double, significantDigits: Int) -> String {
        String(format: "%.\(significantDigits - 1)e", locale: nil, number)
    }

    /// `12.500` → `12.5`, `412.0` → `412`; text without a decimal point is unchanged.
    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    private static func minusSign(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// Whether a printed number is zero (`0.00`, `-0.0`), so it gets no sign.
    private static func isZero(_ text: String) -> Bool {
        text.allSatisfy { $0 == "0" || $0 == "." || $0 == "-" }
    }
}
