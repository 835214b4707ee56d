import ArgumentParser
import Foundation
import Workbench

#if canImport(Glibc)
import Glibc
#endif

extension WorkbenchCommand {
    /// `workbench generate`: writes a synthetic experiment export with known true effects.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic experiment export (exposures.csv, events.csv) with its truth.json and spec.yaml.",
            discussion: """
                Effect options take one value for every non-control variant, or one value per \
                non-control variant separated by commas (e.g. --variants off,a,b --conversion-lift 0.05,0.10). \
                The same seed always produces the same bytes. See docs/generator.md.
                """)

        @Option(help: "Number of units (users) to enrol.")
        var units: Int = 20_000

        @Option(help: "Seed of all random draws.")
        var seed: UInt64 = 1

        @Option(help: "Output folder (created if missing; existing files are replaced).")
        var out: String

        @Option(help: "Experiment key written to exposures.csv and spec.yaml.")
        var experiment: String = "checkout-v2"

        @Option(help: "Variant names, comma separated; the first is the control.")
        var variants: String = "off,on"

        @Option(help: "Planned allocation weights, one per variant, comma separated (normalised).")
        var weights: String = "0.5,0.5"

        @Option(help: "First enrolment day, YYYY-MM-DD (UTC).")
        var start: String = "2026-01-05"

        @Option(help: "Number of enrolment days.")
        var days: Int = 14

        @Option(help: "Metric window after each unit's first exposure, in days.")
        var windowDays: Int = 14

        @Option(help: "Pre-period before each unit's first exposure (CUPED covariates), in days.")
        var prePeriodDays: Int = 14

        @Option(help: "Relative lift of the conversion rate per non-control variant.")
        var conversionLift: String = "0.05"

        @Option(help: "Relative lift of revenue per unit per non-control variant.")
        var revenueLift: String = "0.03"

        @Option(help: "Relative change of request latency per non-control variant (0.1 = 10% slower).")
        var latencyChange: String = "0.0"

        @Option(help: "Relative change of the error rate per request per non-control variant.")
        var errorRateChange: String = "0.0"

        @Option(help: "Share of non-control units missing from the exposure log (sample-ratio mismatch), in [0, 1).")
        var srm: Double = 0.0

        @Option(help: "Share of units also exposed once to another variant, in [0, 1].")
        var bothVariantsFraction: Double = 0.005

        func validate() throws {
            guard !out.isEmpty else { throw ValidationError("--out needs a folder, e.g. --out data/demo.") }
            _ = try makeParameters()
        }

        func run() async throws {
            let parameters = try makeParameters()
            let generator = try ExportGenerator(parameters: parameters)
            let showProgress = isatty(2) == 1
            let clock = ContinuousClock()
            let began = clock.now
            let summary = try generator.write(to: URL(fileURLWithPath: out)) { progress in
                guard showProgress else { return }
                let line = "\rgenerate: day \(progress.completedDays)/\(progress.totalDays) (\(progress.day)), \(progress.rowsWritten) rows"
                FileHandle.standardError.write(Data(line.utf8))
            }
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            let elapsed = began.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
            print("exposures.csv  \(summary.exposureRows) rows  \(megabytes(summary.exposureBytes))")
            print("events.csv     \(summary.eventRows) rows  \(megabytes(summary.eventBytes))")
            print("truth.json, spec.yaml written to \(out)")
            print(String(format: "%d units in %.2f s", parameters.units, seconds))
        }

        /// Turns the options into validated generator parameters.
        func makeParameters() throws -> GeneratorParameters {
            var parameters = GeneratorParameters()
            parameters.units = units
            parameters.seed = seed
            parameters.experiment = experiment
            parameters.variants = variants.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            parameters.weights = try Self.numbers(weights, option: "--weights")
            parameters.startDate = try CivilDate(parsing: start)
            parameters.enrolmentDays = days
            parameters.windowDays = windowDays
            parameters.prePeriodDays = prePeriodDays
            parameters.srmDropFraction = srm
            parameters.bothVariantsFraction = bothVariantsFraction
            parameters.effects = try TreatmentEffect.broadcast(
                variants: parameters.variants,
                conversionLift: Self.numbers(conversionLift, option: "--conversion-lift"),
                revenueLift: Self.numbers(revenueLift, option: "--revenue-lift"),
                latencyChange: Self.numbers(latencyChange, option: "--latency-change"),
                errorRateChange: Self.numbers(errorRateChange, option: "--error-rate-change"))
            try parameters.validate()
            return parameters
        }

        /// Parses a comma-separated list of numbers.
        static func numbers(_ text: String, option: String) throws -> [Double] {
            try text.split(separator: ",", omittingEmptySubsequences: false).map { field in
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                guard let value = Double(trimmed), value.isFinite else {
                    throw ValidationError("\(option) expects comma-separated numbers such as 0.05 or 0.05,0.1; '\(trimmed)' is not a number.")
                }
                return value
            }
        }
    }
}
