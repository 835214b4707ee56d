/// One hot loop measured by repetition: iterations per second and the work per second.
struct MicroBenchmark {
    let name: String
    /// What one iteration processes, e.g. `rows` or `MB`.
    let workUnit: String
    /// How many `workUnit`s one iteration processes.
    let workPerIteration: Double
    let body: () -> Void

    /// Runs `body` once to warm caches, then repeatedly for at least `minimumSeconds`.
    func measure(minimumSeconds: Double = 0.5) -> (iterationsPerSecond: Double, workPerSecond: Double) {
        body()
        let clock = ContinuousClock()
        let start = clock.now
        var iterations = 0
        var elapsed = 0.0
        repeat {
            body()
            iterations += 1
            let duration = start.duration(to: clock.now)
            elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        } while elapsed < minimumSeconds
        let rate = Double(iterations) / elapsed
        return (rate, rate * workPerIteration)
    }
}

/// Keeps a result alive so the optimiser cannot delete the loop that produced it.
@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }
