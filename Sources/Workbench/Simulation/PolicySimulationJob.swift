import Foundation

/// `workbench simulate --policy`: reads the policy file, the analysis spec and the export,
/// and runs the simulation. The library entry point behind the command.
public struct PolicySimulationJob {
    /// The policy file (YAML, `docs/simulate.md`).
    public var policyPath: String
    /// An analysis spec path overriding the policy file's `spec:`.
    public var specPath: String?
    public var exposuresPath: String
    public var eventsPath: String
    public var options: ReadOptions
    /// Threads for the replicate loop (>= 1; results do not depend on it). Default 1.
    public var threads = 1

    public init(policyPath: String, specPath: String?, exposuresPath: String, eventsPath: String, options: ReadOptions = ReadOptions()) {
        self.policyPath = policyPath
        self.specPath = specPath
        self.exposuresPath = exposuresPath
        self.eventsPath = eventsPath
        self.options = options
    }

    /// Loads everything and runs every scenario of every policy.
    ///
    /// - Parameter progress: called with a label and (done, total) while loading and after each replicate.
    /// - Throws: ``SpecError`` for policy or spec files, ``SimulationError`` for a simulation
    ///   that cannot run, `IngestError` for unreadable exports.
    public func run(progress: ((String, Int, Int) -> Void)? = nil) throws -> SimulationResult {
        let plan = try SimulationPlan.parse(yaml: try Self.text(policyPath, what: "policy"), file: policyPath)
        guard let specFile = specPath ?? plan.specPath.map({ Self.resolve($0, relativeTo: policyPath) }) else {
            throw SpecError(file: policyPath, line: nil, column: nil,
                            message: "no analysis spec: add `spec: PATH` to the policy file or pass --spec PATH")
        }
        let specs = try ExperimentSpec.parse(yaml: try Self.text(specFile, what: "spec"), file: specFile)
        guard specs.count == 1, let spec = specs.first else {
            throw SpecError(file: specFile, line: nil, column: nil,
                            message: "the spec file holds \(specs.count) experiments; a simulation replays one, so keep one document")
        }
        progress?("reading the export", 0, 1)
        let history: GuardrailHistory
        do {
            history = try GuardrailHistory.load(
                source: .twoFiles(exposures: exposuresPath, events: eventsPath), experiment: spec.experiment, control: spec.control,
                treatment: plan.treatment, metrics: spec.metrics, windowDays: spec.windowDays, options: options)
        } catch let error as RolloutError {
            throw SimulationError("\(error)")
        }
        let schedule = try Self.schedule(plan: plan, history: history)
        let simulation = try RolloutSimulation(plan: plan, history: history, schedule: schedule, experiment: spec.experiment,
                                               flagKey: plan.flagKey ?? spec.experiment)
        return simulation.run(threads: max(1, threads)) { done, total in progress?("replicates", done, total) }
    }

    /// Looks every `look_every_hours` from the plan's start (default: the earliest exposure
    /// rounded down to the hour) to the end of the last unit's metric window.
    public static func schedule(plan: SimulationPlan, history: GuardrailHistory) throws -> LookSchedule {
        guard let earliest = history.earliestExposure, let end = history.latestWindowEnd else {
            throw SimulationError("The history has no exposed unit to replay; check the experiment key and the exposures file.")
        }
        let interval = max(1, Int64((plan.lookEveryHours * 3_600_000).rounded()))
        let start = plan.startSeconds.map { $0 * 1000 } ?? LookSchedule.aligned(earliest, to: 3_600_000)
        guard end > start else {
            throw SimulationError("The rollout start \(ISO8601.format(milliseconds: start)) is after the history ends (\(ISO8601.format(milliseconds: end))); move `start:` earlier.")
        }
        return LookSchedule(start: start, interval: interval, horizon: end - start)
    }

    static func text(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, line: nil, column: nil, message: "cannot read the \(what) file: check the path")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `path` as written in a file at `base`: absolute paths stay, relative ones are taken from `base`'s folder.
    static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: base).deletingLastPathComponent().appendingPathComponent(path).path
    }
}
