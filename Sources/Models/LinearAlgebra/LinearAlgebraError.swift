/// Errors reported by the LAPACK-backed routines, mapped from LAPACK's `info` code.
public enum LinearAlgebraError: Error, Sendable, Equatable {
    /// An argument had an illegal value (`info < 0`): a programming error in the caller,
    /// reported rather than crashed on so a long job can say where it failed.
    case illegalArgument(routine: String, position: Int)
    /// The matrix is not positive definite: the leading minor of this order (1-based) is not
    /// positive, so the Cholesky factorisation could not be completed (`dpotrf` `info > 0`).
    case notPositiveDefinite(routine: String, minorOrder: Int)
    /// The matrix is singular: a zero diagonal element at this 1-based position.
    case singular(routine: String, position: Int)
}
