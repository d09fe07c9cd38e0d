"""Checked inputs: the rules every public function of this package applies to its arguments.

Each function below takes an argument and its name, and either returns it in
the form the caller computes with or raises an error whose message says what
was expected, what came, and what to do:

    TypeError    the kind is wrong: a string or None for a number, integers for
                 angles, a bool or 1.5 for a count, a list for a PRNG key
    ValueError   the kind is right, the value is not: a wrong rank or shape, an
                 empty array, NaN or ±inf, an entry that is not ±1, a number or
                 an index out of its range

The rules, the same in every module:

    array(x, name, kind=..., ndim=...)   kind "float", "integer" or "number" (bool and
                                          complex refused); rank; non-empty; finite
                                          (floats); ±1 entries where asked (bipolar=True)
    count(n, name, minimum)               an integer ≥ minimum: Python or NumPy integers,
                                          bool and floats such as 1.5 refused
    number(v, name, low, high)            one real number in a range: Python, NumPy or a 0-d
                                          array; finite; positive(...) is number(v, name, 0, open)
    index(i, name, size)                  an integer in 0..size-1 (indices(...) for an array)
    axis(a, ndim)                         an axis of an array of rank ndim
    names(value, name)                    one string or a sequence of strings, as a tuple
    flag(value, name)                     True or False (NumPy's bool too), not "no" or 1
    prng_key(key)                         one JAX PRNG key

Under ``jax.jit``, ``vmap`` or ``grad`` an argument can be a tracer, whose shape
and dtype are known but whose values are not. Shape and dtype checks always
run; value checks (finite, ±1, ranges, index bounds) run on concrete values
only and are skipped for tracers. Counts must be concrete (they fix shapes), so
a traced count is refused.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from numbers import Integral, Real

import jax
import jax.numpy as jnp
import numpy as np

Array = jax.Array

_KINDS = {
    "float": ("floating-point numbers", lambda dt: np.issubdtype(dt, np.floating)),
    "integer": ("integers", lambda dt: np.issubdtype(dt, np.integer)),
    "number": ("real numbers", lambda dt: np.issubdtype(dt, np.integer) or np.issubdtype(dt, np.floating)),
}
TO_BIPOLAR = "jnp.where(x > 0, 1, -1).astype(jnp.int8)"


def is_traced(x) -> bool:
    """True for a tracer (inside jit/vmap/grad): its values are not known yet."""
    return isinstance(x, jax.core.Tracer)


def describe(value) -> str:
    """A short description of what was passed, for error messages."""
    if isinstance(value, (str, bytes)):
        text = repr(value)
        return f"the {type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"
    if value is None or isinstance(value, (bool, np.bool_, Real)) and np.ndim(value) == 0:
        return f"{type(value).__name__} {value!r}" if value is not None else "None"
    shape, dtype = getattr(value, "shape", None), getattr(value, "dtype", None)
    if shape is not None and dtype is not None:
        kind = "a traced array" if is_traced(value) else "an array"
        return f"{kind} of shape {tuple(shape)} and dtype {dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"a {type(value).__name__}"


def _fail(error: type[Exception], name: str, expected: str, value, fix: str = "") -> Exception:
    message = f"{name} must be {expected}; got {describe(value)}."
    return error(message + (f" {fix}" if fix else ""))


def _ranks(ndim) -> tuple[int, ...]:
    return (ndim,) if isinstance(ndim, int) else tuple(ndim)


def array(x, name: str, *, kind: str = "number", ndim: int | Sequence[int] | None = None,
          min_ndim: int = 0, shape: str = "", nonempty: bool = True, finite: bool = True,
          bipolar: bool = False, fix: str = "") -> Array:
    """`x` as a JAX array after checking its dtype kind, rank, size and (when concrete) values.

    kind: "float", "integer" or "number" (integer or floating; bool and complex are refused).
    ndim: the allowed rank(s); min_ndim: the smallest rank. shape: how the message names
    the expected shape, e.g. "(P, N)". nonempty: refuse a last axis of length 0 (an empty
    batch along other axes is fine). finite:
    refuse NaN and ±inf in floating-point arrays. bipolar: every entry must be -1 or +1.
    Value checks (finite, bipolar) run on concrete arrays only, not on tracers.
    """
    label, accepts = _KINDS[kind]
    label = "-1 and +1 values" if bipolar else label
    if x is None or isinstance(x, (str, bytes, dict, set)):
        raise _fail(TypeError, name, f"an array of {label}", x, fix)
    if not hasattr(x, "dtype"):
        try:
            x = np.asarray(x)
        except (ValueError, TypeError) as error:  # ragged lists and the like
            raise _fail(TypeError, name, f"an array of {label}", x,
                        "Every row must have the same length.") from error
    if not accepts(x.dtype):
        hint = fix or ("Convert it with .astype(jnp.float32)." if kind == "float" else
                       "Convert booleans with .astype(jnp.int8) (0/1) or map them to ±1 with "
                       f"{TO_BIPOLAR}." if x.dtype == np.bool_ else "")
        raise _fail(TypeError, name, f"an array of {label}" + (f" of shape {shape}" if shape else ""),
                    x, hint)
    x = x if is_traced(x) else jnp.asarray(x)
    ranks = _ranks(ndim) if ndim is not None else None
    if (ranks is not None and x.ndim not in ranks) or x.ndim < min_ndim:
        wanted = shape or (" or ".join(f"{r}-D" for r in ranks) if ranks else f"at least {min_ndim}-D")
        raise ValueError(f"{name} must have shape {wanted}; got shape {tuple(x.shape)}."
                         + (f" {fix}" if fix else ""))
    if nonempty and x.ndim and x.shape[-1] == 0:
        where = "" if x.ndim == 1 else " along its last axis (the one reduced over)"
        raise ValueError(f"{name} must not be empty{where}; got shape {tuple(x.shape)}. "
                         "Pass at least one entry.")
    if is_traced(x):
        return x
    host = np.asarray(x)
    if finite and np.issubdtype(host.dtype, np.floating) and not np.isfinite(host).all():
        bad = int(np.count_nonzero(~np.isfinite(host)))
        raise ValueError(f"{name} must be finite; {bad} of {host.size} entries are NaN or infinite. "
                         "Find where they arise (e.g. a division by zero upstream) or replace them "
                         "(e.g. with jnp.nan_to_num)." + (f" {fix}" if fix else ""))
    if bipolar and host.size:
        if np.issubdtype(host.dtype, np.integer) and host.min() >= -1 and host.max() <= 1 \
                and np.count_nonzero(host) == host.size:
            return x  # fast path for large int8 hypervectors: all entries are -1 or +1
        wrong = np.abs(host.astype(np.float64)) != 1
        if wrong.any():
            example = host[wrong].flat[0].item()
            raise ValueError(f"{name} must hold only -1 and +1; {int(wrong.sum())} of {host.size} "
                             f"entries are not (for example {example!r}). Map a real or 0/1 array "
                             f"to ±1 with {TO_BIPOLAR}.")
    return x


def same_size(a, b, names: str, axis: int = -1) -> None:
    """Refuse arrays whose `axis` (default the last: the dimension D) differ in length."""
    if a.shape[axis] != b.shape[axis]:
        where = "last axis" if axis == -1 else f"axis {axis}"
        raise ValueError(f"{names} must have the same dimension D ({where}); got shapes "
                         f"{tuple(a.shape)} and {tuple(b.shape)}. Vectors of different dimensions "
                         "cannot be compared or combined.")


def count(value, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """`value` as a Python int: an integer (Python, NumPy or 0-d integer array) in [minimum, maximum].

    bool is refused (True is not a count), and so are floats, even 3.0: a count
    fixes shapes and loop lengths, so 1.5 has no meaning. A traced count is
    refused too: mark it static (``jax.jit(f, static_argnames=...)``).
    """
    if is_traced(value):
        raise TypeError(f"{name} must be a concrete integer, known before tracing; got "
                        f"{describe(value)}. Mark it static, e.g. "
                        f"jax.jit(f, static_argnames='{name.split()[0]}').")
    if isinstance(value, (np.ndarray, jax.Array)) and value.ndim == 0 \
            and np.issubdtype(value.dtype, np.integer):
        value = int(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        fix = (f"Round it first, e.g. int({value})." if isinstance(value, Real)
               and not isinstance(value, (bool, np.bool_)) else "")
        bounds = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise _fail(TypeError, name, f"an integer {bounds}", value, fix)
    value = int(value)
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise ValueError(f"{name} must be an integer {bounds}; got {value}.")
    return value


def number(value, name: str, low: float = -math.inf, high: float = math.inf, *,
           low_open: bool = False, high_open: bool = False, fix: str = ""):
    """One real number in the interval from `low` to `high` (open ends where asked).

    Accepts Python and NumPy numbers and 0-d arrays (NumPy or JAX); refuses bool,
    strings, None and arrays with more than one entry. A concrete value is
    returned as a Python float after checking that it is finite and in range; a
    traced 0-d value (inside jit/vmap) is returned as it is, unchecked.
    """
    interval = (("(" if low_open else "[") + f"{low:g}, {high:g}" + (")" if high_open else "]"))
    if low == -math.inf and high == math.inf:
        expected = "a real number"
    elif low == 0 and low_open and high == math.inf:
        expected = "a positive number"
    elif high == math.inf:
        expected = f"a number {'>' if low_open else '>='} {low:g}"
    elif low == -math.inf:
        expected = f"a number {'<' if high_open else '<='} {high:g}"
    else:
        expected = f"a number in {interval}"
    if isinstance(value, (bool, np.bool_)) or value is None or isinstance(value, (str, bytes)):
        raise _fail(TypeError, name, expected, value, fix)
    if is_traced(value):
        if value.ndim != 0 or not np.issubdtype(value.dtype, np.number):
            raise _fail(TypeError, name, expected + " (a 0-d array under jit/vmap)", value, fix)
        return value
    if isinstance(value, (np.ndarray, jax.Array, np.generic)):
        if value.size != 1 or value.ndim != 0 or not (np.issubdtype(value.dtype, np.integer)
                                                      or np.issubdtype(value.dtype, np.floating)):
            raise _fail(TypeError, name, expected + " (one value, not an array)", value,
                        fix or "Pass a single number, e.g. float(x[0]), or vmap over the array.")
        value = float(value)
    if not isinstance(value, Real):
        raise _fail(TypeError, name, expected, value, fix)
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value!r}." + (f" {fix}" if fix else ""))
    too_low = value <= low if low_open else value < low
    too_high = value >= high if high_open else value > high
    if too_low or too_high:
        raise ValueError(f"{name} must be {expected}; got {value!r}." + (f" {fix}" if fix else ""))
    return value


def positive(value, name: str, fix: str = ""):
    """A finite number > 0 (see :func:`number`): β, λ, a step size α, a time constant τ."""
    return number(value, name, 0.0, math.inf, low_open=True, fix=fix)


def index(value, name: str, size: int):
    """An integer in 0..size-1 (Python, NumPy or 0-d array); a traced index is returned unchecked."""
    if is_traced(value):
        if value.ndim != 0 or not np.issubdtype(value.dtype, np.integer):
            raise _fail(TypeError, name, f"an integer from 0 to {size - 1}", value)
        return value
    return count(value, name, 0, size - 1)


def indices(x, name: str, size: int) -> Array:
    """A 1-D integer array whose entries (when concrete) lie in 0..size-1."""
    x = array(x, name, kind="integer", ndim=1, shape="(n,)", nonempty=False)
    if not is_traced(x) and x.size:
        host = np.asarray(x)
        if host.min() < 0 or host.max() >= size:
            bad = host[(host < 0) | (host >= size)]
            raise ValueError(f"{name} must lie in 0..{size - 1}; {bad.size} of {host.size} do not "
                             f"(for example {bad.flat[0].item()}). Negative indices do not count "
                             "from the end here.")
    return x


def axis(value, ndim: int, name: str = "axis") -> int:
    """An axis of an array of rank `ndim`: an integer from -ndim to ndim - 1."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, Integral):
        raise _fail(TypeError, name, f"an integer from {-ndim} to {ndim - 1}", value)
    if not -ndim <= value < ndim:
        raise ValueError(f"{name} must be an integer from {-ndim} to {ndim - 1} (the array has "
                         f"{ndim} axes); got {value}.")
    return int(value)


