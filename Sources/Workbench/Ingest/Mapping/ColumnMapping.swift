/// Which source column plays each role of the canonical export layout.
///
/// Defaults are the canonical names (`timestamp`, `unit_id`, `experiment`, `variant`, `event`,
/// `value`); a user points a role at their own column with `unit_id=user_id` (or the
/// arrow spelling `unit_id<-user_id`). JSON columns may be dotted paths into nested objects,
/// e.g. `variant=properties.ab_variant`.
public struct ColumnMapping: Sendable, Equatable {
    /// The roles a column can play.
    public enum Role: String, Sendable, CaseIterable, Codable {
        case timestamp
        case unitID = "unit_id"
        case experiment
        case variant
        case event
        case value
    }

    /// Overrides by role; roles not listed use their canonical name.
    public var overrides: [Role: String]

    public init(_ overrides: [Role: String] = [:]) {
        self.overrides = overrides
    }

    /// The source column for `role`.
    public func column(for role: Role) -> String { overrides[role] ?? role.rawValue }

    /// The mapping of the reference flag service's export:
    /// `user_id, feature_key, event_type, timestamp, properties{ab_variant, ...}`.
    public static let referenceFlagService = ColumnMapping([
        .unitID: "user_id", .experiment: "feature_key", .event: "event_type", .variant: "properties.ab_variant",
    ])

    /// Parses assignments such as `unit_id=user_id` or `variant<-properties.ab_variant`.
    /// Throws `MappingError` naming the bad assignment and the valid roles.
    public static func parse(_ assignments: [String]) throws -> ColumnMapping {
        var mapping = ColumnMapping()
        for assignment in assignments {
            for part in assignment.split(separator: ",") {
                let text = String(part)
                let pieces: [Substring]
                if text.contains("<-") {
                    pieces = text.split(separator: "<", maxSplits: 1).map { $0.hasPrefix("-") ? $0.dropFirst() : $0 }
                } else {
                    pieces = text.split(separator: "=", maxSplits: 1)
                }
                guard pieces.count == 2 else {
                    throw MappingError(message: "cannot read the mapping \"\(text)\": write ROLE=COLUMN, e.g. unit_id=user_id")
                }
                let roleName = pieces[0].trimmingCharacters(in: " ")
                let column = pieces[1].trimmingCharacters(in: " ")
                guard let role = Role(rawValue: roleName) else {
                    let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
                    throw MappingError(message: "unknown role \"\(roleName)\" in \"\(text)\": the roles are \(roles)")
                }
                guard !column.isEmpty else {
                    throw MappingError(message: "the mapping \"\(text)\" names no column after the role")
                }
                mapping.overrides[role] = column
            }
        }
        return mapping
    }
}

/// A column mapping the user wrote that cannot be used.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Substring {
    func trimmingCharacters(in characters: Character) -> String {
        var view = self
        while view.first == characters { view.removeFirst() }
        while view.last == characters { view.removeLast() }
        return String(view)
    }
}
