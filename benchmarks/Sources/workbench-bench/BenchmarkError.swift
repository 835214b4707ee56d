/// A problem that stops a benchmark job, with what to do about it.
enum BenchmarkError: Error, CustomStringConvertible {
    case usage(String)
    case badData(String)
    case failed(String)

    var description: String {
        switch self {
        case let .usage(message): "usage: \(message)"
        case let .badData(message): "data: \(message)"
        case let .failed(message): "failed: \(message)"
        }
    }
}
