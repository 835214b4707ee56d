#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inverts a tail function (a cdf or a survival function) on a support inside [0, ∞) by a
/// safeguarded Newton iteration on log(tail(x)) - log(target).
///
/// Newton on the logarithm of the tail, rather than on the tail itself, converges in a few
/// steps even where the tail is 1e-300 (the logarithm of a normal, gamma or power-law tail is
/// close to linear or quadratic there). Steps are taken in log x when the caller asks (power
/// tails, values spanning hundreds of decades). A bracket [lower, upper] that always contains
/// the root is kept, and any step leaving it is replaced by bisection, so the search always
/// converges. Typical cost: 3-8 evaluations of tail and density from the callers' guesses.
enum TailInversion {
    /// Whether the tail function grows (cdf) or shrinks (survival) with x.
    enum Direction { case increasing, decreasing }

    /// Returns x in [lower, upper] with tail(x) = target.
    ///
    /// - Parameters:
    ///   - target: in (0, 1).
    ///   - lower, upper: the support (lower >= 0; upper may be infinity).
    ///   - guess: a starting point inside the support.
    ///   - logarithmicSteps: take the Newton step in log x.
    ///   - tail: the cdf or survival function.
    ///   - logDensity: the log of the density (a log so that it does not underflow).
    static func solve(
        target: Double, direction: Direction, lower: Double, upper: Double, guess: Double,
        logarithmicSteps: Bool, tail: (Double) -> Double, logDensity: (Double) -> Double
    ) -> Double {
        var low = lower
        var high = upper
        var x = guess
        if !(x > low && x < high) { x = nextBisection(low: low, high: high, current: x) }
        let logTarget = log(target)
        for _ in 0..<400 {
            let value = tail(x)
            // h is increasing in x; its root is the answer.
            let logValue = value > 0 ? log(value) : -Double.infinity
            let h = direction == .increasing ? logValue - logTarget : logTarget - logValue
            if h == 0 { return x }
            if h < 0 { low = x } else { high = x }
            // dh/dx = density / tail for both directions, formed in logs: far in a power tail
            // the density underflows long before the tail does.
            var next: Double
            if logarithmicSteps {
                let logSlope = exp(log(x) + logDensity(x) - logValue)  // d h / d log x
                next = x * exp(-h / logSlope)
            } else {
                next = x - h / exp(logDensity(x) - logValue)
            }
            if next == x { return x }  // the step is below one ulp
            if next > low && next < high && next.isFinite {
                // Newton converges quadratically: once a step is below 1e-10 relative, the
                // error left after it is ~1e-20, so it is the last one.
                if abs(next - x) <= 1e-10 * abs(x) { return next }
            } else {
                next = nextBisection(low: low, high: high, current: x)
                if high - low <= 4 * Double.ulpOfOne * high { return next }
            }
            x = next
        }
        return x
    }

    /// A point strictly inside (low, high), geometric when the bracket spans decades.
    private static func nextBisection(low: Double, high: Double, current: Double) -> Double {
        if high == .infinity {
            return max(4 * max(current, low), 1)
        }
        if low <= 0 {
            let base = current > 0 && current < high ? current : high
            return base / 64
        }
        if high > 4 * low {
            return (low * high).squareRoot()
        }
        return low + 0.5 * (high - low)
    }
}
