/// Colours, dash patterns and markers for chart series.
///
/// The colours are the Okabe–Ito palette (distinguishable with the common colour-vision
/// deficiencies); each series also gets its own dash pattern and marker, so colour is never
/// the only signal.
enum ChartPalette {
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
    static let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3"]

    static let text = "#1a1a1a"
    static let muted = "#5f6368"
    static let grid = "#e3e3e3"
    static let axis = "#8a8a8a"
    static let good = "#007a4d"
    static let bad = "#b3261e"
    static let neutral = "#5f6368"

    static func color(_ index: Int) -> String { series[index % series.count] }
    static func dash(_ index: Int) -> String? { dashes[index % dashes.count] }
    static func marker(_ index: Int) -> MarkerShape { MarkerShape.allCases[index % MarkerShape.allCases.count] }
}
