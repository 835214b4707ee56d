import Foundation

extension DataQualityReport {
    /// The data-quality section as Markdown (a heading, a table per concern, examples of
    /// skipped rows). Names from the data are escaped for Markdown tables.
    public var markdown: String {
        var lines: [String] = ["## Data quality", ""]
        lines.append("| file | rows read | delivered | skipped | MB read |")
        lines.append("|---|---:|---:|---:|---:|")
        for file in files {
            lines.append("| \(Self.cell(file.file)) | \(file.rowsRead) | \(file.rowsDelivered) | \(file.totalSkipped) | \(String(format: "%.1f", Double(file.bytesRead) / 1e6)) |")
        }
        let skipped = files.flatMap { file in file.rowsSkipped.map { (file.file, $0.key, $0.value) } }
        if !skipped.isEmpty {
            lines += ["", "Skipped rows by reason:", "", "| file | reason | rows |", "|---|---|---:|"]
            for (file, reason, count) in skipped.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
                lines.append("| \(Self.cell(file)) | \(reason) | \(count) |")
            }
            let examples = files.flatMap(\.examples).prefix(5)
            lines += ["", "First skipped rows:", ""] + examples.map { "- `\(String($0.map { $0 == "`" ? "'" : $0 }))`" }
        }
        lines += ["", "Units: \(units). Time range: \(firstTimestamp ?? "-") to \(lastTimestamp ?? "-")."]
        lines += ["", "| experiment | exposure rows | units per variant | units in several variants (excluded) |", "|---|---:|---|---:|"]
        for experiment in experiments {
            let variants = experiment.unitsPerVariant.sorted { $0.key < $1.key }.map { "\(Self.cell($0.key)): \($0.value)" }.joined(separator: ", ")
            lines.append("| \(Self.cell(experiment.name)) | \(experiment.exposureRows) | \(variants) | \(experiment.unitsInSeveralVariants) |")
        }
        lines += ["", "| event | rows |", "|---|---:|"]
        for (name, count) in eventsByName.sorted(by: { $0.key < $1.key }) { lines.append("| \(Self.cell(name)) | \(count) |") }
        lines += ["", "Events of units never exposed: \(eventsOfUnexposedUnits). Events outside every window "
            + "(\(String(format: "%.1f", prePeriodDays)) days before to \(String(format: "%.1f", windowDays)) days after first exposure): \(eventsOutsideWindows).", ""]
        return lines.joined(separator: "\n")
    }

    /// Escapes text for a Markdown table cell.
    static func cell(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|": escaped += "\\|"
            case "\n", "\r": escaped += " "
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

