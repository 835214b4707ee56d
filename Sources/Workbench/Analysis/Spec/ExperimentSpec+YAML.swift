import Yams

extension ExperimentSpec {
    /// Parses every YAML document in `yaml` (documents separated by `---`) as one spec each.
    ///
    /// Unknown keys, missing required fields, wrong types and impossible values are rejected
    /// with a `SpecError` naming the key and its line.
    public static func parse(yaml: String, file: String) throws -> [ExperimentSpec] {
        let documents: [Node]
        do {
            // The sequence reports a parse error through its `error` property, not by throwing.
            var sequence = try Yams.compose_all(yaml: yaml)
            var nodes: [Node] = []
            while let node = sequence.next() { nodes.append(node) }
            if let error = sequence.error { throw error }
            documents = nodes
        } catch {
            throw SpecError(file: file, line: nil, column: nil, message: "not valid YAML: \(error)")
        }
        guard !documents.isEmpty else {
            throw SpecError(file: file, line: nil, column: nil, message: "the spec is empty; start with `experiment: NAME`")
        }
        return try documents.map { try parse(document: $0, file: file) }
    }

    private static func parse(document: Node, file: String) throws -> ExperimentSpec {
        let reader = SpecNodeReader(file: file)
        let fields = try reader.mapping(document, context: "the spec", allowed: [
            "experiment", "control", "window_days", "pre_period_days", "alpha", "correction", "sequential", "bayesian",
            "dimensions", "weights", "metrics", "backtest",
        ])
        let experiment = try reader.string(reader.require(fields, "experiment", in: document, context: "the spec"), key: "experiment")
        let control = try reader.string(reader.require(fields, "control", in: document, context: "the spec"), key: "control")
        let metricsNode = try reader.require(fields, "metrics", in: document, context: "the spec")
        guard case .sequence(let metricNodes) = metricsNode, !metricNodes.isEmpty else {
            throw reader.error(metricsNode, "`metrics` must be a non-empty list of metrics")
        }
        var metrics: [MetricSpec] = []
        for node in metricNodes {
            let metric = try MetricSpec.parse(node, reader: reader)
            if metrics.contains(where: { $0.name == metric.name }) {
                throw reader.error(node, "two metrics are named \"\(metric.name)\"; metric names must be unique")
            }
            metrics.append(metric)
        }
        var spec = ExperimentSpec(experiment: experiment, control: control, metrics: metrics)
        if let node = fields["window_days"] {
            spec.windowDays = try reader.number(node, key: "window_days", range: .greaterThan(0))
        }
        if let node = fields["pre_period_days"] {
            spec.prePeriodDays = try reader.number(node, key: "pre_period_days", range: .atLeast(0))
        }
        if let node = fields["alpha"] {
            spec.alpha = try reader.number(node, key: "alpha", range: .open(0, 0.5, upperIncluded: true))
        }
        if let node = fields["correction"] {
            let text = try reader.string(node, key: "correction")
            guard let correction = Correction(rawValue: text) else {
                throw reader.error(node, "`correction: \(text)` is not one of none, bonferroni, holm, bh, by")
            }
            spec.correction = correction
        }
        if let node = fields["sequential"] {
            let settings = try reader.mapping(node, context: "`sequential`", allowed: ["tuning"])
            let tuning = try settings["tuning"].map { try reader.number($0, key: "sequential.tuning", range: .greaterThan(0)) } ?? 5000
            spec.sequential = SequentialSettings(tuning: tuning)
        }
        if let node = fields["bayesian"] {
            let settings = try reader.mapping(node, context: "`bayesian`", allowed: ["prior_mean", "prior_sd"])
            let mean = try settings["prior_mean"].map { try reader.number($0, key: "bayesian.prior_mean", range: .any) } ?? 0
            let sd = try settings["prior_sd"].map { try reader.number($0, key: "bayesian.prior_sd", range: .greaterThan(0)) }
            spec.bayesian = BayesianSettings(priorMean: mean, priorStandardDeviation: sd)
        }
        if let node = fields["dimensions"] {
            guard case .sequence(let items) = node else { throw reader.error(node, "`dimensions` must be a list of column names") }
            spec.dimensions = try items.map { try reader.string($0, key: "dimensions") }
        }
        if let node = fields["weights"] {
            let entries = try reader.mapping(node, context: "`weights`", allowed: nil)
            var weights: [String: Double] = [:]
            for (name, value) in entries {
                weights[name] = try reader.number(value, key: "weights.\(name)", range: .atLeast(0))
            }
            guard weights.values.reduce(0, +) > 0 else { throw reader.error(node, "`weights` must not all be zero") }
            guard weights[control] != nil else { throw reader.error(node, "`weights` has no weight for the control \"\(control)\"") }
            spec.weights = weights
        }
        if let node = fields["backtest"] {
            spec.backtest = try BacktestSettings.parse(node, reader: reader, metrics: metrics)
        }
        return spec
    }
}

