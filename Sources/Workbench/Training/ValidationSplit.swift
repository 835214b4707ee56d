/// A seeded split of row indices into training and validation parts, stratified by label so
/// both parts keep the label mix.
///
/// Within each class the rows are shuffled by Fisher-Yates with `SplitMix64(seed)`, and the
/// first `round(fraction x class size)` go to validation (at least one per class when the class
/// has two or more rows). Both index lists are returned ascending. O(rows).
public struct ValidationSplit: Sendable, Equatable {
    /// Rows used for fitting, ascending.
    public var training: [Int]
    /// Rows held out, ascending.
    public var validation: [Int]

    /// Splits rows `0..<labels.count`.
    public init(labels: [Double], fraction: Double, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var training: [Int] = []
        var validation: [Int] = []
        for label in [0.0, 1.0] {
            var rows = labels.indices.filter { labels[$0] == label }
            // Explicit Fisher-Yates (not the standard library's shuffle, whose algorithm may
            // change between toolchains): the split must be reproducible from the seed forever.
            // The modulo bias is below 2^-40 for any realistic row count.
            var position = rows.count - 1
            while position > 0 {
                let other = Int(generator.next() % UInt64(position + 1))
                rows.swapAt(position, other)
                position -= 1
            }
            var take = Int((fraction * Double(rows.count)).rounded())
            if rows.count >= 2 { take = min(max(take, 1), rows.count - 1) }
            validation += rows[0..<take]
            training += rows[take...]
        }
        self.training = training.sorted()
        self.validation = validation.sorted()
    }
}
