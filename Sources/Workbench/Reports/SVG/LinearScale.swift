import Foundation

/// Maps a data interval onto a pixel interval, with "nice" tick values (1, 2, 2.5, 5 x 10^k).
struct LinearScale: Sendable {
    let domainLow: Double
    let domainHigh: Double
    let rangeLow: Double
    let rangeHigh: Double

    /// A scale over the finite `values`, widened by `padding` (a fraction of the span) and
    /// snapped outward to tick values. An empty or single-valued input gets a unit-wide domain
    /// around its value, so the scale is always defined. `minimumSpan` keeps a nearly empty
    /// chart from zooming into noise (a relative-lift axis of ±0.1 %).
    init(covering values: [Double], padding: Double = 0.05, minimumSpan: Double = 0, rangeLow: Double, rangeHigh: Double,
         tickCount: Int = 6) {
        let finite = values.filter(\.isFinite)
        var low = finite.min() ?? 0
        var high = finite.max() ?? 1
        if high - low < 1e-12 * max(1, abs(high)) {
            let half = max(abs(low) * 0.1, 1e-3)
            low -= half
            high += half
        }
        if high - low < minimumSpan {
            let centre = (high + low) / 2
            low = min(low, centre - minimumSpan / 2)
            high = max(high, centre + minimumSpan / 2)
        }
        let span = high - low
        // Padding never pushes an all-positive (or all-negative) domain across zero: a count
        // axis should start at 0, not at -200.
        low = low >= 0 ? max(0, low - span * padding) : low - span * padding
        high = high <= 0 ? min(0, high + span * padding) : high + span * padding
        let step = Self.niceStep(span: high - low, count: tickCount)
        domainLow = (low / step).rounded(.down) * step
        domainHigh = (high / step).rounded(.up) * step
        self.rangeLow = rangeLow
        self.rangeHigh = rangeHigh
    }

    /// The pixel position of `value` (extrapolates outside the domain; callers clamp).
    func callAsFunction(_ value: Double) -> Double {
        rangeLow + (value - domainLow) / (domainHigh - domainLow) * (rangeHigh - rangeLow)
    }

    /// The pixel position of `value`, clamped to the range.
    func clamped(_ value: Double) -> Double {
        let position = self(value)
        return min(max(position, min(rangeLow, rangeHigh)), max(rangeLow, rangeHigh))
    }

    /// Whether `value` lies inside the domain.
    func contains(_ value: Double) -> Bool { value >= domainLow && value <= domainHigh }

    /// Tick values inside the domain, about `count` of them, at nice round numbers.
    func ticks(count: Int = 6) -> [Double] {
        let step = Self.niceStep(span: domainHigh - domainLow, count: count)
        var ticks: [Double] = []
        var index = (domainLow / step).rounded(.up)
        while index * step <= domainHigh + step * 1e-9 && ticks.count < 50 {
            let tick = index * step
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            index += 1
        }
        return ticks
    }

    /// A round step (1, 2, 2.5 or 5 times a power of ten) giving about `count` intervals.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        let power = pow(10, floor(log10(raw)))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }
}
