/// `workbench analyze` on a raw export: one streaming pass over exposures, one over events,
/// every spec (experiment) analysed in that same pass.
///
/// Memory: the exposure index (per unit per experiment) plus each experiment's per-unit
/// sources and quantile-metric event values; never the rows themselves.
public struct AnalyzeJob {
    public var specs: [ExperimentSpec]
    public var options: ReadOptions
    /// Called after each phase (reading exposures, reading events, statistics and results)
    /// with its wall time in seconds; for benchmarks and `WORKBENCH_REPORT_PHASES=1`.
    public var onPhase: ((_ phase: String, _ seconds: Double) -> Void)?

    public init(specs: [ExperimentSpec], options: ReadOptions) {
        self.specs = specs
        self.options = options
    }

    /// Reads `source` and returns one result per spec, in spec order.
    public func run(source: ExportSource, progress: ProgressBar? = nil) throws -> [ExperimentResults] {
        let clock = ProgressBar.now()
        let reader = ExportReader(options: options.reportingProgress(to: progress))
        let collector = DataQualityCollector(
            windowDays: specs.map(\.windowDays).max() ?? 14, prePeriodDays: specs.map(\.prePeriodDays).max() ?? 14)
        var accumulators: [ExperimentAccumulator]?
        var phaseStart = clock
        func endPhase(_ name: String) {
            let now = ProgressBar.now()
            onPhase?(name, now - phaseStart)
            phaseStart = now
        }
        let reports = try source.read(
            with: reader,
            exposures: collector.record,
            eventBatches: { events in
                if accumulators == nil {
                    endPhase("exposures")
                    let made = try makeAccumulators(index: collector.exposureIndex, vocabulary: reader.vocabulary)
                    accumulators = made
                    // One experiment judged by the same windows: its accumulator classifies
                    // every event anyway, so the collector skips its own lookup per event.
                    collector.callerCountsWindows = made.count == 1 && collector.exposureIndex.experiments.count == 1
                        && made[0].windowLengths == collector.windowLengths
                }
                collector.record(events)
                for accumulator in accumulators ?? [] { accumulator.consume(events) }
            })
        progress?.finish()
        endPhase("events")
        if collector.callerCountsWindows, let only = accumulators?.first {
            collector.takeWindowCounts(ofUnexposedUnits: only.eventsOfUnexposedUnits, outsideWindows: only.eventsOutsideWindows)
        }
        let index = collector.exposureIndex
        let ready = try accumulators ?? makeAccumulators(index: index, vocabulary: reader.vocabulary)
        var quality = collector.report(files: reports, vocabulary: reader.vocabulary, seconds: ProgressBar.now() - clock)
        quality.seconds = nil  // results.json must not depend on the machine's speed
        let results = try ready.map { accumulator in
            let table = try accumulator.finish(
                exposures: index.experiments[Int(accumulator.experimentID)], vocabulary: reader.vocabulary,
                attributeColumns: reader.attributeColumns, dataQuality: quality)
            endPhase("tables")
            let results = try ResultsBuilder(spec: accumulator.spec, table: table).build()
            endPhase("statistics")
            return results
        }
        return results
    }

    /// Runs the statistics on warehouse aggregates (docs/aggregates-format.md).
    public func run(aggregates path: String) throws -> [ExperimentResults] {
        let tables = try AggregatesReader.read(path: path, specs: specs)
        return try zip(specs, tables).map { spec, table in try ResultsBuilder(spec: spec, table: table).build() }
    }

    private func makeAccumulators(index: ExposureIndex, vocabulary: Vocabulary) throws -> [ExperimentAccumulator] {
        try specs.map { spec in
            guard let id = vocabulary.experimentID(spec.experiment), Int(id) < index.experiments.count else {
                let found = vocabulary.experimentNames.sorted().joined(separator: ", ")
                throw AnalysisError("the exposures have no experiment \"\(spec.experiment)\" (found: \(found.isEmpty ? "none" : found)); fix `experiment:` in the spec or map the experiment column with --map experiment=COLUMN")
            }
            return ExperimentAccumulator(spec: spec, experimentID: id, exposures: index.experiments[Int(id)], vocabulary: vocabulary)
        }
    }
}
