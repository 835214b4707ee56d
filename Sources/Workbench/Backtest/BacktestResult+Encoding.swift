/// Explicit `null`s for absent optionals, so every documented key is always present in
/// backtest.json (Swift's synthesised encoding would leave the key out).
extension KeyedEncodingContainer {
    mutating func encodeOrNull<Value: Encodable>(_ value: Value?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}

extension BacktestResult.RealHistory {
    enum CodingKeys: String, CodingKey {
        case alarmLook, alarmTime, alarmReason, detectionDelayHours, rollbackTime, treatmentUnitsExposed, excessHarm,
             harmMeasuredAt, verdicts
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeOrNull(alarmLook, forKey: .alarmLook)
        try container.encodeOrNull(alarmTime, forKey: .alarmTime)
        try container.encodeOrNull(alarmReason, forKey: .alarmReason)
        try container.encodeOrNull(detectionDelayHours, forKey: .detectionDelayHours)
        try container.encodeOrNull(rollbackTime, forKey: .rollbackTime)
        try container.encode(treatmentUnitsExposed, forKey: .treatmentUnitsExposed)
        try container.encode(excessHarm, forKey: .excessHarm)
        try container.encode(harmMeasuredAt, forKey: .harmMeasuredAt)
        try container.encode(verdicts, forKey: .verdicts)
    }
}

extension BacktestResult.PowerCurve {
    enum CodingKeys: String, CodingKey {
        case regression, points, sizeDetected80, sizeDetected80Note
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(regression, forKey: .regression)
        try container.encode(points, forKey: .points)
        try container.encodeOrNull(sizeDetected80, forKey: .sizeDetected80)
        try container.encode(sizeDetected80Note, forKey: .sizeDetected80Note)
    }
}

extension BacktestResult.PowerPoint {
    enum CodingKeys: String, CodingKey {
        case size, detection, alarmsBeforeOnset, meanDelayHours, meanTreatmentUnitsExposed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(size, forKey: .size)
        try container.encode(detection, forKey: .detection)
        try container.encode(alarmsBeforeOnset, forKey: .alarmsBeforeOnset)
        try container.encodeOrNull(meanDelayHours, forKey: .meanDelayHours)
        try container.encodeOrNull(meanTreatmentUnitsExposed, forKey: .meanTreatmentUnitsExposed)
    }
}
