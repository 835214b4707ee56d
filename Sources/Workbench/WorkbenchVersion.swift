/// The version of the workbench, written into every report and artifact it produces.
public enum WorkbenchVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
