import ArgumentParser
import Foundation
import Workbench

extension WorkbenchCommand {
    /// `workbench audit`: recompute a flag service's bucketing and report units logged in the wrong variant.
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute each unit's bucket from its id and the experiment key and report units whose logged variant disagrees.",
            discussion: """
                Schemes: sha256-mod100 (reference service, A/B at 50), growthbook-v1, growthbook-v2 (--seed, \
                --coverage), launchdarkly (--salt), unleash (--rollout, --seed = variant seed), eppo (--salt, \
                --total-shards). Writes DIR/audit.json and DIR/audit.md with --out and prints the Markdown. \
                See docs/audit.md.
                """)

        @Option(help: "The exposures file (CSV, NDJSON or JSON array; .gz allowed).")
        var exposures: String

        @Option(help: ArgumentHelp("Bucketing rule: \(BucketingHash.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "SCHEME"))
        var hash: BucketingHash

        @Option(help: ArgumentHelp("Variant names in the service's order, comma-separated (default A,B for sha256-mod100).", valueName: "NAMES"))
        var variants: String?

        @Option(help: ArgumentHelp("Relative variant weights, comma-separated (default equal; Unleash: integers, e.g. 500,500).", valueName: "WEIGHTS"))
        var weights: String?

        @Option(help: "GrowthBook hash seed (default: the experiment key); Unleash variant seed (default 86028157; 0 for SDKs before late 2023).")
        var seed: String?

        @Option(help: "LaunchDarkly flag salt or Eppo allocation salt.")
        var salt: String?

        @Option(help: "GrowthBook coverage in [0, 1].")
        var coverage: Double = 1

        @Option(help: "Unleash gradual-rollout percentage 0-100.")
        var rollout: Double = 100

        @Option(help: "Eppo shard count.")
        var totalShards: Int = 10_000

        @Option(help: "Disagreements listed per experiment.")
        var examples: Int = 20

        @Option(help: "Output folder for audit.json and audit.md.")
        var out: String?

        @OptionGroup var reading: ReadingOptions

        func validate() throws {
            guard examples >= 0 else { throw ValidationError("--examples must be 0 or more, got \(examples).") }
            do { try scheme().validate() } catch let error as AuditError { throw ValidationError(error.message) }
        }

        /// The bucketing rule these flags describe.
        func scheme() throws -> BucketingScheme {
            let names = variants.map(Self.list) ?? (hash == .sha256Mod100 ? ["A", "B"] : [])
            guard !names.isEmpty else {
                throw AuditError("\(hash.rawValue) needs the variant names in the service's order: pass --variants NAME,NAME,...")
            }
            var parsedWeights: [Double]?
            if let weights {
                let parts = Self.list(weights)
                let numbers = parts.compactMap(Double.init)
                guard numbers.count == parts.count else {
                    throw AuditError("--weights must be numbers separated by commas, got \"\(weights)\".")
                }
                parsedWeights = numbers
            } else if hash == .unleash {
                // Unleash splits 1000 between variants; an even split needs no --weights.
                guard 1000 % names.count == 0 else {
                    throw AuditError("Unleash weights sum to 1000 and \(names.count) variants do not split it evenly: pass --weights.")
                }
                parsedWeights = Array(repeating: Double(1000 / names.count), count: names.count)
            }
            var scheme = BucketingScheme(hash: hash, variants: names, weights: parsedWeights)
            scheme.salt = salt
            scheme.coverage = coverage
            scheme.rolloutPercentage = rollout
            scheme.totalShards = totalShards
            if hash == .unleash, let seed {
                guard let number = UInt32(seed) else {
                    throw AuditError("The Unleash variant --seed is an unsigned 32-bit integer (86028157 or 0), got \"\(seed)\".")
                }
                scheme.unleashVariantSeed = number
            } else {
                scheme.seed = seed
            }
            return scheme
        }

        func run() async throws {
            var audit: AssignmentAudit
            do {
                audit = AssignmentAudit(scheme: try scheme())
            } catch let error as AuditError {
                throw ValidationError(error.message)
            }
            audit.maximumExamples = examples
            let options = try reading.readOptions()
            let report = try runReporting { try audit.run(exposuresPath: exposures, options: options) }
            print(report.markdown)
            let checked = report.experiments.reduce(0) { $0 + $1.unitsChecked }
            let disagreeing = report.experiments.reduce(0) { $0 + $1.disagreeing }
            print("Checked \(checked) units in \(report.experiments.count) experiments: \(disagreeing) disagree with \(report.scheme).")
            if let out {
                let folder = URL(fileURLWithPath: out)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(report).write(to: folder.appendingPathComponent("audit.json"))
                try Data(report.markdown.utf8).write(to: folder.appendingPathComponent("audit.md"))
                print("Reports: \(folder.appendingPathComponent("audit.md").path), \(folder.appendingPathComponent("audit.json").path)")
            }
        }

        private static func list(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }
}

extension BucketingHash: ExpressibleByArgument {}
