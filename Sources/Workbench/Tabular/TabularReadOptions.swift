/// Which columns of a training CSV play which part.
public struct TabularReadOptions: Sendable, Equatable {
    /// The 0/1 label column (required for training).
    public var target: String?
    /// Columns read as categorical (text levels mapped to integer codes).
    public var categorical: [String] = []
    /// An optional sample-weight column (finite, >= 0).
    public var weight: String?
    /// Columns that are neither features, target nor weight (e.g. `unit_id`).
    public var ignored: [String] = []
    /// Feature columns to use, in this order; `nil` means every other column in header order.
    public var features: [String]?

    /// Options naming a target; every other column is a numeric feature.
    public init(target: String? = nil, categorical: [String] = [], weight: String? = nil, ignored: [String] = [], features: [String]? = nil) {
        self.target = target
        self.categorical = categorical
        self.weight = weight
        self.ignored = ignored
        self.features = features
    }
}
