import Models

/// The design matrix of the direct method's outcome models, split by cross-fitting fold.
///
/// Columns: an intercept; every covariate with at least two distinct values, standardised with
/// its mean and population standard deviation over the non-missing values, a missing value
/// becoming 0 (the mean); for a covariate with some but not all values missing, a 0/1
/// indicator of "missing"; and the target score, standardised the same way (the policy is a
/// function of it, so it is the one covariate that must be in the model). The transformation is
/// fixed from the original data and reused in every bootstrap replicate.
struct OutcomeDesign {
    /// Column names, intercept first.
    let columnNames: [String]
    /// Units of each fold, ascending.
    let foldUnits: [[Int]]
    /// Per fold: the fold's rows of the design, `foldUnits[k].count x columnCount`, column-major.
    let foldDesign: [Matrix]
    /// Per fold and arm (0 treatment, 1 control): positions (in `foldUnits[k]`) of the arm's rows.
    let armRows: [[[Int]]]

    var columnCount: Int { columnNames.count }

    /// Builds the design. O(units x columns).
    /// - Precondition: `folds` has one value in `0 ..< foldCount` per unit.
    init(units: LoggedUnits, folds: [Int], foldCount: Int) {
        precondition(folds.count == units.count, "\(folds.count) folds for \(units.count) units")
        precondition(folds.allSatisfy { $0 >= 0 && $0 < foldCount }, "folds must lie in 0..<\(foldCount)")
        let count = units.count
        var names = ["intercept"]
        var columns: [[Double]] = [Array(repeating: 1, count: count)]
        for (name, values) in zip(units.covariateNames + ["score"], units.covariates + [units.scores]) {
            var sum = 0.0
            var present = 0
            for value in values where !value.isNaN {
                sum += value
                present += 1
            }
            guard present > 0 else { continue }
            let mean = sum / Double(present)
            var squares = 0.0
            for value in values where !value.isNaN { squares += (value - mean) * (value - mean) }
            let deviation = (squares / Double(present)).squareRoot()
            if deviation > 0 {
                names.append(name)
                columns.append(values.map { $0.isNaN ? 0 : ($0 - mean) / deviation })
            }
            if present < count {
                names.append("\(name) missing")
                columns.append(values.map { $0.isNaN ? 1 : 0 })
            }
        }
        columnNames = names
        var unitsByFold = Array(repeating: [Int](), count: foldCount)
        for unit in 0..<count { unitsByFold[folds[unit]].append(unit) }
        foldUnits = unitsByFold
        foldDesign = unitsByFold.map { members in
            var storage = [Double](repeating: 0, count: members.count * columns.count)
            for (column, values) in columns.enumerated() {
                let base = column * members.count
                for (row, unit) in members.enumerated() { storage[base + row] = values[unit] }
            }
            return Matrix(rows: members.count, columns: columns.count, columnMajor: storage)
        }
        armRows = unitsByFold.map { members in
            var rows: [[Int]] = [[], []]
            for (row, unit) in members.enumerated() {
                switch units.arms[unit] {
                case .treatment: rows[0].append(row)
                case .control: rows[1].append(row)
                case .other: break
                }
            }
            return rows
        }
    }
}
