/// Adaptive Gauss-Kronrod (7-15) integration of a smooth function on a finite interval.
///
/// Internal helper for the beta-binomial integrals. Each panel is bisected until the
/// Kronrod-Gauss difference is below its share of `absoluteTolerance` (or `maximumDepth`
/// is reached). Integrands here are bounded by a density times numbers in [0, 1], so an
/// absolute tolerance is the right measure. Cost: 15 evaluations per panel visited.
enum AdaptiveQuadrature {
    private static let kronrodNodes: [Double] = [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0,
    ]
    private static let kronrodWeights: [Double] = [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ]
    /// Gauss weights for the Kronrod nodes with odd index (1, 3, 5, 7).
    private static let gaussWeights: [Double] = [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ]

    /// Integrates `integrand` (which returns several values at once) over [lower, upper],
    /// starting from `panels` equal panels.
    static func integrate(
        from lower: Double, to upper: Double, panels: Int = 16, absoluteTolerance: Double = 1e-13,
        maximumDepth: Int = 40, dimension: Int, _ integrand: (Double) -> [Double]
    ) -> [Double] {
        var total = [Double](repeating: 0, count: dimension)
        let width = (upper - lower) / Double(panels)
        var stack: [(a: Double, b: Double, depth: Int)] = (0..<panels).map {
            (lower + Double($0) * width, $0 == panels - 1 ? upper : lower + Double($0 + 1) * width, 0)
        }
        let span = upper - lower
        while let panel = stack.popLast() {
            let (kronrod, error) = rule(panel.a, panel.b, dimension: dimension, integrand)
            let share = absoluteTolerance * (panel.b - panel.a) / span
            if error <= share || panel.depth >= maximumDepth {
                for index in 0..<dimension { total[index] += kronrod[index] }
            } else {
                let middle = 0.5 * (panel.a + panel.b)
                stack.append((panel.a, middle, panel.depth + 1))
                stack.append((middle, panel.b, panel.depth + 1))
            }
        }
        return total
    }

    /// One 15-point Kronrod estimate and its error estimate (max over components).
    private static func rule(
        _ a: Double, _ b: Double, dimension: Int, _ integrand: (Double) -> [Double]
    ) -> ([Double], Double) {
        let center = 0.5 * (a + b)
        let halfLength = 0.5 * (b - a)
        var kronrod = [Double](repeating: 0, count: dimension)
        var gauss = [Double](repeating: 0, count: dimension)
        for (index, node) in kronrodNodes.enumerated() {
            let points = node == 0 ? [center] : [center - halfLength * node, center + halfLength * node]
            for point in points {
                let values = integrand(point)
                for component in 0..<dimension {
                    kronrod[component] += kronrodWeights[index] * values[component]
                    if index % 2 == 1 { gauss[component] += gaussWeights[index / 2] * values[component] }
                }
            }
        }
        var error = 0.0
        for component in 0..<dimension {
            kronrod[component] *= halfLength
            gauss[component] *= halfLength
            error = max(error, abs(kronrod[component] - gauss[component]))
        }
        return (kronrod, error)
    }
}
