import Testing
@testable import Models

@Suite struct LinearAlgebraErrorTests {
    @Test func errorsCompareByCase() {
        #expect(LinearAlgebraError.singular(routine: "dgetrf", position: 2) != .singular(routine: "dgetrf", position: 3))
    }
}
