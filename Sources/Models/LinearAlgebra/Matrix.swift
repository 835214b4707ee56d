/// A dense matrix of `Double` in column-major order, the layout BLAS and LAPACK use natively.
///
/// Element (row i, column j) lives at `storage[i + j * rows]`, so each column is contiguous.
/// A value type with copy-on-write storage; all heavy operations (see `Matrix+BLAS.swift` and
/// ``CholeskyFactorization``) call OpenBLAS / LAPACKE rather than looping in Swift.
public struct Matrix: Sendable, Equatable {
    /// Number of rows (observations, for a design matrix), >= 0.
    public let rows: Int
    /// Number of columns (features, for a design matrix), >= 0.
    public let columns: Int
    /// The `rows * columns` elements, column after column.
    public var storage: [Double]

    /// A matrix with every element equal to `value`. O(rows * columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be >= 0, got \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// Wraps column-major `storage` (column after column) without copying.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be >= 0, got \(rows) x \(columns)")
        precondition(
            storage.count == rows * columns,
            "column-major storage has \(storage.count) elements, expected \(rows) x \(columns) = \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Builds a matrix from rows of equal length (e.g. parsed records). O(rows * columns).
    public init(rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        var storage = [Double](repeating: 0, count: rowArrays.count * columns)
        for (i, row) in rowArrays.enumerated() {
            precondition(row.count == columns, "row \(i) has \(row.count) elements, expected \(columns)")
            for (j, value) in row.enumerated() { storage[i + j * rowArrays.count] = value }
        }
        self.init(rows: rowArrays.count, columns: columns, columnMajor: storage)
    }

    /// The `size x size` identity matrix.
    public static func identity(_ size: Int) -> Matrix {
        var matrix = Matrix(rows: size, columns: size)
        for i in 0..<size { matrix[i, i] = 1 }
        return matrix
    }

    /// Element at (`row`, `column`), both 0-based. O(1).
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(rows) x \(columns)")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "index (\(row), \(column)) outside \(rows) x \(columns)")
            storage[row + column * rows] = newValue
        }
    }

    /// A copy of column `column`. O(rows).
    public func column(_ column: Int) -> [Double] {
        precondition(column >= 0 && column < columns, "column \(column) outside 0..<\(columns)")
        return Array(storage[(column * rows)..<((column + 1) * rows)])
    }

    /// The main diagonal, `min(rows, columns)` elements.
    public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

    /// The transpose. O(rows * columns).
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.storage[j + i * columns] = storage[i + j * rows] }
        }
        return result
    }
}