def names(value, name: str, *, empty: bool = False) -> tuple[str, ...]:
    """One name (a string) or a sequence of names (list, tuple, set, ...), as a tuple of strings.

    A single string is one name, never its characters. An empty sequence is refused
    unless `empty` is True.
    """
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, (bytes, Mapping)):
        items = tuple(value)
        if all(isinstance(v, str) for v in items):
            if not items and not empty:
                raise ValueError(f"{name} must name at least one item; got an empty "
                                 f"{type(value).__name__}.")
            return items
    raise _fail(TypeError, name, "a string or a list/tuple of strings", value)


def flag(value, name: str) -> bool:
    """True or False (Python or NumPy bool); refuses strings such as "no", numbers and None."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise _fail(TypeError, name, "True or False", value,
                "A string such as 'no' would count as true; pass the boolean itself.")


def prng_key(key, name: str = "key") -> Array:
    """One JAX PRNG key: a typed key of shape () or a raw uint32 key of shape (2,)."""
    if isinstance(key, jax.Array):
        if jnp.issubdtype(key.dtype, jax.dtypes.prng_key) and key.shape == ():
            return key
        if key.dtype == jnp.uint32 and key.shape == (2,):
            return key
    raise _fail(TypeError, name, "one JAX PRNG key", key,
                "Make one with jax.random.key(0), or take one row of jax.random.split(key, n).")
