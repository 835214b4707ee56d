/// Brent's root finder (Brent 1973, ch. 4): bisection safety with inverse quadratic / secant
/// speed. Used to invert power curves, which are smooth and monotone, in about 10-15 calls.
enum BrentRoot {
    /// A root of `f` in [lower, upper], where f(lower) and f(upper) have opposite signs (or one
    /// is 0), to within `tolerance` (absolute, plus 4 ulp relative). Returns `nil` without a
    /// sign change.
    static func find(
        lower: Double, upper: Double, tolerance: Double, maximumIterations: Int = 200, _ f: (Double) -> Double
    ) -> Double? {
        var a = lower, b = upper
        var fa = f(a), fb = f(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<maximumIterations {
            if (fb < 0) == (fc < 0) {
                c = a; fc = fa; d = b - a; e = d
            }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            let m = (c - b) / 2
            if abs(m) <= tol || fb == 0 { return b }
            if abs(e) >= tol && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = m; e = m
                }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = f(b)
        }
        return b
    }
}
