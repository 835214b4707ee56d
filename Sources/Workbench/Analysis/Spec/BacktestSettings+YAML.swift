import Yams

extension BacktestSettings {
    /// Parses the `backtest:` mapping of a spec; `metrics` are the spec's metrics (rule and
    /// regression references are checked against them).
    static func parse(_ node: Node, reader: SpecNodeReader, metrics: [MetricSpec]) throws -> BacktestSettings {
        let fields = try reader.mapping(node, context: "`backtest`", allowed: [
            "treatment", "interval", "horizon", "start", "rollback_latency", "onset", "replicates", "power_replicates", "seed",
            "regression_sizes", "regressions", "rules",
        ])
        let interval = try reader.duration(reader.require(fields, "interval", in: node, context: "`backtest`"), key: "backtest.interval", allowZero: false)
        let rulesNode = try reader.require(fields, "rules", in: node, context: "`backtest`")
        guard case .sequence(let ruleNodes) = rulesNode, !ruleNodes.isEmpty else {
            throw reader.error(rulesNode, "`backtest.rules` must be a non-empty list of rules, e.g. `- {type: sequential}`")
        }
        var rules: [Rule] = []
        for ruleNode in ruleNodes {
            let rule = try Rule.parse(ruleNode, reader: reader, metrics: metrics)
            if rules.contains(where: { $0.name == rule.name }) {
                throw reader.error(ruleNode, "two rules are named \"\(rule.name)\"; give each a unique `name:`")
            }
            rules.append(rule)
        }
        var settings = BacktestSettings(interval: interval, rules: rules)
        if let value = fields["treatment"] { settings.treatment = try reader.string(value, key: "backtest.treatment") }
        if let value = fields["horizon"] {
            let horizon = try reader.duration(value, key: "backtest.horizon", allowZero: false)
            guard horizon >= interval else { throw reader.error(value, "`backtest.horizon` must be at least one `interval`") }
            settings.horizon = horizon
        }
        if let value = fields["start"] { settings.start = try reader.instant(value, key: "backtest.start") }
        if let value = fields["rollback_latency"] { settings.rollbackLatency = try reader.duration(value, key: "backtest.rollback_latency", allowZero: true) }
        if let value = fields["onset"] { settings.onset = try reader.duration(value, key: "backtest.onset", allowZero: true) }
        if let value = fields["replicates"] { settings.replicates = try reader.integer(value, key: "backtest.replicates", range: 1...1_000_000) }
        if let value = fields["power_replicates"] {
            settings.powerReplicates = try reader.integer(value, key: "backtest.power_replicates", range: 1...1_000_000)
        }
        if let value = fields["seed"] { settings.seed = UInt64(try reader.integer(value, key: "backtest.seed", range: 0...Int.max)) }
        if let value = fields["regression_sizes"] {
            guard case .sequence(let items) = value, !items.isEmpty else {
                throw reader.error(value, "`backtest.regression_sizes` must be a non-empty list of relative sizes, e.g. [0.05, 0.1, 0.2]")
            }
            let sizes = try items.map { try reader.number($0, key: "backtest.regression_sizes", range: .greaterThan(0)) }
            guard Set(sizes).count == sizes.count else { throw reader.error(value, "`backtest.regression_sizes` repeats a size") }
            settings.regressionSizes = sizes.sorted()
        }
        if let value = fields["regressions"] {
            guard case .sequence(let items) = value else {
                throw reader.error(value, "`backtest.regressions` must be a list, e.g. `- {type: errors, event: error, per: request}`")
            }
            for item in items {
                let regression = try Regression.parse(item, reader: reader)
                if settings.regressions.contains(where: { $0.name == regression.name }) {
                    throw reader.error(item, "two regressions are named \"\(regression.name)\"; give each a unique `name:`")
                }
                if regression.kind == .conversions, let largest = settings.regressionSizes.last, largest > 1 {
                    throw reader.error(item, "a `conversions` regression thins events with probability d, so every regression size must be <= 1 (largest is \(largest))")
                }
                settings.regressions.append(regression)
            }
        }
        return settings
    }
}

