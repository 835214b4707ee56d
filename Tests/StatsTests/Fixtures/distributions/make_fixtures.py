"""Reference values for Tests/StatsTests/Distributions, computed with mpmath at 60 digits.

Needs: mpmath (>= 1.3), scipy (only to place arguments in the tails; never a reference value).
Run from this folder: `python make_fixtures.py` (seeded, re-runnable; about 2 minutes on 1 core).
Writes one JSON file per distribution plus special_functions.json.

Each case: function, parameters, argument (a double), expected (the exact value at that double
argument, rounded once to double) and, for quantiles, `condition` = |p / (x f(x))|, the
condition number that relates a relative error in p to one in x.

Reference algorithms (all at mp.dps = 60, truncation below 1e-45):
* normal: mp.ncdf / mp.npdf.
* incomplete gamma: the power series of P (x < a + 1) or Legendre's continued fraction of Q
  (x >= a + 1), whichever tail is the smaller, the other as 1 - it (exact at 60 digits since
  it is never below 1e-30 there). mpmath's own gammainc fails to converge for a >~ 1e6, which
  is why the series are summed here in mpmath arithmetic; they are cross-checked against
  mp.gammainc for a <= 300 on every run (agreement better than 1e-40 is asserted).
* incomplete beta: the Numerical Recipes continued fraction on the side x <= (a+1)/(a+b+2),
  in mpmath arithmetic (mp.betainc takes minutes for a, b >~ 1e4), cross-checked against
  mp.betainc for a, b <= 300 on every run.
* quantiles: the argument x is drawn first; p = double(F(x)) is rounded once, and the exact
  quantile of that double p is found by Newton steps in mpmath from x until
  |F(x*) - p| / p < 1e-40.
"""
import json
import math
import random
import sys

import mpmath as mp
from scipy import stats

mp.mp.dps = 60
EPS = mp.mpf(10) ** -50
TINY = 1e-300  # smallest tail probability kept (the acceptance bar: p-values to 1e-300)
random.seed(20261121)


# ---------------------------------------------------------------- special functions in mp


def gamma_prefix(a, x):
    return mp.exp(a * mp.log(x) - x - mp.loggamma(a))