extension MetricSpec {
    static func parse(_ node: Node, reader: SpecNodeReader) throws -> MetricSpec {
        let fields = try reader.mapping(node, context: "a metric", allowed: [
            "name", "type", "event", "aggregate", "numerator", "denominator", "quantile", "direction", "cuped", "cap", "guardrail",
        ])
        let name = try reader.string(reader.require(fields, "name", in: node, context: "a metric"), key: "name")
        let context = "metric \"\(name)\""
        let typeNode = try reader.require(fields, "type", in: node, context: context)
        let type = try reader.string(typeNode, key: "type")
        func forbid(_ keys: [String]) throws {
            for key in keys { if let extra = fields[key] { throw reader.error(extra, "`\(key)` does not apply to \(context) of type \(type)") } }
        }
        let kind: Kind
        switch type {
        case "proportion":
            try forbid(["aggregate", "numerator", "denominator", "quantile", "cap"])
            kind = .proportion(event: try reader.string(reader.require(fields, "event", in: node, context: context), key: "event"))
        case "mean":
            try forbid(["numerator", "denominator", "quantile"])
            let event = try reader.string(reader.require(fields, "event", in: node, context: context), key: "event")
            let function = try fields["aggregate"].map { try reader.aggregateFunction($0) } ?? .sum
            kind = .mean(EventAggregate(event: event, function: function))
        case "ratio":
            try forbid(["event", "aggregate", "quantile", "cap"])
            kind = .ratio(
                numerator: try reader.eventAggregate(reader.require(fields, "numerator", in: node, context: context), key: "numerator"),
                denominator: try reader.eventAggregate(reader.require(fields, "denominator", in: node, context: context), key: "denominator"))
        case "quantile":
            try forbid(["aggregate", "numerator", "denominator", "cuped", "cap"])
            let event = try reader.string(reader.require(fields, "event", in: node, context: context), key: "event")
            let probability = try reader.number(reader.require(fields, "quantile", in: node, context: context), key: "quantile",
                                                range: .open(0, 1, upperIncluded: false))
            kind = .quantile(event: event, probability: probability)
        default:
            throw reader.error(typeNode, "`type: \(type)` is not one of proportion, mean, ratio, quantile")
        }
        var metric = MetricSpec(name: name, kind: kind)
        if let node = fields["direction"] {
            switch try reader.string(node, key: "direction") {
            case "increase": metric.increaseIsGood = true
            case "decrease": metric.increaseIsGood = false
            case let other: throw reader.error(node, "`direction: \(other)` must be increase or decrease")
            }
        }
        if let node = fields["cuped"] {
            guard let value = node.bool else { throw reader.error(node, "`cuped` must be true or false") }
            metric.cuped = value
        }
        if let node = fields["cap"] {
            let cap = try reader.mapping(node, context: "`cap` of \(context)", allowed: ["quantile", "value"])
            if let quantile = cap["quantile"], cap["value"] == nil {
                metric.cap = .quantile(try reader.number(quantile, key: "cap.quantile", range: .open(0, 1, upperIncluded: false)))
            } else if let value = cap["value"], cap["quantile"] == nil {
                metric.cap = .value(try reader.number(value, key: "cap.value", range: .any))
            } else {
                throw reader.error(node, "`cap` takes exactly one of `quantile: 0.999` or `value: 1000`")
            }
        }
        if let node = fields["guardrail"] {
            let guardrail = try reader.mapping(node, context: "`guardrail` of \(context)", allowed: ["margin", "relative"])
            let margin = try reader.number(reader.require(guardrail, "margin", in: node, context: "`guardrail`"), key: "guardrail.margin",
                                           range: .greaterThan(0))
            var relative = true
            if let relativeNode = guardrail["relative"] {
                guard let value = relativeNode.bool else { throw reader.error(relativeNode, "`relative` must be true or false") }
                relative = value
            }
            metric.guardrail = Guardrail(margin: margin, relative: relative)
        }
        return metric
    }
}

