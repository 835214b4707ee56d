import ArgumentParser
import Workbench

/// Options naming an export: two files, or one single-stream file.
struct ExportOptions: ParsableArguments {
    @Option(help: "The exposures file (CSV, NDJSON or JSON array; .gz allowed).")
    var exposures: String?

    @Option(help: "The events file.")
    var events: String?

    @Option(name: .customLong("single-stream"), help: "One event file in which exposures are events named by --exposure-event.")
    var singleStream: String?

    @Option(help: "With --single-stream: the event name that marks an exposure (e.g. viewed_feature).")
    var exposureEvent: String?

    func validate() throws {
        if singleStream != nil {
            guard exposures == nil && events == nil else {
                throw ValidationError("Give either --single-stream FILE, or --exposures and --events, not both.")
            }
            guard exposureEvent != nil else {
                throw ValidationError("--single-stream needs --exposure-event NAME: the event that marks an exposure.")
            }
        } else if (exposures == nil) != (events == nil) {
            throw ValidationError("--exposures and --events go together: name both files.")
        }
    }

    /// Whether any export was named.
    var isGiven: Bool { singleStream != nil || exposures != nil }

    func source() throws -> ExportSource {
        if let singleStream, let exposureEvent { return .singleStream(file: singleStream, exposureEvent: exposureEvent) }
        guard let exposures, let events else {
            throw ValidationError("Name the export: --exposures FILE --events FILE (or --single-stream FILE --exposure-event NAME).")
        }
        return .twoFiles(exposures: exposures, events: events)
    }
}
