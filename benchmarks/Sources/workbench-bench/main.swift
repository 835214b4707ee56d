// workbench-bench JOB --name value ...: one benchmark job through the public Models API.
// Prints progress to standard error and one `RESULT {json}` line to standard output.
import Foundation

let jobs = "gbdt-train, gbdt-predict, gbdt-export-onnx, logistic"
do {
    let commandLine = CommandLine.arguments
    guard commandLine.count >= 2 else { throw BenchmarkError.usage("workbench-bench JOB --name value ... (jobs: \(jobs))") }
    let arguments = try Arguments(commandLine.dropFirst(2))
    switch commandLine[1] {
    case "gbdt-train": try GradientBoostingJobs.train(arguments)
    case "gbdt-predict": try GradientBoostingJobs.predict(arguments)
    case "gbdt-export-onnx": try GradientBoostingJobs.exportONNX(arguments)
    case "logistic": try LogisticJob.run(arguments)
    default: throw BenchmarkError.usage("unknown job \(commandLine[1]); jobs: \(jobs)")
    }
} catch {
    FileHandle.standardError.write(Data("workbench-bench: \(error)\n".utf8))
    exit(1)
}