/// Reads spec nodes with located errors.
struct SpecNodeReader {
    let file: String

    enum Range {
        case any
        case greaterThan(Double)
        case atLeast(Double)
        case open(Double, Double, upperIncluded: Bool)
    }

    func error(_ node: Node, _ message: String) -> SpecError {
        SpecError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    /// The node as a mapping from key to value; rejects unknown keys (when `allowed` is given)
    /// and duplicates.
    func mapping(_ node: Node, context: String, allowed: [String]?) throws -> [String: Node] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(context) must be a mapping of `key: value` lines") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "keys in \(context) must be plain names") }
            if let allowed, !allowed.contains(name) {
                let suggestion = allowed.min { editDistance($0, name) < editDistance($1, name) }
                    .flatMap { editDistance($0, name) <= 2 ? " (did you mean `\($0)`?)" : nil } ?? ""
                throw error(key, "unknown key `\(name)` in \(context)\(suggestion); allowed: \(allowed.joined(separator: ", "))")
            }
            if result[name] != nil { throw error(key, "`\(name)` appears twice in \(context)") }
            result[name] = value
        }
        return result
    }

    func require(_ fields: [String: Node], _ key: String, in node: Node, context: String) throws -> Node {
        guard let value = fields[key] else { throw error(node, "\(context) has no `\(key)`; add `\(key): ...`") }
        return value
    }

    func string(_ node: Node, key: String) throws -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            throw error(node, "`\(key)` must be a non-empty text value")
        }
        return scalar.string
    }

    func number(_ node: Node, key: String, range: Range) throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingSpaces()), value.isFinite else {
            throw error(node, "`\(key)` must be a number")
        }
        switch range {
        case .any: break
        case .greaterThan(let bound): guard value > bound else { throw error(node, "`\(key): \(scalar.string)` must be greater than \(bound)") }
        case .atLeast(let bound): guard value >= bound else { throw error(node, "`\(key): \(scalar.string)` must be at least \(bound)") }
        case .open(let lower, let upper, let upperIncluded):
            guard value > lower && (upperIncluded ? value <= upper : value < upper) else {
                throw error(node, "`\(key): \(scalar.string)` must lie in (\(lower), \(upper)\(upperIncluded ? "]" : ")")")
            }
        }
        return value
    }

    func aggregateFunction(_ node: Node) throws -> MetricSpec.EventAggregate.Function {
        let text = try string(node, key: "aggregate")
        guard let function = MetricSpec.EventAggregate.Function(rawValue: text) else {
            throw error(node, "`aggregate: \(text)` is not one of sum, count, max")
        }
        return function
    }

    func eventAggregate(_ node: Node, key: String) throws -> MetricSpec.EventAggregate {
        let fields = try mapping(node, context: "`\(key)`", allowed: ["event", "aggregate"])
        let event = try string(require(fields, "event", in: node, context: "`\(key)`"), key: "\(key).event")
        let function = try fields["aggregate"].map { try aggregateFunction($0) } ?? .sum
        return MetricSpec.EventAggregate(event: event, function: function)
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short keys.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
}
