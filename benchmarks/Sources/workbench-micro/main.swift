// workbench-micro: iterations per second of the workbench's hot loops, in seconds of run time.
// Built with -enable-testing (benchmarks/run.sh --micro) because the loops are internal API.
// Prints a Markdown table; figures are for comparing builds on one machine, not across machines.
import Foundation

var benchmarks: [MicroBenchmark] = []
benchmarks.append(CSVBenchmark.scanning(CSVBenchmark.eventsCSV()))
benchmarks.append(GradientBoostingBenchmarks.histogramRoot(rows: 1_000_000))
benchmarks.append(GradientBoostingBenchmarks.histogramLeaf(rows: 1_000_000))
benchmarks.append(GradientBoostingBenchmarks.splitSearch())
do {
    benchmarks.append(try GradientBoostingBenchmarks.treePrediction(rows: 20_000))
} catch {
    FileHandle.standardError.write(Data("workbench-micro: training the prediction model failed: \(error)\n".utf8))
    exit(1)
}

var load = [Double](repeating: 0, count: 3)
_ = getloadavg(&load, 3)
print("# Micro-benchmarks")
print("")
print("\(ISO8601DateFormatter().string(from: Date())); \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(String(format: "%.2f", load[0]))")
print("")
print("| loop | iterations/s | throughput |")
print("|---|---:|---:|")
for benchmark in benchmarks {
    let (iterations, work) = benchmark.measure()
    print("| \(benchmark.name) | \(String(format: "%.1f", iterations)) | \(String(format: "%.1f", work)) \(benchmark.workUnit)/s |")
}
