/// `--name value` pairs after the job name; every job reads only the few options it needs.
struct Arguments {
    private var values: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) throws(BenchmarkError) {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard name.hasPrefix("--"), let value = iterator.next() else {
                throw .usage("expected --name value pairs, got \(name)")
            }
            values[String(name.dropFirst(2))] = value
        }
    }

    func string(_ name: String) throws(BenchmarkError) -> String {
        guard let value = values[name] else { throw .usage("missing --\(name)") }
        return value
    }

    func integer(_ name: String, default fallback: Int) throws(BenchmarkError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw .usage("--\(name) must be an integer, got \(text)") }
        return value
    }
}
