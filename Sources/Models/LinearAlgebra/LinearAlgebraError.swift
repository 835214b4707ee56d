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

    /// Maps a LAPACK `info` return value to `nil` (success) or the matching error.
    ///
    /// `positiveMeaning` says how the routine defines `info > 0` (not positive definite for
    /// `dpotrf`, a zero diagonal of the factor, i.e. singular, for `dpotri`).
    static func check(info: Int32, routine: String, positiveMeaning: PositiveInfo) throws(LinearAlgebraError) {
        if info == 0 { return }
        if info < 0 { throw .illegalArgument(routine: routine, position: Int(-info)) }
        switch positiveMeaning {
        case .notPositiveDefinite: throw .notPositiveDefinite(routine: routine, minorOrder: Int(info))
        case .singular: throw .singular(routine: routine, position: Int(info))
        }
    }

    /// What a positive LAPACK `info` means for a given routine.
    enum PositiveInfo { case notPositiveDefinite, singular }
}

extension LinearAlgebraError: CustomStringConvertible {
    /// A sentence naming the routine, what went wrong and what to do about it.
    public var description: String {
        switch self {
        case let .illegalArgument(routine, position):
            return "\(routine): argument \(position) had an illegal value; this is a bug in the caller, please report it."
        case let .notPositiveDefinite(routine, minorOrder):
            return "\(routine): the matrix is not positive definite (leading minor \(minorOrder) is not positive); check for constant or collinear features, or add an L2 penalty."
        case let .singular(routine, position):
            return "\(routine): the matrix is singular (zero diagonal at position \(position)); check for collinear features."
        }
    }
}
