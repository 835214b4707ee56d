import Foundation

extension AuditReport {
    /// The report as Markdown: a summary table, then each experiment's first disagreements.
    public var markdown: String {
        var lines: [String] = []
        lines.append("# Assignment audit (\(scheme))")
        lines.append("")
        let parameterText = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        lines.append("Variants \(variants.joined(separator: ", ")) with weights "
            + weights.map { formatNumber($0) }.joined(separator: ", ")
            + (parameterText.isEmpty ? "" : "; \(parameterText)") + ". \(exposureRows) exposure rows read.")
        lines.append("")
        lines.append("| Experiment | Units checked | Agreeing | Disagreeing | Disagreement rate | Unknown variant | Several variants |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for audit in experiments {
            lines.append("| \(escaped(audit.experiment)) | \(audit.unitsChecked) | \(audit.agreeing) | \(audit.disagreeing) | "
                + "\(String(format: "%.2f%%", audit.disagreementRate * 100)) | \(audit.unknownVariantUnits) | \(audit.severalVariantUnits) |")
        }
        for audit in experiments where audit.disagreeing > 0 || !audit.unknownVariantNames.isEmpty {
            lines.append("")
            lines.append("## \(audit.experiment)")
            if !audit.unknownVariantNames.isEmpty {
                lines.append("")
                lines.append("Logged variant names the scheme does not know (units not checked): "
                    + audit.unknownVariantNames.map { "`\($0)`" }.joined(separator: ", ") + ".")
            }
            if !audit.examples.isEmpty {
                lines.append("")
                lines.append("First \(audit.examples.count) of \(audit.disagreeing) disagreements:")
                lines.append("")
                lines.append("| Unit | Logged | Expected | Bucket |")
                lines.append("|---|---|---|---:|")
                for example in audit.examples {
                    lines.append("| \(escaped(example.unit)) | \(escaped(example.loggedVariant)) | "
                        + "\(example.expectedVariant.map(escaped) ?? "(outside experiment)") | \(formatNumber(example.bucket)) |")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    private func formatNumber(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
