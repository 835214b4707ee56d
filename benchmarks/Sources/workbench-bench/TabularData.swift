import Foundation

/// One split (train or test) of the tabular benchmark data written by `harness/make_tabular.py`.
///
/// Files are raw little-endian float64: `NAME.x.f64` column-major (feature `j` of row `i` at
/// `j * rows + i`, NaN = missing) and `NAME.y.f64` with 0/1 labels. The row count comes from
/// the file size, the feature count from `meta.json`.
struct TabularData {
    let rows: Int
    let features: Int
    /// Column-major feature values, `rows * features` of them.
    var values: [Double]
    let labels: [Double]

    /// Reads split `name` (`train` or `test`) from `folder`.
    init(folder: String, name: String) throws(BenchmarkError) {
        let meta = try Self.readMeta(folder: folder)
        let labels = try Self.readDoubles(path: "\(folder)/\(name).y.f64")
        let values = try Self.readDoubles(path: "\(folder)/\(name).x.f64")
        guard values.count == labels.count * meta else {
            throw .badData("\(folder)/\(name).x.f64 holds \(values.count) values, expected \(labels.count) rows x \(meta) features; regenerate with harness/make_tabular.py")
        }
        self.rows = labels.count
        self.features = meta
        self.values = values
        self.labels = labels
    }

    /// The same values with every missing (NaN) value replaced by 0, for models that need
    /// complete rows; the Python peers make the identical replacement.
    func valuesWithMissingAsZero() -> [Double] { values.map { $0.isNaN ? 0 : $0 } }

    private static func readMeta(folder: String) throws(BenchmarkError) -> Int {
        let path = "\(folder)/meta.json"
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = object["features"] as? Int, features > 0
        else { throw .badData("\(path) is missing or has no positive \"features\"; run benchmarks/run.sh to generate the data") }
        return features
    }

    /// Reads a whole file of float64 values with one `fread`.
    static func readDoubles(path: String) throws(BenchmarkError) -> [Double] {
        guard let file = fopen(path, "rb") else { throw .badData("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        fseek(file, 0, SEEK_END)
        let bytes = ftell(file)
        fseek(file, 0, SEEK_SET)
        guard bytes >= 0, bytes % 8 == 0 else { throw .badData("\(path) has \(bytes) bytes, not a whole number of float64 values") }
        let count = bytes / 8
        var readCount = 0
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            readCount = count == 0 ? 0 : fread(buffer.baseAddress, 8, count, file)
            initialized = readCount
        }
        guard readCount == count else { throw .badData("\(path): read \(readCount) of \(count) values") }
        return values
    }

    /// Writes float64 values (little-endian on every platform Swift runs this on).
    static func writeDoubles(_ values: [Double], path: String) throws(BenchmarkError) {
        guard let file = fopen(path, "wb") else { throw .badData("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { fclose(file) }
        let written = values.withUnsafeBufferPointer { fwrite($0.baseAddress, 8, $0.count, file) }
        guard written == values.count else { throw .badData("\(path): wrote \(written) of \(values.count) values") }
    }
}
