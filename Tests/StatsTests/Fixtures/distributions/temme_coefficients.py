"""Coefficients of Temme's uniform asymptotic expansion of the incomplete gamma function,
as used by `Sources/Stats/SpecialFunctions/SpecialFunctions+TemmeExpansion.swift`.

Needs: sympy (>= 1.12). Run: `python temme_coefficients.py` (about 2 minutes); prints the Swift
array literal `temmeCoefficients` (Taylor coefficients in eta of c_0 ... c_6).

Q(a, x) = erfc(eta sqrt(a/2)) / 2 + R_a(eta),  R_a(eta) ~ exp(-a eta^2/2) / sqrt(2 pi a) sum_k c_k(eta) a^-k
with lambda = x/a, eta^2/2 = lambda - 1 - log(lambda) (sign of lambda - 1) and (DLMF 8.12.9-10)
c_0(eta) = 1/(lambda - 1) - 1/eta,  c_k(eta) = c_{k-1}'(eta)/eta + (-1)^k g_k/(lambda - 1),
g_k the coefficients of Stirling's series Gamma*(a) ~ sum g_k a^-k (DLMF 5.11.3-4).
All arithmetic is exact (rationals); the doubles are rounded once at the end.
"""
from fractions import Fraction

import sympy as sp

TERMS = 28  # Taylor terms of c_0 (c_k keeps TERMS - 2k)
ORDERS = 7  # c_0 ... c_6

eta = sp.symbols("eta")


def lambda_minus_one():
    """mu = lambda - 1 as a power series in eta, solved order by order from mu - log(1+mu) = eta^2/2."""
    coefficients = [sp.Integer(0), sp.Integer(1)]
    unknown = sp.symbols("unknown")
    for order in range(2, TERMS + 4):
        mu = sum(c * eta**i for i, c in enumerate(coefficients)) + unknown * eta**order
        residual = sp.series(mu - sp.log(1 + mu) - eta**2 / 2, eta, 0, order + 2).removeO()
        coefficients.append(sp.solve(sp.expand(residual).coeff(eta, order + 1), unknown)[0])
    return sum(c * eta**i for i, c in enumerate(coefficients))


def main():
    stirling = [sp.Rational(1), sp.Rational(1, 12), sp.Rational(1, 288), sp.Rational(-139, 51840),
                sp.Rational(-571, 2488320), sp.Rational(163879, 209018880),
                sp.Rational(5246819, 75246796800)]
    inverse_mu = sp.series(1 / lambda_minus_one(), eta, 0, TERMS + 2).removeO()
    c = [sp.expand(inverse_mu - 1 / eta)]
    for k in range(1, ORDERS):
        term = sp.expand(sp.diff(c[-1], eta) / eta + (-1) ** k * stirling[k] * inverse_mu)
        c.append(sp.expand(sp.series(term, eta, 0, TERMS - 2 * k + 2).removeO()))
    for k, ck in enumerate(c):
        assert all(ck.coeff(eta, -n) == 0 for n in range(1, 4)), f"c_{k} is not regular at 0"
    print("    static let temmeCoefficients: [[Double]] = [")
    for k, ck in enumerate(c):
        values = [repr(float(Fraction(str(ck.coeff(eta, n))))) for n in range(TERMS - 2 * k)]
        print(f"        [  // c_{k}")
        for i in range(0, len(values), 4):
            print("            " + ", ".join(values[i:i + 4]) + ",")
        print("        ],")
    print("    ]")


if __name__ == "__main__":
    main()
