"""Claims as checks: a notebook states what its prose relies on, and stops if it fails.

A sentence such as "the classifier reaches about 89 % test accuracy" is true
on one run and may be false on another machine, with other library versions or
after a change to the code. Instead of quoting the number, a notebook states the
claim as a check:

    check_between("test accuracy", test_accuracy, 0.86, 0.91)

which prints ``✓ test accuracy lies in [0.86, 0.91]`` when the claim holds and
raises :class:`ClaimFailed` (naming the value found) when it does not. What the
check prints does not contain the measured value, so it is the same on every
machine; the value itself is printed by the cell that computes it.

    check(claim, holds)                      any statement that is true or false
    check_between(what, value, low, high)    low ≤ value ≤ high
    check_at_most(what, value, limit)        value ≤ limit
    check_at_least(what, value, limit)       value ≥ limit

A NaN value never satisfies a check.
"""

from __future__ import annotations

import math

import numpy as np

from tutorial_support import validate

__all__ = ["ClaimFailed", "check", "check_at_least", "check_at_most", "check_between"]


class ClaimFailed(AssertionError):
    """A claim that a notebook relies on does not hold in this run."""


def _as_number(value, what: str) -> float:
    """Return `value` as a Python float; refuse arrays of more than one element and non-numbers."""
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{what}: expected a number, got the boolean {value!r}; use check() "
                        "for a statement that is true or false.")
    if validate.is_traced(value):
        raise TypeError(f"{what}: a check needs a concrete number, but got a traced value (inside "
                        "jax.jit, vmap or grad, values are not known yet). Return the value from "
                        "the jitted function and check it outside.")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:  # ragged lists and the like
        raise TypeError(f"{what}: expected a number, got {validate.describe(value)}.") from error
    if array.size != 1 or not np.issubdtype(array.dtype, np.number):
        raise TypeError(f"{what}: expected a single number, got {type(value).__name__} "
                        f"of shape {array.shape} and dtype {array.dtype}. Reduce it first "
                        "(for example with .mean() or .max()).")
    return float(array.reshape(()))


def _bound(bound, name: str) -> float:
    bound = _as_number(bound, name)
    if math.isnan(bound):
        raise ValueError(f"{name} must be a number, not NaN.")
    return bound


def _format(x: float) -> str:
    return f"{x:g}"


def check(claim: str, holds, detail: str = "") -> None:
    """State `claim`; print it with a tick if `holds` is true, raise ClaimFailed if not.

    `detail` is added to the error message only, for example the values that
    broke the claim, so that the printed line stays the same on every machine.
    """
    if not isinstance(claim, str) or not claim.strip():
        raise TypeError(f"claim must be a non-empty string describing what must hold; got {claim!r}.")
    verdict = np.asarray(holds)
    if verdict.dtype != np.bool_ or verdict.size != 1:
        raise TypeError(f"holds must be a single True/False (the claim {claim!r}); got "
                        f"{type(holds).__name__} of shape {verdict.shape} and dtype {verdict.dtype}. "
                        "Use .all() or .any() to reduce an array of verdicts.")
    if not bool(verdict.reshape(())):
        message = f"Claim does not hold: {claim}"
        raise ClaimFailed(message + (f" ({detail})" if detail else ""))
    print(f"✓ {claim}")


def check_between(what: str, value, low, high) -> None:
    """Check low ≤ value ≤ high and print ``✓ <what> lies in [low, high]``."""
    low, high = _bound(low, "low"), _bound(high, "high")
    if low > high:
        raise ValueError(f"low must not exceed high; got low={low}, high={high}.")
    found = _as_number(value, what)
    check(f"{what} lies in [{_format(low)}, {_format(high)}]", low <= found <= high,
          detail=f"found {found!r}")


def check_at_most(what: str, value, limit) -> None:
    """Check value ≤ limit and print ``✓ <what> ≤ limit``."""
    limit = _bound(limit, "limit")
    found = _as_number(value, what)
    check(f"{what} ≤ {_format(limit)}", found <= limit, detail=f"found {found!r}")


def check_at_least(what: str, value, limit) -> None:
    """Check value ≥ limit and print ``✓ <what> ≥ limit``."""
    limit = _bound(limit, "limit")
    found = _as_number(value, what)
    check(f"{what} ≥ {_format(limit)}", found >= limit, detail=f"found {found!r}")
