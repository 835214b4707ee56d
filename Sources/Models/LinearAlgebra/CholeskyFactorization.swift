import CBLAS
import Foundation

/// The Cholesky factorisation `A = U^T U` of a symmetric positive-definite matrix, via LAPACK.
///
/// Factorising is O(n^3 / 3) (`dpotrf`); each solve is O(n^2) per right-hand side (`dpotrs`);
/// the inverse is O(n^3) (`dpotri`). Only the upper triangle of the input is read. Backward
/// stable: the computed factor is exact for a matrix within ~n * eps * ||A|| of the input.
public struct CholeskyFactorization: Sendable {
    /// The upper-triangular factor U in the upper triangle (lower triangle is unspecified).
    public let factor: Matrix

    /// Factorises `matrix` (square, symmetric; upper triangle used).
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(routine:minorOrder:)`` when the
    ///   matrix is not (numerically) positive definite, e.g. collinear features.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        precondition(matrix.rows == matrix.columns, "Cholesky needs a square matrix, got \(matrix.rows) x \(matrix.columns)")
        let order = matrix.rows
        var storage = matrix.storage
        if order > 0 {
            let info = storage.withUnsafeMutableBufferPointer { a in
                LAPACKE_dpotrf(LAPACK_COL_MAJOR, Self.upper, Int32(order), a.baseAddress, Int32(order))
            }
            try LinearAlgebraError.check(info: info, routine: "dpotrf", positiveMeaning: .notPositiveDefinite)
        }
        factor = Matrix(rows: order, columns: order, columnMajor: storage)
    }

    /// Solves `A x = b` for one right-hand side.
    public func solve(_ rightHandSide: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: rightHandSide.count, columns: 1, columnMajor: rightHandSide)).storage
    }

    /// Solves `A X = B` for every column of `B`.
    public func solve(_ rightHandSides: Matrix) throws(LinearAlgebraError) -> Matrix {
        let order = factor.rows
        precondition(rightHandSides.rows == order, "right-hand side has \(rightHandSides.rows) rows, expected \(order)")
        var solution = rightHandSides.storage
        guard order > 0 && rightHandSides.columns > 0 else { return rightHandSides }
        let info = factor.storage.withUnsafeBufferPointer { a in
            solution.withUnsafeMutableBufferPointer { b in
                LAPACKE_dpotrs(
                    LAPACK_COL_MAJOR, Self.upper, Int32(order), Int32(rightHandSides.columns), a.baseAddress, Int32(order),
                    b.baseAddress, Int32(order))
            }
        }
        try LinearAlgebraError.check(info: info, routine: "dpotrs", positiveMeaning: .singular)
        return Matrix(rows: order, columns: rightHandSides.columns, columnMajor: solution)
    }

    /// The inverse `A^{-1}` (symmetric, both triangles filled), via `dpotri`.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        let order = factor.rows
        var storage = factor.storage
        if order > 0 {
            let info = storage.withUnsafeMutableBufferPointer { a in
                LAPACKE_dpotri(LAPACK_COL_MAJOR, Self.upper, Int32(order), a.baseAddress, Int32(order))
            }
            try LinearAlgebraError.check(info: info, routine: "dpotri", positiveMeaning: .singular)
        }
        var inverse = Matrix(rows: order, columns: order, columnMajor: storage)
        inverse.symmetrizeFromUpper()
        return inverse
    }

    /// `log det A = 2 * sum_i log U_ii`, without overflow for large matrices.
    public var logDeterminant: Double {
        2 * factor.diagonal.reduce(0.0) { $0 + log($1) }
    }

    private static let upper = CChar(UInt8(ascii: "U"))
}