extension BacktestSettings.Regression {
    static func parse(_ node: Node, reader: SpecNodeReader) throws -> BacktestSettings.Regression {
        let fields = try reader.mapping(node, context: "a regression", allowed: ["name", "type", "event", "per"])
        let typeNode = try reader.require(fields, "type", in: node, context: "a regression")
        let type = try reader.string(typeNode, key: "type")
        guard let kind = Kind(rawValue: type) else {
            throw reader.error(typeNode, "`type: \(type)` is not one of latency, errors, conversions")
        }
        let event = try reader.string(reader.require(fields, "event", in: node, context: "a regression"), key: "event")
        var per: String?
        if kind == .errors {
            per = try reader.string(reader.require(fields, "per", in: node, context: "an `errors` regression"), key: "per")
        } else if let extra = fields["per"] {
            throw reader.error(extra, "`per` applies only to `type: errors`")
        }
        let name = try fields["name"].map { try reader.string($0, key: "name") } ?? type
        return BacktestSettings.Regression(name: name, kind: kind, event: event, per: per)
    }
}

extension BacktestSettings.Rule {
    static func parse(_ node: Node, reader: SpecNodeReader, metrics: [MetricSpec]) throws -> BacktestSettings.Rule {
        let common = ["name", "type", "alpha"]
        guard case .mapping = node else { throw reader.error(node, "a rule must be a mapping such as `{type: sequential}`") }
        let loose = try reader.mapping(node, context: "a rule", allowed: nil)
        let typeNode = try reader.require(loose, "type", in: node, context: "a rule")
        let type = try reader.string(typeNode, key: "type")
        let specific: [String]
        switch type {
        case "sequential": specific = ["tuning", "threshold", "min_units"]
        case "msprt": specific = ["tau", "threshold", "min_units"]
        case "naive": specific = ["threshold", "min_units"]
        case "canary": specific = ["pass", "marginal", "critical", "tolerance", "max_units", "min_units"]
        case "threshold": specific = ["bound", "bounds", "looks", "count", "min_units"]
        default: throw reader.error(typeNode, "`type: \(type)` is not one of sequential, msprt, naive, canary, threshold")
        }
        let fields = try reader.mapping(node, context: "a `\(type)` rule", allowed: common + specific)
        let guardrails = Set(metrics.filter { $0.guardrail != nil }.map(\.name))
        let kind: Kind
        switch type {
        case "sequential":
            kind = .sequential(tuning: try fields["tuning"].map { try reader.number($0, key: "tuning", range: .greaterThan(0)) } ?? 5000)
        case "msprt":
            kind = .msprt(tau: try fields["tau"].map { try reader.number($0, key: "tau", range: .greaterThan(0)) } ?? 0.1)
        case "naive":
            kind = .naive
        case "canary":
            let pass = try fields["pass"].map { try reader.number($0, key: "pass", range: .open(0, 1, upperIncluded: true)) } ?? 0.95
            let marginal = try fields["marginal"].map { try reader.number($0, key: "marginal", range: .atLeast(0)) } ?? min(0.75, pass)
            if marginal > pass, let markNode = fields["marginal"] {
                throw reader.error(markNode, "`marginal: \(marginal)` must not exceed `pass: \(pass)`")
            }
            var critical: [String] = []
            if let value = fields["critical"] {
                guard case .sequence(let items) = value else { throw reader.error(value, "`critical` must be a list of guardrail metric names") }
                for item in items {
                    let name = try reader.string(item, key: "critical")
                    guard guardrails.contains(name) else {
                        throw reader.error(item, "`critical` names \"\(name)\", which is not a guardrail metric (guardrails: \(guardrails.sorted().joined(separator: ", ")))")
                    }
                    critical.append(name)
                }
            }
            let tolerance = try fields["tolerance"].map { try reader.number($0, key: "tolerance", range: .atLeast(0)) } ?? 0
            let maximum = try fields["max_units"].map { try reader.integer($0, key: "max_units", range: 2...10_000_000) } ?? 2000
            kind = .canary(passScore: pass, marginalScore: marginal, critical: critical, tolerance: tolerance, maximumUnits: maximum)
        default:  // threshold
            switch (fields["bound"], fields["bounds"]) {
            case (let bound?, nil):
                kind = .thresholdRatio(bound: try reader.number(bound, key: "bound", range: .greaterThan(0)))
            case (nil, let boundsNode?):
                let entries = try reader.mapping(boundsNode, context: "`bounds`", allowed: nil)
                guard !entries.isEmpty else { throw reader.error(boundsNode, "`bounds` must name at least one guardrail metric") }
                var bounds: [String: Double] = [:]
                for (name, value) in entries {
                    guard guardrails.contains(name) else {
                        throw reader.error(value, "`bounds` names \"\(name)\", which is not a guardrail metric (guardrails: \(guardrails.sorted().joined(separator: ", ")))")
                    }
                    bounds[name] = try reader.number(value, key: "bounds.\(name)", range: .any)
                }
                kind = .thresholdValue(bounds: bounds)
            default:
                throw reader.error(node, "a `threshold` rule takes exactly one of `bound: 0.2` (treatment/control ratio worse than 1 + bound) or `bounds: {metric: value}` (treatment value)")
            }
        }
        let name = try fields["name"].map { try reader.string($0, key: "name") } ?? type
        var rule = BacktestSettings.Rule(name: name, kind: kind)
        if let value = fields["alpha"] { rule.alpha = try reader.number(value, key: "alpha", range: .open(0, 0.5, upperIncluded: true)) }
        if let value = fields["threshold"] {
            let text = try reader.string(value, key: "threshold")
            guard let threshold = Threshold(rawValue: text) else { throw reader.error(value, "`threshold: \(text)` must be margin or zero") }
            rule.threshold = threshold
        }
        if let value = fields["looks"] { rule.looks = try reader.integer(value, key: "looks", range: 1...100_000) }
        if let value = fields["count"] {
            switch try reader.string(value, key: "count") {
            case "total": rule.consecutive = false
            case "consecutive": rule.consecutive = true
            case let other: throw reader.error(value, "`count: \(other)` must be total or consecutive")
            }
        }
        if let value = fields["min_units"] { rule.minimumUnits = try reader.integer(value, key: "min_units", range: 2...100_000_000) }
        return rule
    }
}

