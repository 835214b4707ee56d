"""Reference values for the export generator tests (Tests/WorkbenchTests/Generator).

Needs: Python 3.10+, scipy. Run from this folder: `python make_fixtures.py`.
Writes generator_reference.json with
  * SplitMix64 and xoshiro256** outputs from a transcription of the public-domain C
    reference implementations (Vigna, prng.di.unimi.it),
  * UTC calendar conversions from Python's datetime,
  * the calibrated purchase rate per window of a buyer: the c solving
    b * (1 - P(N = 0)) = p for a negative binomial N (Poisson with Gamma(k, 1/k) mean) and a
    buyer share b, found with scipy's brentq on scipy.stats.nbinom, for several (k, b, p),
  * the mean and 95th percentile of the default request-latency mixture (platform-scaled
    mixture of two log-normals) from scipy.stats.lognorm and brentq.
Everything is deterministic; there is no randomness in this script.
"""
import datetime
import json
import math

from scipy import optimize, stats

MASK = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro256starstar(s):
    s = list(s)
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def take(gen, n):
    return [next(gen) for _ in range(n)]


def purchases_per_window(shape, buyers, conversion):
    # A buyer converts with probability 1 - P(N = 0), N ~ NegBin(n = shape, p = shape / (shape + c)).
    def zero_gap(c):
        return buyers * (1 - stats.nbinom.pmf(0, shape, shape / (shape + c))) - conversion
    return optimize.brentq(zero_gap, 1e-12, 1e6, xtol=1e-15, rtol=1e-14)


def latency_reference():
    body_median, body_sigma = 150.0, 0.5
    tail_median, tail_sigma, tail_fraction = 900.0, 0.6, 0.03
    platforms = [(0.45, 1.0), (0.40, 1.2), (0.15, 0.85)]  # (share, latency factor)

    def component(median, sigma, factor):
        return stats.lognorm(s=sigma, scale=median * factor)

    parts = []
    for share, factor in platforms:
        parts.append((share * (1 - tail_fraction), component(body_median, body_sigma, factor)))
        parts.append((share * tail_fraction, component(tail_median, tail_sigma, factor)))
    mean = sum(w * d.mean() for w, d in parts)

    def cdf(x):
        return sum(w * d.cdf(x) for w, d in parts)

    p95 = optimize.brentq(lambda x: cdf(x) - 0.95, 1.0, 1e5, xtol=1e-12, rtol=1e-14)
    p50 = optimize.brentq(lambda x: cdf(x) - 0.50, 1.0, 1e5, xtol=1e-12, rtol=1e-14)
    return {"mean": mean, "p95": p95, "p50": p50}


def main():
    splitmix_seed = 1234567
    xoshiro_seed = 42
    seeder = splitmix64(xoshiro_seed)
    state = take(seeder, 4)
    reference = {
        "splitmix64": {"seed": splitmix_seed, "outputs": [str(v) for v in take(splitmix64(splitmix_seed), 5)]},
        "xoshiro256starstar": {
            "state": [str(v) for v in (1, 2, 3, 4)],
            "outputs": [str(v) for v in take(xoshiro256starstar([1, 2, 3, 4]), 6)],
            "splitmixSeed": xoshiro_seed,
            "seededOutputs": [str(v) for v in take(xoshiro256starstar(state), 6)],
        },
        "calendar": [],
        "purchasesPerWindow": [],
        "latency": latency_reference(),
    }
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    for seconds in [0, -1, 86399, 951782400, 951868799, 1767571200, 1767571200 + 13 * 3600 + 45 * 60 + 12,
                    4107542399, -2208988800, 253402300799, 4102444800, 68256000]:
        moment = epoch + datetime.timedelta(seconds=seconds)
        reference["calendar"].append({
            "epochSeconds": seconds,
            "text": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "daysSinceEpoch": (moment.date() - epoch.date()).days,
        })
    for shape, buyers, conversion in [(2.0, 0.15, 0.07), (2.0, 0.15, 0.0735), (2.0, 0.15, 0.14),
                                      (0.5, 1.0, 0.05), (7.0, 0.5, 0.10), (1.0, 0.4, 0.3)]:
        reference["purchasesPerWindow"].append({
            "shape": shape, "buyerFraction": buyers, "conversion": conversion,
            "purchases": purchases_per_window(shape, buyers, conversion),
        })
    with open("generator_reference.json", "w") as handle:
        json.dump(reference, handle, indent=2, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
