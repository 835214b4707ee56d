import Testing

/// Parent of the tabular, training, registry and features suites, run one test at a time.
///
/// Why: `BoundedMemoryTests` reads a spawned child's peak memory through `RUSAGE_CHILDREN`,
/// and on Linux a child's `ru_maxrss` includes the parent's high-water mark at spawn time
/// (exec records the old address space's peak). Fewer concurrent tests keep the shared test
/// process's peak lower; this reduces, but cannot remove, that test's dependence on what
/// else runs in the process.
@Suite(.serialized) enum ModelWorkbenchTests {}
