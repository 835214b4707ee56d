/// Multiple-testing corrections applied to a whole family of tests at once.
///
/// Every function here takes the *entire* family (all metrics, segments and variants the
/// analyst will look at) in one call. A correction applied to one test at a time is the
/// identity (m = 1), a pitfall reported against other engines; passing the family makes the
/// caller decide what the family is.
public enum MultipleTesting {}

extension MultipleTesting {
    /// Adjusted p-values for a family of tests, in the order of `pValues`.
    ///
    /// Matches statsmodels `multipletests(pValues, method:)[1]` to the last bits: the same
    /// multipliers (Bonferroni m; Holm m - i + 1; BH m / i; BY m c(m) / i, i the rank), the same
    /// monotone step (running maximum for Holm, running minimum from the largest p-value for
    /// BH/BY) and the same clipping at 1. Tied p-values receive equal adjusted values.
    ///
    /// - Parameters:
    ///   - pValues: the raw p-values of the whole family, each in [0, 1]. An empty family gives
    ///     an empty result.
    ///   - method: the correction.
    /// - Returns: adjusted p-values in [0, 1], each >= its raw p-value.
    /// - Throws: `MultipleTestingError.invalidPValue` for a NaN or out-of-range p-value.
    /// - Complexity: O(m log m) for m tests.
    public static func adjustedPValues(_ pValues: [Double], method: MultipleTestingMethod) throws -> [Double] {
        try validate(pValues)
        return unclippedAdjustedPValues(pValues, method: method).map { min($0, 1) }
    }

    /// Adjusted p-values before clipping at 1, in input order (the step-wise value m p / rank
    /// etc. after its monotone step). Inputs are assumed valid.
    static func unclippedAdjustedPValues(_ pValues: [Double], method: MultipleTestingMethod) -> [Double] {
        let count = pValues.count
        guard count > 0 else { return [] }
        let m = Double(count)
        if method == .bonferroni { return pValues.map { $0 * m } }

        // Ascending order; ties may come in any order because the monotone step gives tied
        // p-values the same adjusted value.
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var sortedAdjusted = [Double](repeating: 0, count: count)
        switch method {
        case .bonferroni:
            break
        case .holm:
            var runningMaximum = 0.0
            for (rank, index) in order.enumerated() {
                runningMaximum = max(runningMaximum, pValues[index] * Double(count - rank))
                sortedAdjusted[rank] = runningMaximum
            }
        case .benjaminiHochberg, .benjaminiYekutieli:
            // statsmodels divides by the ECDF factor (rank / m, divided by c(m) for BY) rather
            // than multiplying by its inverse; doing the same keeps results bit-identical.
            let harmonic = method == .benjaminiYekutieli ? harmonicNumber(count) : 1
            var runningMinimum = Double.infinity
            for rank in stride(from: count - 1, through: 0, by: -1) {
                var factor = Double(rank + 1) / m
                if method == .benjaminiYekutieli { factor /= harmonic }
                runningMinimum = min(runningMinimum, pValues[order[rank]] / factor)
                sortedAdjusted[rank] = runningMinimum
            }
        }
        var adjusted = [Double](repeating: 0, count: count)
        for (rank, index) in order.enumerated() { adjusted[index] = sortedAdjusted[rank] }
        return adjusted
    }

    /// The multiplier of each test at its own rank before the monotone step (m for Bonferroni,
    /// m - i + 1 for Holm, m / i for BH, m c(m) / i for BY). Used only where the raw p-value is
    /// 0 and the ratio adjusted / raw is undefined.
    static func stepMultipliers(_ pValues: [Double], method: MultipleTestingMethod) -> [Double] {
        let count = pValues.count
        let m = Double(count)
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var multipliers = [Double](repeating: m, count: count)
        let harmonic = harmonicNumber(count)
        for (rank, index) in order.enumerated() {
            switch method {
            case .bonferroni: multipliers[index] = m
            case .holm: multipliers[index] = Double(count - rank)
            case .benjaminiHochberg: multipliers[index] = m / Double(rank + 1)
            case .benjaminiYekutieli: multipliers[index] = m * harmonic / Double(rank + 1)
            }
        }
        return multipliers
    }

    /// c(m) = 1 + 1/2 + ... + 1/m, summed in the same order as numpy's `sum(1/arange(1, m+1))`
    /// up to pairwise-summation differences (relative 1e-16).
    static func harmonicNumber(_ count: Int) -> Double {
        var sum = 0.0
        for i in stride(from: 1, through: count, by: 1) { sum += 1 / Double(i) }
        return sum
    }

    static func validate(_ pValues: [Double]) throws {
        for (index, p) in pValues.enumerated() where !(p >= 0 && p <= 1) {
            throw MultipleTestingError.invalidPValue(index: index, value: p)
        }
    }
}
