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
    /// Predictions per reward variable per unit under treatment; NaN when the arm has no
    /// weighted unit outside the unit's fold (no support for a model).
    var treatment: [[Double]]
    /// The same under control.
    var control: [[Double]]

    /// Fits and predicts with per-unit weights `multiplicity` (1 for the original data; the
    /// number of draws in a bootstrap replicate).
    init(design: OutcomeDesign, units: LoggedUnits, multiplicity: [Double], ridge: Double) {
        let variables = units.rewards.count
        let columns = design.columnCount
        let foldCount = design.foldUnits.count
        var gram = Array(repeating: Array(repeating: Matrix(rows: columns, columns: columns), count: 2), count: foldCount)
        var cross = Array(repeating: Array(repeating: Matrix(rows: columns, columns: variables), count: 2), count: foldCount)
        var weightSum = Array(repeating: [0.0, 0.0], count: foldCount)
        for fold in 0..<foldCount {
            let members = design.foldUnits[fold]
            let block = design.foldDesign[fold]
            for arm in 0..<2 {
                let rows = design.armRows[fold][arm].filter { multiplicity[members[$0]] > 0 }
                guard !rows.isEmpty else { continue }
                var scaled = [Double](repeating: 0, count: rows.count * columns)
                var rewards = [Double](repeating: 0, count: rows.count * variables)
                var total = 0.0
                for (position, row) in rows.enumerated() {
                    let unit = members[row]
                    total += multiplicity[unit]
                    let root = multiplicity[unit].squareRoot()
                    for column in 0..<columns { scaled[column * rows.count + position] = root * block.storage[column * members.count + row] }
                    for variable in 0..<variables { rewards[variable * rows.count + position] = root * units.rewards[variable][unit] }
                }
                let scaledMatrix = Matrix(rows: rows.count, columns: columns, columnMajor: scaled)
                gram[fold][arm] = scaledMatrix.gram()
                cross[fold][arm] = scaledMatrix.multiplied(
                    by: Matrix(rows: rows.count, columns: variables, columnMajor: rewards), transposingSelf: true)
                weightSum[fold][arm] = total
            }
        }
        var predictions = Array(repeating: Array(repeating: [Double](repeating: .nan, count: units.count), count: variables), count: 2)
        for fold in 0..<foldCount {
            let members = design.foldUnits[fold]
            guard !members.isEmpty else { continue }
            for arm in 0..<2 {
                var system = Matrix(rows: columns, columns: columns)
                var rightHandSides = Matrix(rows: columns, columns: variables)
                var total = 0.0
                for other in 0..<foldCount where other != fold {
                    for index in system.storage.indices { system.storage[index] += gram[other][arm].storage[index] }
                    for index in rightHandSides.storage.indices { rightHandSides.storage[index] += cross[other][arm].storage[index] }
                    total += weightSum[other][arm]
                }
                guard total > 0 else { continue }
                for column in 1..<max(1, columns) { system[column, column] += ridge * total }
                guard let coefficients = try? CholeskyFactorization(system).solve(rightHandSides) else { continue }
                let fitted = design.foldDesign[fold].multiplied(by: coefficients)
                for variable in 0..<variables {
                    for (row, unit) in members.enumerated() { predictions[arm][variable][unit] = fitted[row, variable] }
                }
            }
        }
        treatment = predictions[0]
        control = predictions[1]
    }
}
