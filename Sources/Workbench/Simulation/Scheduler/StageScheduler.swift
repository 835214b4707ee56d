/// The state machine of one staged rollout: which stage is live, and at each look whether to
/// stay, advance, stop, or declare full rollout.
///
/// Rules, checked in this order at every look (a look at time t sees the data up to t):
/// 1. an alarm of the guardrail rule stops the rollout (rollback);
/// 2. the live stage (not the last) advances when it has run at least its dwell time, at
///    least its minimum exposures are in, and (when the policy asks) non-inferiority holds;
///    the next stage starts at this look's time;
/// 3. reaching the last stage (100 %) is full rollout; nothing is watched after that.
/// So with looks every h hours, a stage advances at the first look at or after its start
/// plus its dwell time, and with no alarm and enough exposures full rollout comes exactly
/// at the sum of the dwell times when every dwell is a multiple of h.
public struct StageScheduler: Sendable, Equatable {
    /// What happened at a look.
    public enum Decision: Sendable, Equatable {
        /// The live stage keeps running.
        case stay
        /// The rollout moved to the stage with this index (not the last).
        case advanced(toStage: Int)
        /// The rollout reached the last stage (full rollout).
        case fullRollout
        /// The guardrail rule raised an alarm: rollback.
        case stopped
    }

    /// Where the rollout is.
    public enum Status: Sendable, Equatable {
        case running
        case fullRollout(atSeconds: Int64)
        case stopped(atSeconds: Int64, stage: Int)
    }

    public let policy: RolloutPolicy
    /// Index into `policy.stages` of the live stage.
    public private(set) var stageIndex = 0
    /// When the live stage started, in seconds since the epoch.
    public private(set) var stageStartSeconds: Int64
    public private(set) var status: Status = .running

    /// A rollout of `policy` starting at `startSeconds` (seconds since the epoch) at its first stage.
    public init(policy: RolloutPolicy, startSeconds: Int64) {
        precondition(policy.stages.count >= 1 && policy.dwellHours.count == policy.stages.count - 1
                     && policy.minimumExposures.count == policy.stages.count - 1,
                     "policy \(policy.name): \(policy.stages.count) stages, \(policy.dwellHours.count) dwell times, \(policy.minimumExposures.count) exposure minima")
        self.policy = policy
        stageStartSeconds = startSeconds
        if policy.stages.count == 1 { status = .fullRollout(atSeconds: startSeconds) }
    }

    /// The live rollout percentage (0 after a stop).
    public var percentage: Double {
        if case .stopped = status { return 0 }
        return policy.stages[stageIndex]
    }

    /// Decides at a look at `timeSeconds` given the guardrail outcome and the units exposed to
    /// the treatment so far (cumulative).
    ///
    /// - Precondition: the rollout is still running and looks come in time order.
    public mutating func decide(timeSeconds: Int64, exposures: Int, alarm: Bool, nonInferior: Bool) -> Decision {
        precondition(status == .running, "decide called after the rollout ended (\(status))")
        precondition(timeSeconds >= stageStartSeconds, "look at \(timeSeconds) before the stage start \(stageStartSeconds)")
        if alarm {
            status = .stopped(atSeconds: timeSeconds, stage: stageIndex)
            return .stopped
        }
        let dwellSeconds = policy.dwellHours[stageIndex] * 3600
        let dwelt = Double(timeSeconds - stageStartSeconds) >= dwellSeconds - 1e-6
        let enoughExposures = exposures >= policy.minimumExposures[stageIndex]
        let shownSafe = !policy.advanceRequiresNonInferiority || nonInferior
        guard dwelt && enoughExposures && shownSafe else { return .stay }
        stageIndex += 1
        stageStartSeconds = timeSeconds
        if stageIndex == policy.stages.count - 1 {
            status = .fullRollout(atSeconds: timeSeconds)
            return .fullRollout
        }
        return .advanced(toStage: stageIndex)
    }
}
