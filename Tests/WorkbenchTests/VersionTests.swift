import Testing
@testable import Workbench

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(WorkbenchVersion.current.split(separator: ".").count == 3)
    }
}
