import Yams

extension SimulationPlan {
    /// Parses a policy file: global settings, scenarios and a list of policies.
    ///
    /// Strict like the analysis spec: unknown keys (with a "did you mean"), duplicates,
    /// missing fields, wrong types and impossible values (stages not increasing or not ending
    /// at 100, a dwell list of the wrong length, alpha outside (0, 0.5], ...) throw a
    /// ``SpecError`` naming the key and its line.
    public static func parse(yaml: String, file: String) throws -> SimulationPlan {
        let document: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw SpecError(file: file, line: nil, column: nil, message: "the policy file is empty; start with `policies:`")
            }
            document = node
        } catch let error as SpecError {
            throw error
        } catch {
            throw SpecError(file: file, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        let reader = SpecNodeReader(file: file)
        let fields = try reader.mapping(document, context: "the policy file", allowed: [
            "spec", "flag_key", "treatment", "hash", "salt", "look_every_hours", "rollback_latency_hours", "start",
            "scenarios", "policies",
        ])
        let policiesNode = try reader.require(fields, "policies", in: document, context: "the policy file")
        guard case .sequence(let policyNodes) = policiesNode, !policyNodes.isEmpty else {
            throw reader.error(policiesNode, "`policies` must be a non-empty list of policies")
        }
        var policies: [RolloutPolicy] = []
        for node in policyNodes {
            let policy = try RolloutPolicy.parse(node, reader: reader)
            if policies.contains(where: { $0.name == policy.name }) {
                throw reader.error(node, "two policies are named \"\(policy.name)\"; policy names must be unique")
            }
            policies.append(policy)
        }
        var plan = SimulationPlan(policies: policies)
        plan.specPath = try fields["spec"].map { try reader.string($0, key: "spec") }
        plan.flagKey = try fields["flag_key"].map { try reader.string($0, key: "flag_key") }
        plan.treatment = try fields["treatment"].map { try reader.string($0, key: "treatment") }
        plan.salt = try fields["salt"].map { try reader.string($0, key: "salt") }
        if let node = fields["hash"] {
            let text = try reader.string(node, key: "hash")
            guard let hash = BucketingHash(rawValue: text) else {
                throw reader.error(node, "`hash: \(text)` is not one of \(BucketingHash.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            plan.hash = hash
        }
        if (plan.hash == .launchDarkly || plan.hash == .eppo), plan.salt == nil {
            throw reader.error(fields["hash"] ?? document, "`hash: \(plan.hash.rawValue)` needs the flag's `salt: ...`")
        }
        if let node = fields["look_every_hours"] {
            plan.lookEveryHours = try reader.number(node, key: "look_every_hours", range: .greaterThan(0))
        }
        if let node = fields["rollback_latency_hours"] {
            plan.rollbackLatencyHours = try reader.number(node, key: "rollback_latency_hours", range: .atLeast(0))
        }
        if let node = fields["start"] {
            let text = try reader.string(node, key: "start")
            guard let seconds = Self.epochSeconds(utc: text) else {
                throw reader.error(node, "`start: \(text)` must be a UTC time like 2026-01-05T00:00:00Z")
            }
            plan.startSeconds = seconds
        }
        if let node = fields["scenarios"] {
            let scenario = try reader.mapping(node, context: "`scenarios`", allowed: ["replicates", "seed", "regressions"])
            if let value = scenario["replicates"] {
                plan.replicates = try reader.integer(value, key: "scenarios.replicates", minimum: 1)
            }
            if let value = scenario["seed"] {
                plan.seed = UInt64(try reader.integer(value, key: "scenarios.seed", minimum: 0))
            }
            if let value = scenario["regressions"] {
                guard case .sequence(let items) = value else {
                    throw reader.error(value, "`regressions` must be a list like `- {metric: error_rate, change: 0.1}`")
                }
                plan.regressions = try items.map { try RegressionScenario.parse($0, reader: reader) }
            }
        }
        return plan
    }

    /// Seconds since the epoch of `YYYY-MM-DDTHH:MM:SSZ`, or nil when the text is not exactly that.
    static func epochSeconds(utc text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), hour < 24, minute < 60, second < 60,
              let date = try? CivilDate(year: year, month: month, day: day) else { return nil }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }
}

extension RolloutPolicy {
    static func parse(_ node: Node, reader: SpecNodeReader) throws -> RolloutPolicy {
        let fields = try reader.mapping(node, context: "a policy", allowed: ["name", "stages", "dwell_hours", "min_exposures", "min_units_per_arm", "rule", "advance"])
        let name = try reader.string(reader.require(fields, "name", in: node, context: "a policy"), key: "name")
        let context = "policy \"\(name)\""
        let stagesNode = try reader.require(fields, "stages", in: node, context: context)
        guard case .sequence(let stageNodes) = stagesNode, !stageNodes.isEmpty else {
            throw reader.error(stagesNode, "`stages` of \(context) must be a list of percentages such as [1, 5, 20, 50, 100]")
        }
        var stages: [Double] = []
        for stageNode in stageNodes {
            let stage = try reader.number(stageNode, key: "stages", range: .open(0, 100, upperIncluded: true))
            if let previous = stages.last, stage <= previous {
                throw reader.error(stageNode, "`stages` of \(context) must increase strictly; \(stage) follows \(previous)")
            }
            stages.append(stage)
        }
        guard stages.last == 100 else {
            throw reader.error(stagesNode, "`stages` of \(context) must end at 100 (full rollout); add 100")
        }
        let partial = stages.count - 1
        let dwell = try reader.perStage(reader.require(fields, "dwell_hours", in: node, context: context),
                                        key: "dwell_hours", count: partial, context: context) {
            try reader.number($0, key: "dwell_hours", range: .atLeast(0))
        }
        let exposures = try fields["min_exposures"].map {
            try reader.perStage($0, key: "min_exposures", count: partial, context: context) {
                try reader.integer($0, key: "min_exposures", minimum: 0)
            }
        } ?? Array(repeating: 0, count: partial)
        let rule = try fields["rule"].map { try GuardrailRuleSetting.parse($0, reader: reader, context: context) }
            ?? .sequential(alpha: 0.05, tuning: 5000, threshold: .margin)
        var nonInferiority = false
        if let advanceNode = fields["advance"] {
            let advance = try reader.mapping(advanceNode, context: "`advance` of \(context)", allowed: ["non_inferiority"])
            if let value = advance["non_inferiority"] {
                guard let flag = value.bool else { throw reader.error(value, "`non_inferiority` must be true or false") }
                nonInferiority = flag
            }
        }
        let minimumUnits = try fields["min_units_per_arm"].map { try reader.integer($0, key: "min_units_per_arm", minimum: 2) } ?? 100
        return RolloutPolicy(name: name, stages: stages, dwellHours: dwell, minimumExposures: exposures, rule: rule,
                             minimumUnitsPerArm: minimumUnits, advanceRequiresNonInferiority: nonInferiority)
    }
}

extension GuardrailRuleSetting {
    static func parse(_ node: Node, reader: SpecNodeReader, context: String) throws -> GuardrailRuleSetting {
        let allowed = ["type", "alpha", "tuning", "tau", "threshold", "pass_score", "marginal_score", "critical", "tolerance",
                       "maximum_units", "bound", "looks", "consecutive", "minimum_units"]
        let fields = try reader.mapping(node, context: "`rule` of \(context)", allowed: allowed)
        let typeNode = try reader.require(fields, "type", in: node, context: "`rule` of \(context)")
        let type = try reader.string(typeNode, key: "rule.type")
        let applicable: [String: [String]] = [
            "sequential": ["alpha", "tuning", "threshold"], "msprt": ["alpha", "tau", "threshold"], "naive": ["alpha", "threshold"],
            "canary": ["alpha", "pass_score", "marginal_score", "critical", "tolerance", "maximum_units"],
            "threshold": ["bound", "looks", "consecutive", "minimum_units"],
        ]
        guard let keys = applicable[type] else {
            throw reader.error(typeNode, "`type: \(type)` is not one of sequential, msprt, naive, canary, threshold")
        }
        for (key, value) in fields where key != "type" && !keys.contains(key) {
            throw reader.error(value, "`\(key)` does not apply to the \(type) rule; it takes \(keys.joined(separator: ", "))")
        }
        func number(_ key: String, _ range: SpecNodeReader.Range, default value: Double) throws -> Double {
            try fields[key].map { try reader.number($0, key: "rule.\(key)", range: range) } ?? value
        }
        let alpha = try number("alpha", .open(0, 0.5, upperIncluded: true), default: 0.05)
        var threshold = HarmThreshold.margin
        if let thresholdNode = fields["threshold"] {
            let text = try reader.string(thresholdNode, key: "rule.threshold")
            guard let value = HarmThreshold(rawValue: text) else {
                throw reader.error(thresholdNode, "`threshold: \(text)` must be margin (alarm on harm beyond the guardrail margin) or zero (on any harm)")
            }
            threshold = value
        }
        switch type {
        case "sequential":
            return .sequential(alpha: alpha, tuning: try number("tuning", .greaterThan(0), default: 5000), threshold: threshold)
        case "msprt":
            return .mixtureSPRT(alpha: alpha, tau: try number("tau", .greaterThan(0), default: 0.1), threshold: threshold)
        case "naive":
            return .naive(alpha: alpha, threshold: threshold)
        case "canary":
            let pass = try number("pass_score", .open(0, 1, upperIncluded: true), default: 0.95)
            let marginal = try number("marginal_score", .atLeast(0), default: 0.75)
            if marginal > pass, let marginalNode = fields["marginal_score"] {
                throw reader.error(marginalNode, "`marginal_score: \(marginal)` must not exceed `pass_score` (\(pass))")
            }
            var critical: [String] = []
            if let criticalNode = fields["critical"] {
                guard case .sequence(let items) = criticalNode else { throw reader.error(criticalNode, "`critical` must be a list of metric names") }
                critical = try items.map { try reader.string($0, key: "rule.critical") }
            }
            let maximum = try fields["maximum_units"].map { try reader.integer($0, key: "rule.maximum_units", minimum: 2) } ?? 2000
            return .canary(alpha: alpha, passScore: pass, marginalScore: marginal, critical: critical,
                           tolerance: try number("tolerance", .atLeast(0), default: 0), maximumUnits: maximum)
        default:
            let bound = try reader.number(reader.require(fields, "bound", in: node, context: "the threshold rule"), key: "rule.bound",
                                          range: .greaterThan(0))
            let looks = try fields["looks"].map { try reader.integer($0, key: "rule.looks", minimum: 1) } ?? 3
            var consecutive = false
            if let value = fields["consecutive"] {
                guard let flag = value.bool else { throw reader.error(value, "`consecutive` must be true or false") }
                consecutive = flag
            }
            let minimum = try fields["minimum_units"].map { try reader.integer($0, key: "rule.minimum_units", minimum: 1) } ?? 100
            return .threshold(bound: bound, looks: looks, consecutive: consecutive, minimumUnits: minimum)
        }
    }
}

extension RegressionScenario {
    static func parse(_ node: Node, reader: SpecNodeReader) throws -> RegressionScenario {
        let fields = try reader.mapping(node, context: "a regression", allowed: ["metric", "change", "onset_hours"])
        let metric = try reader.string(reader.require(fields, "metric", in: node, context: "a regression"), key: "metric")
        let changeNode = try reader.require(fields, "change", in: node, context: "a regression")
        let change = try reader.number(changeNode, key: "change", range: .greaterThan(0))
        let onset = try fields["onset_hours"].map { try reader.number($0, key: "onset_hours", range: .atLeast(0)) } ?? 0
        return RegressionScenario(metric: metric, change: change, onsetHours: onset)
    }
}

extension SpecNodeReader {
    /// A whole number >= `minimum`.
    func integer(_ node: Node, key: String, minimum: Int) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingSpaces()) else {
            throw error(node, "`\(key)` must be a whole number")
        }
        guard value >= minimum else { throw error(node, "`\(key): \(value)` must be at least \(minimum)") }
        return value
    }

    /// One value for every stage before the last, given as one scalar (repeated) or a list of
    /// exactly `count` values.
    func perStage<Value>(_ node: Node, key: String, count: Int, context: String, _ read: (Node) throws -> Value) throws -> [Value] {
        if case .sequence(let items) = node {
            guard items.count == count else {
                throw error(node, "`\(key)` of \(context) has \(items.count) values for \(count) stages before 100; give one value or \(count)")
            }
            return try items.map(read)
        }
        return Array(repeating: try read(node), count: count)
    }
}
