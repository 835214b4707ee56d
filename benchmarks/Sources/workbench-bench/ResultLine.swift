import Foundation

/// Prints one job's result as a single JSON object on standard output, the line the harness reads.
func printResult(_ fields: [String: Any]) throws(BenchmarkError) {
    guard JSONSerialization.isValidJSONObject(fields),
          let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    else { throw .failed("result is not valid JSON (a NaN or infinity?): \(fields)") }
    print("RESULT " + String(decoding: data, as: UTF8.self))
}
