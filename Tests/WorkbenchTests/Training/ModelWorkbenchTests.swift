import Testing

/// Parent of the tabular, training, registry and features suites, run one test at a time:
/// fewer concurrent threads keep the shared test process's peak memory low, which
/// `BoundedMemoryTests` reads through `RUSAGE_CHILDREN` (a spawned child's peak includes the
/// parent's high-water mark at spawn time).
@Suite(.serialized) enum ModelWorkbenchTests {}
