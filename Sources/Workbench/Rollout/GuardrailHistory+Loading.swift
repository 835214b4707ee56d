import Stats

extension GuardrailHistory {
    /// Loads an experiment's guardrail history in one streaming pass over exposures and one
    /// over events (`ExportReader`).
    ///
    /// Units count from their earliest exposure; units seen in more than one variant are
    /// excluded and counted; units of variants other than `control`/`treatment` are kept with
    /// arm -1 (they are never replayed). Events are kept when their name feeds a guardrail
    /// metric and they fall in `[first exposure, first exposure + windowDays)` of an exposed
    /// unit; then sorted by time once. Memory: the reader's vocabulary plus 21 bytes per kept
    /// event. Time: dominated by parsing (see `ExportReader`).
    ///
    /// - Parameters:
    ///   - metrics: the spec's metrics; only those with `guardrail:` are loaded.
    ///   - treatment: the treatment variant; `nil` means the single non-control variant.
    /// - Throws: `RolloutError` when the experiment, control or treatment is missing, there is
    ///   no replayable guardrail metric, or a guardrail is a quantile metric; ingest errors as
    ///   `ExportReader` throws them.
    public static func load(
        source: ExportSource, experiment: String, control: String, treatment: String?, metrics: [MetricSpec],
        windowDays: Double, options: ReadOptions, progress: ProgressBar? = nil
    ) throws -> GuardrailHistory {
        let guardrails = metrics.filter { $0.guardrail != nil }
        guard !guardrails.isEmpty else {
            throw RolloutError("the spec has no guardrail metric; add `guardrail: {margin: 0.02}` to the metrics to watch")
        }
        // Event names and aggregates, in metric order.
        var eventNames: [String] = []
        var aggregates: [ReplayAggregate] = []
        func aggregateIndex(_ spec: MetricSpec.EventAggregate) -> Int {
            let event: Int
            if let found = eventNames.firstIndex(of: spec.event) { event = found } else { eventNames.append(spec.event); event = eventNames.count - 1 }
            let aggregate = ReplayAggregate(event: event, function: spec.function)
            if let found = aggregates.firstIndex(of: aggregate) { return found }
            aggregates.append(aggregate)
            return aggregates.count - 1
        }
        var replayMetrics: [GuardrailMetric] = []
        for metric in guardrails {
            guard let guardrail = metric.guardrail else { continue }
            let shape: GuardrailMetric.Shape
            switch metric.kind {
            case .proportion(let event): shape = .proportion(aggregate: aggregateIndex(.init(event: event, function: .count)))
            case .mean(let aggregate): shape = .mean(aggregate: aggregateIndex(aggregate))
            case .ratio(let numerator, let denominator):
                shape = .ratio(numerator: aggregateIndex(numerator), denominator: aggregateIndex(denominator))
            case .quantile:
                throw RolloutError("guardrail \"\(metric.name)\" is a quantile metric, which has no additive per-unit statistics to replay; make it a ratio (e.g. latency sum / request count) or drop its `guardrail:`")
            }
            replayMetrics.append(GuardrailMetric(
                name: metric.name, shape: shape, direction: metric.increaseIsGood ? .increase : .decrease,
                margin: NonInferiorityMargin(guardrail.margin, scale: guardrail.relative ? .relative : .absolute)))
        }

        var readOptions = options
        readOptions.attributes = []
        if let progress {
            readOptions.progress = { file, bytes in progress.update(label: "reading \(file)", done: bytes, total: nil) }
        }
        let reader = ExportReader(options: readOptions)
        var index = ExposureIndex(attributeCount: 0)
        var unitMap: [Int32] = []  // vocabulary unit id -> dense index, -1 when not replayed
        var firstExposure: [Int64] = []
        var arms: [Int8] = []
        var unitIDs: [String] = []
        var excluded = 0
        var controlName = control
        var treatmentName = treatment ?? ""
        var eventMap: [Int16] = []  // vocabulary event id -> index in eventNames, -1 when unused
        var eventUnit: [Int32] = [], eventTime: [Int64] = [], eventValue: [Double] = [], eventIndex: [UInt8] = []
        let window = Int64((windowDays * 86_400_000).rounded())
        var prepared = false

        func prepare() throws {
            prepared = true
            guard let id = reader.vocabulary.experimentID(experiment), Int(id) < index.experiments.count else {
                let found = reader.vocabulary.experimentNames.sorted().joined(separator: ", ")
                throw RolloutError("the exposures have no experiment \"\(experiment)\" (found: \(found.isEmpty ? "none" : found)); fix `experiment:` in the spec")
            }
            let exposures = index.experiments[Int(id)]
            let variantNames = reader.vocabulary.variantNames
            var seenVariants = Set<Int32>()
            for value in exposures.variant where value >= 0 { seenVariants.insert(value) }
            let seen = seenVariants.sorted().map { variantNames[Int($0)] }
            guard let controlID = reader.vocabulary.variantID(control), seenVariants.contains(controlID) else {
                throw RolloutError("experiment \"\(experiment)\" has no control variant \"\(control)\" (found: \(seen.joined(separator: ", "))); fix `control:` in the spec")
            }
            let others = seen.filter { $0 != control }
            if treatment == nil {
                guard others.count == 1, let only = others.first else {
                    throw RolloutError("experiment \"\(experiment)\" has \(others.count) non-control variants (\(others.joined(separator: ", "))); name the one to backtest with `backtest.treatment:`")
                }
                treatmentName = only
            }
            guard let treatmentID = reader.vocabulary.variantID(treatmentName), seenVariants.contains(treatmentID) else {
                throw RolloutError("experiment \"\(experiment)\" has no variant \"\(treatmentName)\" (found: \(seen.joined(separator: ", "))); fix `backtest.treatment:`")
            }
            controlName = control
            unitMap = Array(repeating: -1, count: exposures.variant.count)
            for unit in 0..<exposures.variant.count where exposures.variant[unit] >= 0 {
                if exposures.inSeveralVariants[unit] { excluded += 1; continue }
                let variant = exposures.variant[unit]
                unitMap[unit] = Int32(unitIDs.count)
                unitIDs.append(reader.vocabulary.unitName(Int32(unit)))
                firstExposure.append(exposures.firstTime[unit])
                arms.append(variant == controlID ? 0 : variant == treatmentID ? 1 : -1)
            }
        }

        _ = try source.read(
            with: reader,
            exposures: { exposure in index.record(exposure) },
            events: { event in
                if !prepared { try prepare() }
                let unit = Int(event.unit)
                guard unit < unitMap.count else { return }
                let dense = unitMap[unit]
                guard dense >= 0 else { return }
                let id = Int(event.event)
                while eventMap.count <= id {
                    let name = reader.vocabulary.eventName(Int32(eventMap.count))
                    eventMap.append(Int16(eventNames.firstIndex(of: name) ?? -1))
                }
                let local = eventMap[id]
                guard local >= 0 else { return }
                let start = firstExposure[Int(dense)]
                guard event.time >= start && event.time < start + window else { return }
                eventUnit.append(dense)
                eventTime.append(event.time)
                eventValue.append(event.value)
                eventIndex.append(UInt8(local))
            })
        progress?.finish()
        if !prepared { try prepare() }
        return GuardrailHistory(
            unitIDs: unitIDs, firstExposure: firstExposure, arm: arms, controlVariant: controlName,
            treatmentVariant: treatmentName, excludedUnits: excluded, eventNames: eventNames, aggregates: aggregates,
            metrics: replayMetrics, windowMilliseconds: window, eventUnit: eventUnit, eventTime: eventTime,
            eventValue: eventValue, eventIndex: eventIndex)
    }
}
