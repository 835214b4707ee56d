import Foundation

/// Reads warehouse aggregates (docs/aggregates-format.md) into `StatisticsTable`s, one per spec.
///
/// Uses the ingest CSV scanner, so malformed rows get the same located errors.
public enum AggregatesReader {
    /// The statistics tables for `specs`, in spec order. Throws `IngestError` for malformed
    /// CSV and `AnalysisError` for rows that do not fit the specs.
    public static func read(path: String, specs: [ExperimentSpec]) throws -> [StatisticsTable] {
        var scanner = try CSVRecordScanner(path: path, source: openByteSource(path: path))
        defer { scanner.close() }
        let columns = ["experiment", "variant", "metric", "dimension", "dimension_value", "day", "units"]
            + (0..<4).map { "sum_v\($0)" } + productColumns
        try scanner.bind(columns: columns, required: columns.map { _ in true })
        let slots = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: columns.count)
        let present = UnsafeMutableBufferPointer<Bool>.allocate(capacity: columns.count)
        defer {
            slots.deallocate()
            present.deallocate()
        }
        present.initialize(repeating: false)
        var builders = specs.map { TableBuilder(spec: $0) }
        while let outcome = try scanner.next(slots: slots, present: present) {
            switch outcome {
            case .malformed(let error):
                throw error
            case .record(let line):
                func text(_ slot: Int) -> String { present[slot] ? slots[slot].string : "" }
                func number(_ slot: Int) throws -> Double? {
                    guard present[slot], !slots[slot].isEmpty else { return nil }
                    guard let value = NumberParser.parseDouble(slots[slot]), value.isFinite else {
                        throw IngestError(file: path, line: line, column: slot + 1, kind: .badNumber,
                                          detail: "\(columns[slot]) \(slots[slot].quotedForMessage) is not a finite number",
                                          hint: "the aggregates must be plain numbers")
                    }
                    return value
                }
                let experiment = text(0)
                guard let index = specs.firstIndex(where: { $0.experiment == experiment }) else { continue }
                guard let units = try number(6) else {
                    throw IngestError(file: path, line: line, column: 7, kind: .missingValue, detail: "no units", hint: "every row needs units")
                }
                var sums: [Double?] = []
                for slot in 7..<11 { sums.append(try number(slot)) }
                var products: [Double?] = []
                for slot in 11..<(11 + productColumns.count) { products.append(try number(slot)) }
                try builders[index].add(variant: text(1), metric: text(2), dimension: text(3), value: text(4), day: text(5),
                                        units: units, sums: sums, products: products, location: "\(path):\(line)")
            }
        }
        return try builders.map { try $0.table() }
    }

    /// Upper-triangle product columns in the documented order.
    static let productColumns: [String] = {
        var names: [String] = []
        for row in 0..<4 { for column in row..<4 { names.append("sum_v\(row)_v\(column)") } }
        return names
    }()

    /// Collects one experiment's rows.
    struct TableBuilder {
        let spec: ExperimentSpec
        var variants: [String] = []
        var dailyUnits: [String: [String: Double]] = [:]  // day -> variant -> units
        var excluded: [String: Int] = [:]
        /// metric -> day -> variant -> sums
        var daily: [String: [String: [String: MomentSums]]] = [:]
        /// metric -> segment -> variant -> sums
        var segments: [String: [StatisticsTable.SegmentKey: [String: MomentSums]]] = [:]

        init(spec: ExperimentSpec) { self.spec = spec }

        mutating func add(variant: String, metric: String, dimension: String, value: String, day: String, units: Double,
                          sums: [Double?], products: [Double?], location: String) throws {
            if metric == "_excluded" {
                excluded[dimension.isEmpty ? "excluded" : dimension, default: 0] += Int(units)
                return
            }
            if !variant.isEmpty && !variants.contains(variant) { variants.append(variant) }
            if metric == "_units" {
                dailyUnits[day, default: [:]][variant, default: 0] += units
                return
            }
            guard let metricSpec = spec.metrics.first(where: { $0.name == metric }) else {
                throw AnalysisError("\(location): metric \"\(metric)\" is not in the spec of \"\(spec.experiment)\"")
            }
            let dimensionCount = Self.dimension(of: metricSpec, prePeriodDays: spec.prePeriodDays)
            guard dimensionCount > 0 else { return }  // quantile metrics have no aggregates
            var values: [Double] = []
            for index in 0..<dimensionCount {
                guard let sum = sums[index] else {
                    throw AnalysisError("\(location): metric \"\(metric)\" needs sum_v\(index)")
                }
                values.append(sum)
            }
            var full = Array(repeating: 0.0, count: dimensionCount * dimensionCount)
            var position = 0
            for row in 0..<4 {
                for column in row..<4 {
                    defer { position += 1 }
                    guard row < dimensionCount && column < dimensionCount else { continue }
                    guard let product = products[position] else {
                        throw AnalysisError("\(location): metric \"\(metric)\" needs \(AggregatesReader.productColumns[position])")
                    }
                    full[row * dimensionCount + column] = product
                    full[column * dimensionCount + row] = product
                }
            }
            let cell = MomentSums(count: units, sums: values, products: full)
            if dimension.isEmpty {
                daily[metric, default: [:]][day, default: [:]][variant, default: MomentSums(dimension: dimensionCount)].merge(cell)
            } else {
                let key = StatisticsTable.SegmentKey(dimension: dimension, value: value)
                segments[metric, default: [:]][key, default: [:]][variant, default: MomentSums(dimension: dimensionCount)].merge(cell)
            }
        }

        /// The number of per-unit variables of a metric (0 for quantile metrics).
        static func dimension(of metric: MetricSpec, prePeriodDays: Double) -> Int {
            let cuped = metric.cuped && prePeriodDays > 0
            switch metric.kind {
            case .proportion: return 1
            case .mean: return cuped ? 2 : 1
            case .ratio: return cuped ? 4 : 2
            case .quantile: return 0
            }
        }

        func table() throws -> StatisticsTable {
            guard variants.contains(spec.control) else {
                throw AnalysisError("the aggregates have no rows for the control \"\(spec.control)\" of \"\(spec.experiment)\" (variants: \(variants.joined(separator: ", ")))")
            }
            let ordered = [spec.control] + variants.filter { $0 != spec.control }
            let days = Set(dailyUnits.keys).union(daily.values.flatMap(\.keys)).sorted()
            let newUnits = days.map { day in ordered.map { Int(dailyUnits[day]?[$0] ?? 0) } }
            let units = ordered.indices.map { index in newUnits.reduce(0) { $0 + $1[index] } }
            let metrics = spec.metrics.map { metric -> StatisticsTable.MetricTable in
                let dimensionCount = Self.dimension(of: metric, prePeriodDays: spec.prePeriodDays)
                guard dimensionCount > 0 else {
                    return .init(name: metric.name, overall: [], segments: [:], daily: [], unitValues: nil, segmentUnitValues: nil)
                }
                let empty = MomentSums(dimension: dimensionCount)
                let perDay = days.map { day in ordered.map { daily[metric.name]?[day]?[$0] ?? empty } }
                var overall = ordered.map { _ in empty }
                for day in perDay { for index in overall.indices { overall[index].merge(day[index]) } }
                var bySegment: [StatisticsTable.SegmentKey: [MomentSums]] = [:]
                for (key, cells) in segments[metric.name] ?? [:] { bySegment[key] = ordered.map { cells[$0] ?? empty } }
                return .init(name: metric.name, overall: overall, segments: bySegment, daily: perDay, unitValues: nil, segmentUnitValues: nil)
            }
            return StatisticsTable(variants: ordered, units: units, excluded: excluded, metrics: metrics, days: days,
                                   newUnitsPerDay: newUnits, dataQuality: nil)
        }
    }
}
