"""Uncertainty of measured rates: how far a fraction counted over n trials can be trusted.

    Wilson score interval for k successes in n trials, at z standard errors (z = 1.96: 95 %):

        centre = (k + z²/2) / (n + z²),   half-width = z √(k (n − k) / n + z²/4) / (n + z²)

It stays inside [0, 1] and is sensible at k = 0 and k = n, where the normal
approximation p̂ ± z √(p̂ (1 − p̂) / n) collapses to a width of zero.
"""

from __future__ import annotations

import math

from tutorial_support import validate


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """(low, high): the Wilson score interval for `successes` out of `trials` (95 % for z = 1.96)."""
    trials = validate.count(trials, "trials", 1)
    successes = validate.count(successes, "successes", 0, trials)
    z = float(validate.positive(z, "z"))
    centre = (successes + z * z / 2) / (trials + z * z)
    half = z * math.sqrt(successes * (trials - successes) / trials + z * z / 4) / (trials + z * z)
    return max(0.0, centre - half), min(1.0, centre + half)