def gamma_tails(a, x):
    """(P(a, x), Q(a, x)) at 60 digits."""
    a, x = mp.mpf(a), mp.mpf(x)
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    if x < a + 1:
        term = 1 / a
        total = term
        n = a
        for _ in range(10_000_000):
            n += 1
            term *= x / n
            total += term
            if term < total * EPS:
                break
        else:
            raise RuntimeError(f"series did not converge a={a} x={x}")
        lower = gamma_prefix(a, x) * total
        return lower, 1 - lower
    tiny = mp.mpf(10) ** -400
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    i = 1
    for _ in range(10_000_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < EPS:
            break
        i += 1
    else:
        raise RuntimeError(f"continued fraction did not converge a={a} x={x}")
    upper = gamma_prefix(a, x) * h
    return 1 - upper, upper


def beta_cf(a, b, x, y):
    tiny = mp.mpf(10) ** -400
    total = a + b
    c = mp.mpf(1)
    d = 1 - total * x / (a + 1)
    if abs(d) < tiny:
        d = tiny
    d = 1 / d
    h = d
    m = 1
    for _ in range(10_000_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (total + m) * x / ((a + m2) * (a + 1 + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < EPS:
            break
        m += 1
    else:
        raise RuntimeError(f"beta continued fraction did not converge a={a} b={b} x={x}")
    log_prefix = a * mp.log(x) + b * mp.log(y) - (mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b))
    return mp.exp(log_prefix) * h / a


def beta_tails(a, b, x, y=None):
    """(I_x(a, b), 1 - I_x(a, b)) at 60 digits; y = 1 - x may be given exactly."""
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    y = 1 - x if y is None else mp.mpf(y)
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    if y == 0:
        return mp.mpf(1), mp.mpf(0)
    if x * (a + b + 2) <= a + 1:
        lower = beta_cf(a, b, x, y)
        assert 1 - lower > mp.mpf(10) ** -30, (a, b, x)
        return lower, 1 - lower
    upper = beta_cf(b, a, y, x)
    assert 1 - upper > mp.mpf(10) ** -30, (a, b, x)
    return 1 - upper, upper


def cross_check():
    """The mp series/fractions above against mpmath's own gammainc/betainc where those converge."""
    for _ in range(40):
        a = 10 ** random.uniform(-3, 2.5)
        x = a * 10 ** random.uniform(-2, 1)
        p, q = gamma_tails(a, x)
        ref_p = mp.gammainc(a, 0, x, regularized=True)
        ref_q = mp.gammainc(a, x, mp.inf, regularized=True)
        assert abs(p - ref_p) <= 1e-40 * abs(ref_p) and abs(q - ref_q) <= 1e-40 * abs(ref_q), (a, x)
    for _ in range(40):
        a = 10 ** random.uniform(-3, 2.5)
        b = 10 ** random.uniform(-3, 2.5)
        x = random.random()
        lower, upper = beta_tails(a, b, x)
        ref_lower = mp.betainc(a, b, 0, x, regularized=True)
        ref_upper = mp.betainc(b, a, 0, 1 - mp.mpf(x), regularized=True)
        assert abs(lower - ref_lower) <= 1e-40 * abs(ref_lower), (a, b, x, lower, ref_lower)
        assert abs(upper - ref_upper) <= 1e-40 * abs(ref_upper), (a, b, x, upper, ref_upper)


# ---------------------------------------------------------------- distributions in mp


class Normal:
    name = "normal"
    support = (-mp.inf, mp.inf)

    def __init__(self, mean, sd):
        self.parameters = [mean, sd]
        self.mean, self.sd = mp.mpf(mean), mp.mpf(sd)

    def tails(self, x):
        z = (mp.mpf(x) - self.mean) / self.sd
        return mp.ncdf(z), mp.ncdf(-z)

    def density(self, x):
        return mp.npdf((mp.mpf(x) - self.mean) / self.sd) / self.sd

    def scipy(self):
        return stats.norm(self.parameters[0], self.parameters[1])


class StudentT:
    name = "student_t"
    support = (-mp.inf, mp.inf)

    def __init__(self, nu):
        self.parameters = [nu]
        self.nu = mp.mpf(nu)

    def tails(self, t):
        t = mp.mpf(t)
        if t == 0:
            return mp.mpf(0.5), mp.mpf(0.5)
        s = t * t
        x = self.nu / (self.nu + s)
        y = s / (self.nu + s)
        beyond = beta_tails(self.nu / 2, mp.mpf(0.5), x, y)[0] / 2
        within = 1 - beyond
        return (beyond, within) if t < 0 else (within, beyond)

    def density(self, t):
        t, nu = mp.mpf(t), self.nu
        log_norm = mp.loggamma((nu + 1) / 2) - mp.loggamma(nu / 2) - mp.log(nu * mp.pi) / 2
        return mp.exp(log_norm - (nu + 1) / 2 * mp.log(1 + t * t / nu))

    def scipy(self):
        return stats.t(self.parameters[0])


class Gamma:
    name = "gamma"
    support = (0, mp.inf)

    def __init__(self, shape, scale):
        self.parameters = [shape, scale]
        self.shape, self.scale = mp.mpf(shape), mp.mpf(scale)

    def tails(self, x):
        return gamma_tails(self.shape, mp.mpf(x) / self.scale)

    def density(self, x):
        z = mp.mpf(x) / self.scale
        return mp.exp((self.shape - 1) * mp.log(z) - z - mp.loggamma(self.shape)) / self.scale

    def scipy(self):
        return stats.gamma(self.parameters[0], scale=self.parameters[1])


class ChiSquare(Gamma):
    name = "chi_square"

    def __init__(self, nu):
        super().__init__(nu / 2, 2.0)
        self.parameters = [nu]

    def scipy(self):
        return stats.chi2(self.parameters[0])


class Beta:
    name = "beta"
    support = (0, 1)

    def __init__(self, a, b):
        self.parameters = [a, b]
        self.a, self.b = mp.mpf(a), mp.mpf(b)

    def tails(self, x):
        return beta_tails(self.a, self.b, x)

    def density(self, x):
        x = mp.mpf(x)
        log_beta = mp.loggamma(self.a) + mp.loggamma(self.b) - mp.loggamma(self.a + self.b)
        return mp.exp((self.a - 1) * mp.log(x) + (self.b - 1) * mp.log(1 - x) - log_beta)

    def scipy(self):
        return stats.beta(self.parameters[0], self.parameters[1])


# ---------------------------------------------------------------- case generation


def log_uniform(low, high):
    return 10 ** random.uniform(math.log10(low), math.log10(high))


def exact_quantile(dist, x, target, upper):
    """The mp root x* of F(x*) = target (or S(x*) = target), by Newton from the double x."""
    root = mp.mpf(x)
    target = mp.mpf(target)
    for _ in range(30):
        lower_tail, upper_tail = dist.tails(root)
        value = upper_tail if upper else lower_tail
        error = value - target
        if abs(error) <= target * mp.mpf(10) ** -40:
            return root
        slope = dist.density(root) * (-1 if upper else 1)
        step = error / slope
        low, high = dist.support
        while not (low < root - step < high):
            step /= 2  # damped: stay inside the support (mpf logs of negatives turn complex)
        root -= step
    raise RuntimeError(f"quantile Newton failed for {dist.name} {dist.parameters} x={x}")


def cases_at(dist, x, support_interior):
    """All fixture cases at one double argument x."""
    out = []
    if x != 0 and abs(x) < TINY:
        return out  # subnormal arguments: outside the documented grid (the division by a scale rounds them)
    lower, upper = dist.tails(x)
    for function, value in (("cdf", lower), ("survival", upper)):
        if value >= TINY:
            out.append({"function": function, "parameters": dist.parameters, "argument": x,
                        "expected": float(value)})
    density = dist.density(x)
    if density >= TINY and mp.isfinite(density):
        out.append({"function": "density", "parameters": dist.parameters, "argument": x,
                    "expected": float(density)})
    if not support_interior:
        return out
    # Quantiles: the smaller tail drives which inverse is well posed at this x.
    for function, value, is_upper in (("quantile", lower, False), ("inverseSurvival", upper, True)):
        probability = float(value)
        if not (TINY <= probability < 1) or density == 0:
            continue
        root = exact_quantile(dist, x, probability, is_upper)
        root_double = float(root)
        if abs(root_double) < TINY or not math.isfinite(root_double):
            continue
        condition = abs(mp.mpf(probability) / (root * dist.density(root)))
        out.append({"function": function, "parameters": dist.parameters, "argument": probability,
                    "expected": root_double, "condition": float(condition)})
    return out


def tail_point(dist, probability, upper):
    frozen = dist.scipy()
    with_warnings = frozen.isf(probability) if upper else frozen.ppf(probability)
    return float(with_warnings)


def generate(name, make_distribution, extra_points, fixed_cases, minimum):
    """Draws distributions and arguments until every function has `minimum` cases."""
    cases = []
    for dist, x in fixed_cases:
        cases.extend(cases_at(dist, x, True))
    counts = {}
    attempts = 0
    while attempts < 20 * minimum:
        counts = {}
        for case in cases:
            counts[case["function"]] = counts.get(case["function"], 0) + 1
        if len(counts) == 5 and min(counts.values()) >= minimum:
            break
        attempts += 1
        dist = make_distribution()
        points = []
        for _ in range(2):
            probability = 10 ** random.uniform(-300, math.log10(0.5))
            upper = random.random() < 0.5
            try:
                x = tail_point(dist, probability, upper)
            except Exception:
                continue
            if math.isfinite(x) and x != 0:
                points.append(x)
        points.extend(extra_points(dist))
        for x in points:
            cases.extend(cases_at(dist, x, True))
    print(name, len(cases), counts, flush=True)
    with open(f"{name}.json", "w") as handle:
        json.dump({"distribution": name, "generator": "make_fixtures.py (mpmath, dps 60)",
                   "cases": cases}, handle, separators=(",", ":"))


def special_functions(count):
    """logGamma, logBeta, P, Q, I_x and its complement at random points."""
    cases = []
    for _ in range(count):
        x = log_uniform(1e-3, 1e7) if random.random() < 0.9 else random.uniform(0.5, 3.0)
        cases.append({"function": "logGamma", "parameters": [], "argument": x,
                      "expected": float(mp.loggamma(x))})
        a, b = log_uniform(1e-3, 1e7), log_uniform(1e-3, 1e7)
        cases.append({"function": "logBeta", "parameters": [a, b], "argument": 0.0,
                      "expected": float(mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(mp.mpf(a) + b))})
        a = log_uniform(1e-3, 1e5)
        x = a * log_uniform(1e-2, 1e2)
        p, q = gamma_tails(a, x)
        for function, value in (("regularizedGammaP", p), ("regularizedGammaQ", q)):
            if value >= TINY:
                cases.append({"function": function, "parameters": [a], "argument": x,
                              "expected": float(value)})
        a, b = log_uniform(1e-3, 1e5), log_uniform(1e-3, 1e5)
        x = random.random() if random.random() < 0.7 else log_uniform(1e-10, 0.5)
        lower, upper = beta_tails(a, b, x)
        for function, value in (("regularizedBeta", lower), ("regularizedBetaComplement", upper)):
            if value >= TINY:
                cases.append({"function": function, "parameters": [a, b], "argument": x,
                              "expected": float(value)})
    print("special_functions", len(cases), flush=True)
    with open("special_functions.json", "w") as handle:
        json.dump({"distribution": "special_functions", "generator": "make_fixtures.py (mpmath, dps 60)",
                   "cases": cases}, handle, separators=(",", ":"))


def main():
    cross_check()

    def normal():
        if random.random() < 0.8:
            return Normal(0.0, 1.0)
        return Normal(random.uniform(-100, 100), log_uniform(1e-3, 1e3))

    def normal_extra(dist):
        mean, sd = dist.parameters
        return [mean + sd * random.uniform(-38, 38)]

    def student():
        r = random.random()
        if r < 0.15:
            return StudentT(float(random.choice([1, 2, 3, 4, 5, 10, 30, 100])))
        if r < 0.22:
            return StudentT(log_uniform(1e7, 1e12))  # beyond the brief's grid, documented apart
        return StudentT(log_uniform(0.5, 1e7))

    def student_extra(dist):
        nu = dist.parameters[0]
        sign = random.choice([-1, 1])
        small = sign * log_uniform(1e-4, 3)
        huge = sign * log_uniform(1, 1e300) * math.sqrt(nu)
        return [small, huge]

    def chi_square():
        return ChiSquare(log_uniform(0.5, 1e7))

    def chi_extra(dist):
        nu = dist.parameters[0]
        return [nu * log_uniform(1e-3, 1e3)]

    def gamma():
        scale = 1.0 if random.random() < 0.7 else log_uniform(1e-2, 1e2)
        return Gamma(log_uniform(1e-3, 1e5), scale)

    def gamma_extra(dist):
        shape, scale = dist.parameters
        return [shape * scale * log_uniform(1e-3, 1e3)]

    def beta():
        return Beta(log_uniform(1e-3, 1e5), log_uniform(1e-3, 1e5))

    def beta_extra(dist):
        near_zero = log_uniform(1e-300, 1e-1)
        near_one = 1 - log_uniform(1e-16, 1e-1)
        return [random.choice([near_zero, near_one])]

    standard = Normal(0.0, 1.0)
    normal_fixed = [(standard, z) for z in (-37.5, -37.0, -30.0, -8.0, -1.0, 0.0, 1e-8, 1.0, 8.0, 30.0, 37.0, 37.5)]
    t_fixed = [(StudentT(nu), t) for nu in (0.5, 1.0, 2.0, 5841.74, 1e7) for t in (-1e300, -1e10, -40.0, 1e-6, 2.0, 1e150)]
    chi_fixed = [(ChiSquare(nu), x) for nu in (0.5, 1.0, 1e7) for x in (1e-300, 1e-10, 1.0, 1300.0, 1370.0)]
    chi_fixed += [(ChiSquare(1e7), x) for x in (9.0e6, 1e7, 1.1e7)]
    gamma_fixed = [(Gamma(k, 1.0), x) for k in (1e-3, 0.5, 1.0, 1e5) for x in (1e-300, 1e-5, 0.5, 1.0, 700.0)]
    beta_fixed = [(Beta(a, b), x) for a, b in ((1e-3, 1e-3), (0.5, 0.5), (1.0, 1.0), (2.5, 300.0), (1e5, 2e5), (1e5, 1e-3))
                  for x in (1e-300, 1e-10, 0.3, 0.5, 1 - 1e-10, 1 - 2.0 ** -53)]

    only = set(sys.argv[1:])  # optional: names of the files to rewrite (default: all)
    jobs = [("normal", normal, normal_extra, normal_fixed), ("student_t", student, student_extra, t_fixed),
            ("chi_square", chi_square, chi_extra, chi_fixed), ("gamma", gamma, gamma_extra, gamma_fixed),
            ("beta", beta, beta_extra, beta_fixed)]
    for name, make, extra, fixed in jobs:
        random.seed(f"{name}-20261121")  # each file reproducible on its own
        if not only or name in only:
            generate(name, make, extra, fixed, 300)
    random.seed("special-20261121")
    if not only or "special_functions" in only:
        special_functions(300)


if __name__ == "__main__":
    main()
