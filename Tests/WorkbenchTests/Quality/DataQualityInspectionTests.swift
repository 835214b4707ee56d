import Foundation
import Testing
@testable import Workbench

@Suite struct DataQualityInspectionTests {
    private func write(_ text: String, _ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dq-\(getpid())-\(name)")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func countsMultiVariantUnitsWindowsAndSkippedRows() throws {
        let exposures = try write("""
            timestamp,unit_id,experiment,variant,country
            2026-01-10T00:00:00Z,a,exp,off,DE
            2026-01-10T00:00:00Z,b,exp,on,US
            2026-01-11T00:00:00Z,b,exp,off,US
            2026-01-09T00:00:00Z,c,exp,on,FR
            2026-01-12T00:00:00Z,c,exp,on,FR
            not-a-time,d,exp,on,FR

            """, "exposures.csv")
        let events = try write("""
            timestamp,unit_id,event,value
            2026-01-10T01:00:00Z,a,purchase,10
            2026-01-30T00:00:00Z,a,purchase,5
            2025-12-01T00:00:00Z,c,request,100
            2026-01-10T00:00:00Z,z,request,100

            """, "events.csv")
        defer {
            try? FileManager.default.removeItem(atPath: exposures)
            try? FileManager.default.removeItem(atPath: events)
        }
        var options = ReadOptions()
        options.badRowPolicy = .skip
        let report = try DataQualityInspection(options: options).run(source: .twoFiles(exposures: exposures, events: events))
        #expect(report.files[0].rowsRead == 6 && report.files[0].rowsSkipped["bad timestamp"] == 1)
        let experiment = try #require(report.experiments.first)
        #expect(experiment.exposureRows == 5)
        #expect(experiment.unitsPerVariant == ["off": 1, "on": 2])  // b counts under its first variant
        #expect(experiment.unitsInSeveralVariants == 1)
        #expect(report.units == 4)  // a, b, c, z: the rejected row adds no unit
        #expect(report.eventsByName == ["purchase": 2, "request": 2])
        #expect(report.eventsOfUnexposedUnits == 1)  // z
        #expect(report.eventsOutsideWindows == 2)  // a after 14 days, c long before its pre-period
        #expect(report.firstTimestamp == "2025-12-01T00:00:00Z")
        #expect(report.markdown.contains("| exp | 5 | off: 1, on: 2 | 1 |"))
    }

    @Test func earliestExposureDefinesTheVariantWhateverTheRowOrder() throws {
        let exposures = try write("timestamp,unit_id,experiment,variant\n2026-01-12T00:00:00Z,a,exp,on\n2026-01-10T00:00:00Z,a,exp,off\n", "order.csv")
        let events = try write("timestamp,unit_id,event,value\n", "order-events.csv")
        defer {
            try? FileManager.default.removeItem(atPath: exposures)
            try? FileManager.default.removeItem(atPath: events)
        }
        let report = try DataQualityInspection(options: ReadOptions()).run(source: .twoFiles(exposures: exposures, events: events))
        #expect(report.experiments.first?.unitsPerVariant == ["off": 1])
    }

    @Test func markdownEscapesNamesFromTheData() {
        #expect(DataQualityReport.cell("a|b<script>") == "a\\|b&lt;script&gt;")
    }
}

extension DataQualityInspectionTests {
    /// `analyze` of a single experiment takes the window counts from its accumulator instead of
    /// a second lookup per event: they must equal `inspect`'s, for every event name.
    @Test func analyzeCountsWindowsLikeInspect() throws {
        let exposures = try write("""
            timestamp,unit_id,experiment,variant
            2026-01-10T00:00:00Z,a,exp,off
            2026-01-10T00:00:00Z,b,exp,on
            2026-01-09T00:00:00Z,c,exp,on

            """, "analyze-exposures.csv")
        let events = try write("""
            timestamp,unit_id,event,value
            2026-01-10T01:00:00Z,a,purchase,10
            2026-01-30T00:00:00Z,a,purchase,5
            2026-01-30T00:00:00Z,b,page_view,
            2025-12-01T00:00:00Z,c,request,100
            2025-12-27T00:00:00Z,c,page_view,
            2026-01-10T00:00:00Z,z,request,100
            2026-01-10T00:00:00Z,y,page_view,

            """, "analyze-events.csv")
        defer {
            try? FileManager.default.removeItem(atPath: exposures)
            try? FileManager.default.removeItem(atPath: events)
        }
        let source = ExportSource.twoFiles(exposures: exposures, events: events)
        let inspected = try DataQualityInspection(options: ReadOptions()).run(source: source)
        #expect(inspected.eventsOfUnexposedUnits == 2 && inspected.eventsOutsideWindows == 3)
        let spec = try ExperimentSpec.parse(yaml: """
            experiment: exp
            control: "off"
            metrics:
              - {name: conversion, type: proportion, event: purchase}

            """, file: "spec.yaml")
        let results = try AnalyzeJob(specs: spec, options: ReadOptions()).run(source: source)
        let quality = try #require(results.first?.dataQuality)
        #expect(quality.eventsOfUnexposedUnits == inspected.eventsOfUnexposedUnits)
        #expect(quality.eventsOutsideWindows == inspected.eventsOutsideWindows)
    }
}
