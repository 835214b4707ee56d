import Foundation
import Testing
@testable import Models

@Suite struct LinearAlgebraTests {
    /// Symmetric positive definite; det = 4(15 - 1) - 2(6 - 0.4) + 0.4(2 - 2) = 44.8 by hand.
    let spd = Matrix(rowArrays: [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])

    @Test func matrixVectorProductsMatchHandComputation() {
        let a = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        #expect(a.multiplied(by: [1, 0, -1]) == [-2, -2])
        #expect(a.multiplied(by: [1, 1], transposed: true) == [5, 7, 9])
        #expect(a[1, 2] == 6 && a.storage == [1, 4, 2, 5, 3, 6])
        #expect(a.column(1) == [2, 5] && a.diagonal == [1, 5])
        #expect(a.transposed == Matrix(rowArrays: [[1, 4], [2, 5], [3, 6]]))
        #expect(Matrix.identity(2).multiplied(by: [7, 8]) == [7, 8])
        #expect(a.absoluteSum == 21 && Matrix(rowArrays: [[1, .nan]]).absoluteSum.isNaN)
    }

    @Test func matrixProductsAndGram() {
        let a = Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])
        #expect(a.gram() == Matrix(rowArrays: [[35, 44], [44, 56]]))
        #expect(a.multiplied(by: a, transposingSelf: true) == a.gram())
        #expect(a.multiplied(by: Matrix(rowArrays: [[1, 0], [0, 1]])) == a)
        #expect(a.transposed.multiplied(by: a) == a.gram())
    }

    @Test func choleskySolvesAndInverts() throws {
        let factorization = try CholeskyFactorization(spd)
        let solution = try factorization.solve([1, 2, 3])
        // numpy.linalg.solve(A, [1, 2, 3]) = [1/16, 0.18928571428571428, 13/14].
        for (a, b) in zip(solution, [1.0 / 16, 0.18928571428571428, 13.0 / 14]) { expectClose(a, b, relativeTolerance: 1e-14) }
        let reconstructed = spd.multiplied(by: solution)
        for (a, b) in zip(reconstructed, [1.0, 2, 3]) { expectClose(a, b, relativeTolerance: 1e-14) }
        let product = spd.multiplied(by: try factorization.inverse())
        for i in 0..<3 { for j in 0..<3 { expectClose(product[i, j], i == j ? 1 : 0, relativeTolerance: 1e-14, absoluteFloor: 1) } }
        expectClose(factorization.logDeterminant, log(44.8), relativeTolerance: 1e-14)
    }

    @Test func lapackInfoMapsToTypedErrors() {
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", minorOrder: 2)) {
            try CholeskyFactorization(Matrix(rowArrays: [[1, 2], [2, 1]]))
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", minorOrder: 3)) {
            try CholeskyFactorization(Matrix(rowArrays: [[1, 1, 2], [1, 2, 3], [2, 3, 5]]))
        }
    }
}
