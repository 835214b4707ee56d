import Models

/// The direct method's outcome models: per arm, a weighted ridge least-squares regression of
/// each reward variable on the `OutcomeDesign`, cross-fitted over K folds.
///
/// Cross-fitting (Chernozhukov et al. 2018; Zheng & van der Laan 2011): a unit's prediction
/// comes from the model fitted on the other K - 1 folds, so its own reward never enters the
/// prediction that the doubly robust estimator subtracts from it (no overfitting bias).
/// Per fold and arm it keeps the sufficient statistics `X'WX` and `X'WY` (BLAS `dsyrk` and
/// `dgemm`), so the fit for fold k is the sum over the other folds plus a ridge term
/// `ridge x (sum of weights)` on every diagonal entry but the intercept's, solved by Cholesky
/// (LAPACK `dpotrf`/`dpotrs`). 0/1 rewards get the same linear model (a linear probability
/// model; predictions are not clipped): the doubly robust estimate stays unbiased whatever the
/// outcome model, and refitting it in every bootstrap replicate stays cheap.
///
/// Complexity per fit: O(units x columns^2 + units x columns x variables).
struct CrossFittedOutcomeModel {
    /// Number of units (the stride of the prediction arrays).
    let unitCount: Int
    /// Predictions under treatment, variable-major (`treatment[variable * unitCount + unit]`);
    /// NaN when the arm has no weighted unit outside the unit's fold (no support for a model).
    var treatment: [Double]
    /// The same under control.
    var control: [Double]

    /// Fits and predicts with per-unit weights `multiplicity` (1 for the original data; the
    /// number of draws in a bootstrap replicate).
    ///
    /// Measured at 100k units, 15 columns, 6 variables (release, one thread): about 15 ms, half
    /// of it BLAS; the scatter loops work on local buffers because every access to a `Matrix`
    /// property across the module boundary would retain and release its storage.
    init(design: OutcomeDesign, units: LoggedUnits, multiplicity: [Double], ridge: Double) {
        let variables = units.rewards.count
        let columns = design.columnCount
        let foldCount = design.foldUnits.count
        let count = units.count
        var gram = Array(repeating: Array(repeating: [Double](repeating: 0, count: columns * columns), count: 2), count: foldCount)
        var cross = Array(repeating: Array(repeating: [Double](repeating: 0, count: columns * variables), count: 2), count: foldCount)
        var weightSum = Array(repeating: [0.0, 0.0], count: foldCount)
        for fold in 0..<foldCount {
            let members = design.foldUnits[fold]
            let block = design.foldDesign[fold].storage
            for arm in 0..<2 {
                let rows = design.armRows[fold][arm].filter { multiplicity[members[$0]] > 0 }
                guard !rows.isEmpty else { continue }
                var scaled = [Double](repeating: 0, count: rows.count * columns)
                var rewards = [Double](repeating: 0, count: rows.count * variables)
                // Column by column, rows ascending: reads and writes walk memory in order (a
                // row-by-row loop strides through the column-major block and stalls on cache misses).
                let roots = rows.map { multiplicity[members[$0]].squareRoot() }
                let total = rows.reduce(0.0) { $0 + multiplicity[members[$1]] }
                block.withUnsafeBufferPointer { source in
                    scaled.withUnsafeMutableBufferPointer { target in
                        for column in 0..<columns {
                            let sourceBase = column * members.count
                            let targetBase = column * rows.count
                            for (position, row) in rows.enumerated() { target[targetBase + position] = roots[position] * source[sourceBase + row] }
                        }
                    }
                }
                rewards.withUnsafeMutableBufferPointer { target in
                    for variable in 0..<variables {
                        units.rewards[variable].withUnsafeBufferPointer { values in
                            let targetBase = variable * rows.count
                            for (position, row) in rows.enumerated() { target[targetBase + position] = roots[position] * values[members[row]] }
                        }
                    }
                }
                let scaledMatrix = Matrix(rows: rows.count, columns: columns, columnMajor: scaled)
                gram[fold][arm] = scaledMatrix.gram().storage
                cross[fold][arm] = scaledMatrix.multiplied(
                    by: Matrix(rows: rows.count, columns: variables, columnMajor: rewards), transposingSelf: true).storage
                weightSum[fold][arm] = total
            }
        }
        var predictions = [[Double]](repeating: [Double](repeating: .nan, count: variables * count), count: 2)
        for fold in 0..<foldCount {
            let members = design.foldUnits[fold]
            guard !members.isEmpty else { continue }
            for arm in 0..<2 {
                var system = [Double](repeating: 0, count: columns * columns)
                var rightHandSides = [Double](repeating: 0, count: columns * variables)
                var total = 0.0
                for other in 0..<foldCount where other != fold {
                    for index in system.indices { system[index] += gram[other][arm][index] }
                    for index in rightHandSides.indices { rightHandSides[index] += cross[other][arm][index] }
                    total += weightSum[other][arm]
                }
                guard total > 0 else { continue }
                for column in 1..<max(1, columns) { system[column * columns + column] += ridge * total }
                guard let coefficients = try? CholeskyFactorization(Matrix(rows: columns, columns: columns, columnMajor: system))
                    .solve(Matrix(rows: columns, columns: variables, columnMajor: rightHandSides)) else { continue }
                let fitted = design.foldDesign[fold].multiplied(by: coefficients).storage
                predictions[arm].withUnsafeMutableBufferPointer { target in
                    for variable in 0..<variables {
                        let base = variable * members.count
                        for (row, unit) in members.enumerated() { target[variable * count + unit] = fitted[base + row] }
                    }
                }
            }
        }
        unitCount = count
        treatment = predictions[0]
        control = predictions[1]
    }

    /// Whether the model of an arm (0 treatment, 1 control) is missing for some unit.
    func isMissing(arm: Int) -> Bool { (arm == 0 ? treatment : control).contains { $0.isNaN } }
}
