"""Analysis peer: pandas + scipy for 2 metrics (conversion, revenue), written as an analyst would.

Needs: pandas, scipy. Run: python analysis_pandas.py --exposures FILE --events FILE [--experiment KEY]
Same semantics as analysis_duckdb.sql (first exposure fixes variant and T0, multi-variant
units excluded, 14-day window), revenue capped at its 99.9% quantile as the spec says, then Welch's t-test per metric, treatment vs control.
Timed: everything from reading the CSVs to the test results.
"""
import argparse

from common import Stopwatch, print_result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--exposures", required=True)
    parser.add_argument("--events", required=True)
    parser.add_argument("--experiment", default="checkout-v2")
    parser.add_argument("--control", default="off")
    parser.add_argument("--window-days", type=int, default=14)
    args = parser.parse_args()
    import pandas as pd
    from scipy import stats

    with Stopwatch() as watch:
        exposures = pd.read_csv(args.exposures, usecols=["timestamp", "unit_id", "experiment", "variant"], parse_dates=["timestamp"])
        exposures = exposures[exposures["experiment"] == args.experiment]
        variants_per_unit = exposures.groupby("unit_id")["variant"].nunique()
        first = exposures.sort_values("timestamp").drop_duplicates("unit_id", keep="first").set_index("unit_id")
        units = first.loc[variants_per_unit[variants_per_unit == 1].index, ["variant", "timestamp"]]
        units = units.rename(columns={"timestamp": "t0"})

        events = pd.read_csv(args.events, parse_dates=["timestamp"])
        purchases = events[events["event"] == "purchase"].merge(units, left_on="unit_id", right_index=True)
        in_window = (purchases["timestamp"] >= purchases["t0"]) & (
            purchases["timestamp"] < purchases["t0"] + pd.Timedelta(days=args.window_days))
        revenue = purchases[in_window].groupby("unit_id")["value"].sum()
        per_unit = units.join(revenue.rename("revenue")).fillna({"revenue": 0.0})
        # Conversion is any purchase in the window (a zero-value purchase still counts).
        counts = purchases[in_window].groupby("unit_id").size()
        per_unit["conversion"] = per_unit.index.isin(counts.index).astype(float)

        # The spec caps revenue at the 99.9% quantile of units (pooled, linear interpolation).
        per_unit["revenue_capped"] = per_unit["revenue"].clip(upper=per_unit["revenue"].quantile(0.999))

        results = {}
        control = per_unit[per_unit["variant"] == args.control]
        for metric in ("conversion", "revenue_capped"):
            for variant, group in per_unit.groupby("variant"):
                if variant == args.control:
                    continue
                test = stats.ttest_ind(group[metric], control[metric], equal_var=False)
                results[f"{metric}:{variant}"] = {"statistic": float(test.statistic), "p_value": float(test.pvalue)}
        means = per_unit.groupby("variant")[["conversion", "revenue", "revenue_capped"]].mean()
    print_result({
        "seconds": watch.seconds, "tests": results,
        "means": {variant: {name: float(value) for name, value in row.items()} for variant, row in means.iterrows()},
        "units": {variant: int(count) for variant, count in per_unit["variant"].value_counts().items()},
        "version": f"pandas {pd.__version__}",
    })


if __name__ == "__main__":
    main()
