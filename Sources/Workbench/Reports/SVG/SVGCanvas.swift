/// A small builder for one inline SVG chart: shapes and text appended in drawing order, then
/// rendered as a single `<svg>` element with an accessible `<title>` and `<desc>`.
///
/// Every string from the data is escaped here, so charts can pass names through unchanged.
/// Coordinates print with two decimals (`ReportNumberFormat.coordinate`), so the same input
/// gives byte-identical output and a non-finite coordinate can never reach the file.
struct SVGCanvas: Sendable {
    /// Width and height in CSS pixels (also the `viewBox`, so the chart scales with its box).
    let width: Double
    let height: Double
    /// Prefix for element ids (`title`, `desc`, clip paths), unique within the document.
    let identifier: String
    private var elements: [String] = []

    init(width: Double, height: Double, identifier: String) {
        precondition(width > 0 && height > 0, "SVG canvas size must be positive, got \(width) x \(height)")
        self.width = width
        self.height = height
        self.identifier = identifier
    }

    /// How text is anchored at its x coordinate.
    enum Anchor: String, Sendable { case start, middle, end }

    /// A straight line; `dash` is an SVG dash array such as `"6 3"`.
    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width strokeWidth: Double = 1,
                       dash: String? = nil) {
        elements.append("<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(c(strokeWidth))\"\(dashAttribute(dash))/>")
    }

    /// A rectangle.
    mutating func rectangle(x: Double, y: Double, width rectangleWidth: Double, height rectangleHeight: Double, fill: String,
                            stroke: String? = nil, opacity: Double? = nil) {
        var attributes = "x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, rectangleWidth)))\" height=\"\(c(max(0, rectangleHeight)))\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\"" }
        if let opacity { attributes += " fill-opacity=\"\(c(opacity))\"" }
        elements.append("<rect \(attributes)/>")
    }

    /// An open polyline through `points` (at least two to draw anything).
    mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width strokeWidth: Double = 2, dash: String? = nil) {
        guard points.count >= 2 else { return }
        elements.append("<polyline points=\"\(pointList(points))\" fill=\"none\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(c(strokeWidth))\" stroke-linejoin=\"round\"\(dashAttribute(dash))/>")
    }

    /// A closed, filled polygon (used for interval bands).
    mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, opacity: Double, clipped: Bool = false) {
        guard points.count >= 3 else { return }
        let clip = clipped ? " clip-path=\"url(#\(identifier)-clip)\"" : ""
        elements.append("<polygon points=\"\(pointList(points))\" fill=\"\(fill)\" fill-opacity=\"\(c(opacity))\" stroke=\"none\"\(clip)/>")
    }

    /// A marker centred at (x, y): its shape is a second signal next to its colour.
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, size: Double, color: String, filled: Bool) {
        let fill = filled ? color : "#ffffff"
        let r = size / 2
        switch shape {
        case .circle:
            elements.append("<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"2\"/>")
        case .square:
            elements.append("<rect x=\"\(c(x - r))\" y=\"\(c(y - r))\" width=\"\(c(size))\" height=\"\(c(size))\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"2\"/>")
        case .diamond:
            let points = [(x: x, y: y - r * 1.3), (x: x + r * 1.3, y: y), (x: x, y: y + r * 1.3), (x: x - r * 1.3, y: y)]
            elements.append("<polygon points=\"\(pointList(points))\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"2\"/>")
        case .triangle:
            let points = [(x: x, y: y - r * 1.2), (x: x + r * 1.2, y: y + r), (x: x - r * 1.2, y: y + r)]
            elements.append("<polygon points=\"\(pointList(points))\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"2\"/>")
        }
    }

    /// Text from the data or the chart; escaped here. `bold` for group labels.
    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12, color: String = "#1a1a1a",
                       bold: Bool = false, tooltip: String? = nil) {
        let weight = bold ? " font-weight=\"600\"" : ""
        let title = tooltip.map { "<title>\(ReportEscaping.html($0))</title>" } ?? ""
        elements.append("<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(c(size))\" "
            + "fill=\"\(color)\"\(weight)>\(title)\(ReportEscaping.html(content))</text>")
    }

    /// Declares the clip rectangle used by `polygon(_:clipped: true)` (the plot area).
    mutating func clipRectangle(x: Double, y: Double, width clipWidth: Double, height clipHeight: Double) {
        elements.append("<defs><clipPath id=\"\(identifier)-clip\"><rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(clipWidth))\" "
            + "height=\"\(c(clipHeight))\"/></clipPath></defs>")
    }

    /// The finished `<svg>` element. `title` names the chart for screen readers and as a
    /// tooltip; `description` says in words what the chart shows (its alt text).
    func render(title: String, description: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" "
            + "height=\"\(c(height))\" role=\"img\" aria-labelledby=\"\(identifier)-title \(identifier)-desc\" "
            + "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif\">\n"
            + "<title id=\"\(identifier)-title\">\(ReportEscaping.html(title))</title>\n"
            + "<desc id=\"\(identifier)-desc\">\(ReportEscaping.html(description))</desc>\n"
            + elements.joined(separator: "\n") + "\n</svg>"
    }

    private func c(_ value: Double) -> String { ReportNumberFormat.coordinate(value) }

    private func pointList(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ")
    }

    private func dashAttribute(_ dash: String?) -> String {
        dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    }
}

/// Marker shapes, so that series differ in shape as well as colour.
enum MarkerShape: Sendable, CaseIterable {
    case circle, square, triangle, diamond
}
