/// The inline stylesheet of the HTML report: readable on screen and on paper, with colours
/// that pass WCAG AA contrast on white and never carry meaning alone (every badge has a
/// symbol and a word).
enum ReportStyleSheet {
    static let css = """
    :root { color-scheme: light; }
    body { margin: 0; background: #ffffff; color: #1a1a1a; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
    main { max-width: 1080px; margin: 0 auto; padding: 24px 20px 48px; }
    h1 { font-size: 26px; margin: 0 0 16px; }
    h2 { font-size: 22px; margin: 40px 0 12px; padding-top: 12px; border-top: 3px solid #1a1a1a; }
    h3 { font-size: 18px; margin: 28px 0 8px; }
    h4 { font-size: 15px; margin: 12px 0 4px; }
    table { border-collapse: collapse; margin: 8px 0 18px; font-size: 13px; width: 100%; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { border-bottom: 1px solid #d9d9d9; padding: 4px 8px; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #1a1a1a; background: #f4f6f8; }
    tbody th { font-weight: 600; }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    td.variant { white-space: nowrap; }
    .missing { color: #5f6368; }
    .notes { color: #3c4043; font-size: 12px; max-width: 280px; }
    .note { color: #3c4043; font-size: 13px; }
    .tag { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 5px; border: 1px solid #5f6368; border-radius: 3px; color: #3c4043; }
    .badge { display: inline-block; font-weight: 700; padding: 1px 7px; border-radius: 4px; border: 2px solid; }
    .badge.good { color: #006241; border-color: #007a4d; background: #e6f4ea; }
    .badge.bad { color: #9c1c14; border-color: #b3261e; background: #fce8e6; }
    .badge.neutral { color: #3c4043; border-color: #5f6368; background: #f1f3f4; }
    .banner { border: 3px solid; border-radius: 8px; padding: 10px 18px; margin: 12px 0 16px; }
    .banner.ship { border-color: #007a4d; background: #e6f4ea; }
    .banner.no-ship { border-color: #b3261e; background: #fce8e6; }
    .banner .verdict { font-size: 24px; font-weight: 800; margin: 4px 0; letter-spacing: 0.5px; }
    .banner.ship .verdict { color: #006241; }
    .banner.no-ship .verdict { color: #9c1c14; }
    .banner ul { margin: 4px 0 6px; padding-left: 22px; }
    .warning { border-left: 6px solid #b3261e; background: #fff4e5; padding: 6px 14px; margin: 8px 0 16px; }
    figure { margin: 12px 0 20px; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { font-size: 13px; color: #3c4043; margin-top: 4px; }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
    .examples { font-size: 12px; }
    details { margin: 4px 0 16px; }
    summary { cursor: pointer; font-weight: 600; }
    table.settings { width: auto; }
    footer { margin-top: 40px; color: #5f6368; font-size: 12px; }
    @media print { h2 { break-before: page; } figure, table { break-inside: avoid; } }

    """
}
