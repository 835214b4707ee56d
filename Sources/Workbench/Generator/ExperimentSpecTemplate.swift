/// Writes spec.yaml: the experiment spec (format of the analysis issue) that analyses an export.
///
/// Only the experiment key, the control name and the two windows depend on the parameters;
/// the metric list is fixed and matches the events the generator writes.
public enum ExperimentSpecTemplate {
    /// The spec text for `parameters`, ending with a newline.
    public static func yaml(for parameters: GeneratorParameters) -> String {
        let control = parameters.variants.first ?? "control"
        return """
            experiment: \(scalar(parameters.experiment))
            control: "\(control)"
            window_days: \(parameters.windowDays)          # metric window after each unit's first exposure
            pre_period_days: \(parameters.prePeriodDays)      # covariate window before first exposure (CUPED)
            alpha: 0.05
            correction: holm         # none | bonferroni | holm | bh | by
            sequential: {tuning: 5000}          # optional: always-valid intervals
            bayesian: {prior_mean: 0, prior_sd: 0.3}   # optional
            dimensions: [country, platform]
            metrics:
              - {name: conversion, type: proportion, event: purchase}
              - {name: revenue, type: mean, event: purchase, aggregate: sum, cuped: true, cap: {quantile: 0.999}}
              - {name: latency, type: ratio, numerator: {event: request, aggregate: sum},
                 denominator: {event: request, aggregate: count}, direction: decrease,
                 guardrail: {margin: 0.02}}
              - {name: error_rate, type: ratio, numerator: {event: error, aggregate: count},
                 denominator: {event: request, aggregate: count}, direction: decrease, guardrail: {margin: 0.05}}
              - {name: latency_p95, type: quantile, event: request, quantile: 0.95, direction: decrease}

            """
    }

    /// A name as a YAML scalar: plain when it cannot be read as anything but a string,
    /// double-quoted when YAML 1.1 would read it as a boolean, null or number (`off`, `1.5`).
    /// Names are already restricted to `A-Z a-z 0-9 . _ -`, so quoting never needs escapes.
    static func scalar(_ name: String) -> String {
        let ambiguousWords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
        let startsLikeNumber = name.first.map { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" } ?? true
        if ambiguousWords.contains(name.lowercased()) || startsLikeNumber { return "\"\(name)\"" }
        return name
    }
}