extension SpecNodeReader {
    /// A duration such as `90s`, `30m`, `1h`, `1.5d`, `2w`, in milliseconds.
    func duration(_ node: Node, key: String, allowZero: Bool) throws -> Int64 {
        let text = try string(node, key: key).trimmingSpaces()
        let units: [Character: Double] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000]
        guard let last = text.last, let unit = units[last], let amount = Double(text.dropLast()), amount.isFinite, amount >= 0,
            amount * unit < 1e15
        else {
            throw error(node, "`\(key): \(text)` must be a duration: a number and a unit s, m, h, d or w (e.g. 1h, 1d)")
        }
        let milliseconds = Int64((amount * unit).rounded())
        guard allowZero || milliseconds > 0 else { throw error(node, "`\(key): \(text)` must be longer than 0") }
        return milliseconds
    }

    /// A whole number in `range`.
    func integer(_ node: Node, key: String, range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingSpaces()) else {
            throw error(node, "`\(key)` must be a whole number")
        }
        guard range.contains(value) else { throw error(node, "`\(key): \(value)` must lie in \(range.lowerBound)...\(range.upperBound)") }
        return value
    }

    /// A UTC instant `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]Z`, in ms since the epoch.
    func instant(_ node: Node, key: String) throws -> Int64 {
        let text = try string(node, key: key).trimmingSpaces()
        let fail = error(node, "`\(key): \(text)` must be a UTC date `2026-01-05` or time `2026-01-05T06:00:00Z`")
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        guard date.count == 3, (1...12).contains(date[1]), (1...TimestampParser.daysInMonth(year: date[0], month: date[1])).contains(date[2])
        else { throw fail }
        var seconds = 0
        if parts.count == 2 {
            guard parts[1].hasSuffix("Z") else { throw fail }
            let clock = parts[1].dropLast().split(separator: ":").compactMap { Int($0) }
            guard (2...3).contains(clock.count), (0..<24).contains(clock[0]), (0..<60).contains(clock[1]),
                clock.count == 2 || (0..<60).contains(clock[2])
            else { throw fail }
            seconds = clock[0] * 3600 + clock[1] * 60 + (clock.count == 3 ? clock[2] : 0)
        }
        let days = TimestampParser.daysFromCivil(year: date[0], month: date[1], day: date[2])
        return (Int64(days) * 86_400 + Int64(seconds)) * 1000
    }
}
