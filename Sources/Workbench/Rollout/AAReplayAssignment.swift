/// A/A replay assignments: the historical control units re-hashed with a fresh salt into two
/// pseudo-arms whose shares follow the real rollout's treatment share over time.
///
/// The real treatment share is measured per look interval (treatment entrants / all entrants
/// among units first exposed in that interval; the overall share for intervals without
/// entrants). A control unit first exposed in interval k goes to pseudo-treatment when
/// u(hash(unit id), salt) < share_k, with u a uniform in [0, 1) from SplitMix64 of the unit
/// id's FNV-1a hash xor the salt's SplitMix64 image -- the same sticky-hash idea as a flag
/// service, with a new salt per replicate. Treatment units are left out (-1). Both
/// pseudo-arms are control traffic, so any alarm is a false alarm. O(units).
public enum AAReplayAssignment {
    /// The pseudo-arm assignment for `salt`.
    public static func assignment(history: GuardrailHistory, schedule: LookSchedule, salt: UInt64) -> [Int8] {
        let shares = treatmentShares(history: history, schedule: schedule)
        let saltKey = SplitMix64.mix(salt &+ SplitMix64.increment)
        var result = Array(repeating: Int8(-1), count: history.unitCount)
        for unit in 0..<history.unitCount where history.arm[unit] == 0 {
            let interval = schedule.firstLook(atOrAfter: history.firstExposure[unit] + 1)
            let uniform = Double(SplitMix64.mix(history.unitHashes[unit] ^ saltKey) >> 11) * 0x1p-53
            result[unit] = uniform < shares[interval] ? 1 : 0
        }
        return result
    }

    /// The real rollout's treatment share of new units per look interval. Units first exposed
    /// before the schedule count in the first interval, after it in the last.
    public static func treatmentShares(history: GuardrailHistory, schedule: LookSchedule) -> [Double] {
        var control = Array(repeating: 0, count: schedule.count)
        var treatment = control
        for unit in 0..<history.unitCount where history.arm[unit] >= 0 {
            let interval = schedule.firstLook(atOrAfter: history.firstExposure[unit] + 1)
            if history.arm[unit] == 1 { treatment[interval] += 1 } else { control[interval] += 1 }
        }
        let totalTreatment = treatment.reduce(0, +), total = totalTreatment + control.reduce(0, +)
        let overall = total > 0 ? Double(totalTreatment) / Double(total) : 0.5
        return (0..<schedule.count).map { interval in
            let entrants = control[interval] + treatment[interval]
            return entrants > 0 ? Double(treatment[interval]) / Double(entrants) : overall
        }
    }
}
