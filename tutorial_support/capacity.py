"""How much a superposition holds: the theory of clean-up against a codebook.

A read-out from a bundle (or from a record, after unbinding) is similar to the
symbol we want, with mean similarity μ, and a little similar to every other
symbol of the codebook, with mean 0. Both similarities carry noise of order
1/sqrt(D). Clean-up returns the codebook symbol most similar to the read-out,
so it is right when the wanted symbol beats every one of the K distractors:

    P(right) = ∫ φ(t) · Φ((μ + σ_member · t) / σ_other)^K dt

with φ and Φ the standard normal density and distribution function (the
similarities are sums of D independent terms, so nearly Gaussian). The mean
signal μ depends on how many symbols n were superposed:

    bipolar majority bundle:  μ_n = C(m, ⌊m/2⌋) / 2^m,  m = n - 1   (exact; ≈ sqrt(2 / (π n)))
    FHRR bundle:              μ_n = (sqrt(π γ) / 2) · e^(-γ/2) [I₀(γ/2) + I₁(γ/2)],  γ = 1 / (n - 1)
                              (the mean cosine of a Rician phase, for many members;
                              ≈ sqrt(π / (4 n)) for large n)

and the noise of one similarity over D components is

    bipolar: σ = sqrt(1 - μ²) / sqrt(D) for the member, 1 / sqrt(D) for a distractor
    FHRR:    σ = 1 / sqrt(2 D) for a distractor (the mean of D cosines of uniform
             angles), and about the same for a member of a large bundle.

Every function checks its inputs with tutorial_support.validate: a TypeError
for the wrong kind (a float or bool where a count goes), a ValueError for a
value out of range, each saying what was expected. These are NumPy and SciPy
functions of concrete numbers, not meant for jax.jit.
"""

from __future__ import annotations

import math
import numpy as np
from scipy import special, stats

from tutorial_support import validate


def majority_similarity(n: int) -> float:
    """Expected cosine of a member with the majority bundle of n random ±1 hypervectors.

        μ_n = C(m, ⌊m/2⌋) / 2^m,  m = n - 1

    (ties of an even n broken at random): μ_1 = 1, μ_2 = μ_3 = 1/2, μ_4 = μ_5 = 3/8;
    for large n, μ_n ≈ sqrt(2 / (π n)).
    """
    m = validate.count(n, "n (number of bundled hypervectors)", 1) - 1
    half = m // 2
    log_binomial = math.lgamma(m + 1) - math.lgamma(half + 1) - math.lgamma(m - half + 1)
    return math.exp(log_binomial - m * math.log(2.0))


def fhrr_bundle_similarity(n: int) -> float:
    """Expected similarity of a member with the FHRR bundle of n random symbols (Rician approximation).

        μ_n = (sqrt(π γ) / 2) · e^(-γ/2) [I₀(γ/2) + I₁(γ/2)],  γ = 1 / (n - 1),   μ_1 = 1

    The other n - 1 phasors are treated as Gaussian noise around the member's
    phasor. That is accurate for many members (measured at D = 4096: within
    4 % at n = 5, 2 % at n = 10, 0.5 % from n = 50 on) and tends to
    sqrt(π / (4 n)). For very few it is not: at n = 2 the exact value is
    2/π ≈ 0.637, while this formula gives 0.710.
    """
    n = validate.count(n, "n (number of bundled symbols)", 1)
    if n == 1:
        return 1.0
    gamma = 1.0 / (n - 1)
    # i0e(x) = e^(-x) I₀(x), so e^(-γ/2) I₀(γ/2) = i0e(γ/2); likewise for I₁.
    return float(math.sqrt(math.pi * gamma) / 2.0 * (special.i0e(gamma / 2) + special.i1e(gamma / 2)))


def retrieval_probability(signal: float, member_noise: float, other_noise: float,
                          distractors: int) -> float:
    """Probability that the wanted symbol is more similar to a read-out than each of K distractors.

        P = ∫ φ(t) · Φ((μ + σ_member · t) / σ_other)^K dt

    with μ = `signal`, σ_member = `member_noise`, σ_other = `other_noise` and
    K = `distractors` (K = 0 gives 1). σ_member = 0 is allowed (a read-out that
    is the symbol itself, e.g. a record of one pair). Evaluated by quadrature on a grid of
    4001 points over t ∈ [-10, 10].
    """
    mu = validate.number(signal, "signal (mean similarity of the wanted symbol)", -1.0, 1.0)
    s_member = validate.number(member_noise, "member_noise (std of the wanted similarity)", 0.0)
    s_other = validate.positive(other_noise, "other_noise (std of a distractor's similarity)")
    k = validate.count(distractors, "distractors (number of other codebook symbols)", 0)
    t = np.linspace(-10.0, 10.0, 4001)
    log_beats_one = stats.norm.logcdf((mu + s_member * t) / s_other)
    integrand = stats.norm.pdf(t) * np.exp(k * log_beats_one)
    return float(np.clip(np.trapezoid(integrand, t), 0.0, 1.0))


def capacity_at(fraction: float, ns, values) -> float:
    """Largest n at which a falling curve `values` (measured at sizes `ns`) is still ≥ `fraction`.

    Linear interpolation between the last size at or above `fraction` and the
    first below it: with values v_{i-1} ≥ f > v_i at n_{i-1} < n_i,

        n* = n_{i-1} + (v_{i-1} − f) / (v_{i-1} − v_i) · (n_i − n_{i-1}).

    Returns ns[-1] when no value falls below `fraction` (the capacity lies
    beyond the measured range) and ns[0] when the first already does.
    """
    f = validate.number(fraction, "fraction (the success rate that defines capacity)", 0.0, 1.0)
    ns = np.asarray(validate.array(ns, "ns", ndim=1, shape="(n,)"), dtype=float)
    values = np.asarray(validate.array(values, "values", ndim=1, shape="(n,)"), dtype=float)
    if ns.shape != values.shape:
        raise ValueError(f"ns and values must have one length (a value per size); got shapes "
                         f"{ns.shape} and {values.shape}.")
    if np.any(np.diff(ns) <= 0):
        raise ValueError(f"ns must increase strictly; got {ns.tolist()}.")
    below = np.nonzero(values < f)[0]
    if len(below) == 0:
        return float(ns[-1])
    i = below[0]
    if i == 0:
        return float(ns[0])
    return float(ns[i - 1] + (values[i - 1] - f) / (values[i - 1] - values[i]) * (ns[i] - ns[i - 1]))
