/// When a rollout's guardrails are looked at: `count` looks at `start + k * interval`,
/// k = 1 ... count. The look at time t sees every unit that entered before t and every event
/// before t (half-open: an event exactly at t belongs to the next look).
public struct LookSchedule: Sendable, Equatable, Codable {
    /// Start of the first interval, ms since the epoch.
    public var start: Int64
    /// Time between looks, ms (> 0).
    public var interval: Int64
    /// Number of looks (>= 1); the horizon is `count * interval` after `start`.
    public var count: Int

    /// - Precondition: interval > 0, count >= 1.
    public init(start: Int64, interval: Int64, count: Int) {
        precondition(interval > 0 && count >= 1, "a look schedule needs interval > 0 and count >= 1, got \(interval) ms and \(count)")
        self.start = start
        self.interval = interval
        self.count = count
    }

    /// A schedule from `start` covering `horizon` ms (rounded up to whole intervals).
    public init(start: Int64, interval: Int64, horizon: Int64) {
        self.init(start: start, interval: interval, count: max(1, Int((horizon + interval - 1) / interval)))
    }

    /// The time of look `index` (0-based): the end of its interval.
    public func time(ofLook index: Int) -> Int64 { start + Int64(index + 1) * interval }

    /// The end of the last look.
    public var end: Int64 { time(ofLook: count - 1) }

    /// The index of the first look at or after `time` (clamped to the last look).
    public func firstLook(atOrAfter time: Int64) -> Int {
        if time <= start + interval { return 0 }
        let index = Int((time - start + interval - 1) / interval) - 1
        return min(count - 1, max(0, index))
    }

    /// `time` floored to a multiple of `interval` since the epoch (UTC midnight for whole days).
    public static func aligned(_ time: Int64, to interval: Int64) -> Int64 {
        let remainder = time % interval
        return remainder >= 0 ? time - remainder : time - remainder - interval
    }
}
