extension OffPolicyReport {
    /// The report as one self-contained HTML page (`offpolicy.html`): the Markdown report's
    /// content with inline SVG charts, no scripts and no external resources; every name from the
    /// data is escaped. Deterministic for the same report. See `OffPolicyHTMLWriter`.
    public var html: String {
        var writer = OffPolicyHTMLWriter(report: self)
        return writer.document()
    }
}
