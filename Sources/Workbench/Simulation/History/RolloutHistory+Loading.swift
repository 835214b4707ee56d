extension RolloutHistory {
    /// Reads an experiment's exposures and events into a history for `plan`'s look grid.
    ///
    /// Units: exposed in `spec.experiment` in the control or the treatment variant (the
    /// plan's, or the only non-control one), first exposure = earliest exposure; units logged
    /// in several variants are left out (as the analysis does). Events: those the spec's
    /// guardrail metrics read, from each unit's first exposure on (no metric window: a rollout
    /// watches everything after entry). Two streaming passes; memory O(units + kept events).
    ///
    /// - Throws: ``SimulationError`` when the spec has no usable guardrail metric or the
    ///   export has no such experiment or arm; `IngestError` for unreadable files.
    public static func load(
        exposuresPath: String, eventsPath: String, spec: ExperimentSpec, plan: SimulationPlan,
        options: ReadOptions = ReadOptions()
    ) throws -> RolloutHistory {
        let (slots, metrics) = try watchedMetrics(of: spec)
        let reader = ExportReader(options: options)
        var index = ExposureIndex(attributeCount: 0)
        _ = try reader.readExposures(path: exposuresPath) { index.record($0) }
        let vocabulary = reader.vocabulary
        guard let experimentID = vocabulary.experimentID(spec.experiment), Int(experimentID) < index.experiments.count else {
            throw SimulationError("The exposures have no experiment \"\(spec.experiment)\" (the spec's `experiment`); check the spec or --exposures.")
        }
        let experiment = index.experiments[Int(experimentID)]
        guard let controlID = vocabulary.variantID(spec.control) else {
            throw SimulationError("No exposure is in the control variant \"\(spec.control)\"; fix the spec's `control`.")
        }
        let treatmentID: Int32
        if let name = plan.treatment {
            guard let id = vocabulary.variantID(name) else {
                throw SimulationError("No exposure is in the treatment variant \"\(name)\"; fix `treatment:` in the policy file.")
            }
            treatmentID = id
        } else {
            let seen = Set(experiment.variant.filter { $0 >= 0 && $0 != controlID })
            guard seen.count == 1, let only = seen.first else {
                let names = seen.map { vocabulary.variantName($0) }.sorted()
                throw SimulationError("The experiment has \(seen.count) non-control variants (\(names.joined(separator: ", "))); name one with `treatment:` in the policy file.")
            }
            treatmentID = only
        }

        var unitOf = [Int32](repeating: -1, count: experiment.variant.count)
        var names: [String] = []
        var arms: [UInt8] = []
        var firsts: [Int64] = []
        for id in experiment.variant.indices where !experiment.inSeveralVariants[id] {
            let variant = experiment.variant[id]
            guard variant == controlID || variant == treatmentID else { continue }
            unitOf[id] = Int32(names.count)
            names.append(vocabulary.unitName(Int32(id)))
            arms.append(variant == treatmentID ? 1 : 0)
            firsts.append(floorSeconds(experiment.firstTime[id]))
        }
        guard arms.contains(0), arms.contains(1) else {
            throw SimulationError("The experiment needs exposed units in both \"\(spec.control)\" and the treatment; found \(arms.count) units in one arm only.")
        }

        let slotOfEvent = Dictionary(grouping: slots.indices, by: { slots[$0].event })
        var events: [BinnedEvent] = []
        var lastSeconds = firsts.max() ?? 0
        _ = try reader.readEvents(path: eventsPath) { event in
            guard Int(event.unit) < unitOf.count else { return }
            let unit = unitOf[Int(event.unit)]
            guard unit >= 0, let slotIndices = slotOfEvent[vocabulary.eventName(event.event)] else { return }
            let seconds = floorSeconds(event.time)
            lastSeconds = max(lastSeconds, seconds)
            for slot in slotIndices {
                let value = slots[slot].function == .count ? 1 : event.value
                events.append(BinnedEvent(unit: Int(unit), slot: slot, value: value, timeSeconds: seconds))
            }
        }
        let lookSeconds = Int64((plan.lookEveryHours * 3600).rounded())
        let start = plan.startSeconds ?? ((firsts.min() ?? 0) / 3600 * 3600)
        guard lastSeconds >= start else {
            throw SimulationError("The rollout start is after the last record of the history; move `start:` earlier.")
        }
        let lookCount = max(1, Int((lastSeconds - start) / max(1, lookSeconds)) + 1)
        var history = RolloutHistory(
            startSeconds: start, lookSeconds: max(1, lookSeconds), lookCount: lookCount, unitNames: names, arms: arms,
            firstExposureSeconds: firsts, slots: slots, metrics: metrics, events: events)
        history.treatment = vocabulary.variantName(treatmentID)
        return history
    }

    /// The spec's guardrail metrics as slots and watched metrics.
    ///
    /// - Throws: ``SimulationError`` when there is none, or one is a quantile metric.
    public static func watchedMetrics(of spec: ExperimentSpec) throws -> (slots: [MetricSpec.EventAggregate], metrics: [WatchedMetric]) {
        var slots: [MetricSpec.EventAggregate] = []
        func slot(_ aggregate: MetricSpec.EventAggregate) -> Int {
            if let index = slots.firstIndex(of: aggregate) { return index }
            slots.append(aggregate)
            return slots.count - 1
        }
        var metrics: [WatchedMetric] = []
        for metric in spec.metrics {
            guard let guardrail = metric.guardrail else { continue }
            let shape: WatchedMetric.Shape
            switch metric.kind {
            case let .proportion(event):
                shape = .proportion(slot: slot(.init(event: event, function: .count)))
            case let .mean(aggregate):
                shape = .mean(slot: slot(aggregate))
            case let .ratio(numerator, denominator):
                shape = .ratio(numerator: slot(numerator), denominator: slot(denominator))
            case .quantile:
                throw SimulationError("Guardrail metric \"\(metric.name)\" is a quantile, which a staged replay cannot summarise by sufficient statistics; watch the mean latency (a ratio metric) instead.")
            }
            metrics.append(WatchedMetric(name: metric.name, shape: shape, increaseIsGood: metric.increaseIsGood,
                                         margin: guardrail.margin, relativeMargin: guardrail.relative))
        }
        guard !metrics.isEmpty else {
            throw SimulationError("The spec \"\(spec.experiment)\" has no guardrail metric; add `guardrail: {margin: 0.05}` to the metrics the rollout must not harm.")
        }
        return (slots, metrics)
    }

    /// Milliseconds to whole seconds, rounding down (also before 1970).
    static func floorSeconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }
}
