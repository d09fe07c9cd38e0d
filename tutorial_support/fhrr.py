"""Fourier Holographic Reduced Representation (FHRR) on phase angles.

An FHRR symbol is a vector of D unit phasors exp(i·θ_k). We store only the
angles, normalised to [-1, 1): a_k = θ_k / π. All operations act element-wise
on the angles, so a batch of symbols is simply an array of shape (..., D).

    similarity  sim(a, b) = (1/D) Σ_k cos(π (a_k - b_k))      in [-1, 1]
    bind        a ⊛ b     = wrap(a + b)       (multiply the phasors)
    unbind      a ⊘ b     = wrap(a - b)       (multiply by the conjugate of b)
    bundle      ⊕ s_j     = angle(Σ_j exp(iπ s_j)) / π      (sum of phasors)
    identity    0         (every phasor is 1; a ⊛ 0 = a)

with wrap(x) mapping any angle back into [-1, 1). Angles outside [-1, 1) are
accepted up to |a_k| ≤ MAX_ANGLE = 4096: a phasor depends on its angle only
modulo 2, so they wrap. Larger angles are refused, because float32 keeps 24
significant bits: an angle below 2^12 keeps at least 11 bits of its fraction of
a half-turn, so bind, unbind and wrap are exact to about 2^-11 (measured: 3.7e-4
of a half-turn at 4096, 2.3e-5 at 256, and similarities change by under 1e-6),
while at 2^20 the error is already 0.09 and at 1e30 no fraction is left at all
(bind returns -1 everywhere). Every angle this package and the notebooks make lies
in [-1, 1) (random_symbols, bind, bundle, a softsign network output).

Inputs are checked by tutorial_support.validate: dtype and shape always (also
under `jax.jit`, where shapes are static), and that every angle is finite (no
NaN, no ±inf) and within ±MAX_ANGLE whenever the array is concrete, i.e. not a
`jax.core.Tracer` inside `jit`/`vmap`/`grad`, where values are unknown and those
checks are skipped. `bundle` refuses an `axis` that names the last axis: that axis
holds the D components of each symbol, not the symbols.
"""

from __future__ import annotations

from collections.abc import Sequence

import jax
import jax.numpy as jnp
import numpy as np
from tutorial_support import validate

Array = jax.Array

# The largest |angle| accepted (in half-turns, like every angle here); see the module docstring.
MAX_ANGLE = 2.0**12


def _check_symbols(x, name: str, min_rank: int = 1, nonempty: bool = True) -> Array:
    """`x` as a JAX array of finite floating-point phase angles of rank ≥ `min_rank`."""
    return _check_range(validate.array(x, name, kind="float", min_ndim=min_rank, nonempty=nonempty,
                                       shape="(D,) or (..., D)" if min_rank == 1 else "(n, ..., D)",
                                       fix="Symbols hold phase angles θ/π; create them with "
                                           "random_symbols()."), name)


def _check_range(x: Array, name: str) -> Array:
    """Refuse concrete angles with |a| > MAX_ANGLE: float32 no longer keeps their fraction."""
    if validate.is_traced(x) or x.size == 0:
        return x
    host = np.asarray(x)  # max and min: no temporary array the size of x (notebook 02's are large)
    if host.max() > MAX_ANGLE or host.min() < -MAX_ANGLE:
        too_big = np.abs(host) > MAX_ANGLE
        example = host[too_big].flat[0].item()
        raise ValueError(
            f"{name} must hold normalised phase angles θ/π with |angle| <= {MAX_ANGLE:g}; "
            f"{int(too_big.sum())} of {host.size} entries are larger (for example {example:g}). "
            "float32 keeps only 24 significant bits, so beyond that too little of the fraction of a "
            "half-turn is left for bind, unbind, bundle, similarity or wrap to be exact (at 1e30 "
            "nothing is left). Keep angles in [-1, 1) as you compute (fhrr.wrap after each step; "
            "radians divided by π), or reduce large ones exactly in float64 first: "
            "r = np.remainder(np.float64(x), 2.0); np.where(r >= 1, r - 2, r).astype(np.float32).")
    return x


def wrap(angles: Array) -> Array:
    """Map normalised angles into [-1, 1): wrap(x) = ((x + 1) mod 2) - 1 (|x| ≤ MAX_ANGLE)."""
    return _wrap(_check_range(validate.array(angles, "angles", kind="float", nonempty=False), "angles"))


def _wrap(angles: Array) -> Array:
    return jnp.mod(angles + 1.0, 2.0) - 1.0


def random_symbols(key: Array, n: int, dimension: int) -> Array:
    """Draw `n` independent random symbols: a_k ~ Uniform[-1, 1), shape (n, dimension)."""
    n, dimension = validate.count(n, "n"), validate.count(dimension, "dimension")
    return jax.random.uniform(validate.prng_key(key), (n, dimension), minval=-1.0, maxval=1.0)


def identity(dimension: int) -> Array:
    """The identity symbol for binding: all angles 0, so bind(a, identity) = a."""
    return jnp.zeros((validate.count(dimension, "dimension"),))


def similarity(a: Array, b: Array) -> Array:
    """Similarity of matching symbols: sim(a, b) = mean_k cos(π (a_k - b_k)).

    Shapes (..., D) and (..., D) broadcast against each other; the result has
    the broadcast leading shape. 1 for equal symbols, about 0 (± 1/sqrt(2D))
    for independent random ones, -1 for opposite ones. Works under `jax.jit`
    (e.g. inside a loss), where only shapes and dtypes are checked.
    """
    a, b = _check_symbols(a, "a"), _check_symbols(b, "b")
    validate.same_size(a, b, "a and b")
    return jnp.mean(jnp.cos(jnp.pi * (a - b)), axis=-1)


def similarity_matrix(a: Array, b: Array) -> Array:
    """All-pairs similarity: S[i, j] = sim(a_i, b_j) for a of shape (n, D), b of shape (m, D).

    Uses cos(x - y) = cos x cos y + sin x sin y, so S is two matrix products:
    S = (cos A · cos Bᵀ + sin A · sin Bᵀ) / D. Works under `jax.jit`, where only
    shapes and dtypes are checked.
    """
    a, b = _check_symbols(a, "a"), _check_symbols(b, "b")
    if a.ndim != 2 or b.ndim != 2:
        raise ValueError(f"a and b must be 2-D arrays (n, D) and (m, D); got shapes "
                         f"{a.shape} and {b.shape}. Use similarity() for broadcasting.")
    validate.same_size(a, b, "a and b")
    pa, pb = jnp.pi * a, jnp.pi * b
    return (jnp.cos(pa) @ jnp.cos(pb).T + jnp.sin(pa) @ jnp.sin(pb).T) / a.shape[-1]


def bind(a: Array, b: Array) -> Array:
    """Bind two symbols (or broadcastable batches): a ⊛ b = wrap(a + b).

    The result is dissimilar to both a and b, and unbind(bind(a, b), b) = a.
    """
    a, b = _check_symbols(a, "a"), _check_symbols(b, "b")
    validate.same_size(a, b, "a and b")
    return _wrap(a + b)


def unbind(bound: Array, key: Array) -> Array:
    """Undo a binding: bound ⊘ key = wrap(bound - key), so unbind(bind(a, b), b) = a."""
    bound, key = _check_symbols(bound, "bound"), _check_symbols(key, "key")
    validate.same_size(bound, key, "bound and key")
    return _wrap(bound - key)


def bundle(symbols: Array | Sequence[Array], axis: int = 0) -> Array:
    """Superpose symbols: ⊕ s_j = angle(Σ_j exp(iπ s_j)) / π.

    `symbols` is a list of symbols of equal shape, or one array whose `axis`
    (default 0) runs over the symbols to bundle; an empty set is refused, and so
    is an `axis` naming the last axis, which holds each symbol's D components
    (bundling them would superpose the components of one symbol, not symbols).

    The bundle stays similar to each of its members: for n random members the
    mean similarity is about sqrt(π / (4n)) ≈ 0.886 / sqrt(n) for large n
    (measured at D = 10 000: within 3 % of it for n = 2..50, e.g. 0.637 at n = 2,
    where the exact value is 2/π ≈ 0.637, and 0.126 at n = 50; 1/sqrt(n) is
    11 to 13 % too high).

    Where the phasors cancel (e.g. bundling a symbol with its opposite
    wrap(a + 1)) the angle of their sum is undefined: that component gets an
    arbitrary angle (the angle of the rounding residue, or 0 if the sum is exactly 0).
    """
    if isinstance(symbols, (list, tuple)):
        if not symbols:
            raise ValueError("bundle() needs at least one symbol; got an empty list.")
        checked = [_check_symbols(s, f"symbols[{i}]") for i, s in enumerate(symbols)]
        for i, s in enumerate(checked[1:], start=1):
            if s.shape != checked[0].shape:
                raise ValueError(f"all symbols to bundle must have the same shape; symbols[0] "
                                 f"has {checked[0].shape}, symbols[{i}] has {s.shape}.")
        stacked, axis = jnp.stack(checked), 0
    else:
        stacked = _check_symbols(symbols, "symbols", 2, nonempty=False)
        axis = validate.axis(axis, stacked.ndim)
        if axis % stacked.ndim == stacked.ndim - 1:
            raise ValueError(
                f"axis must name the axis that runs over the symbols to bundle, not the last axis, "
                f"which holds the D components of each symbol; got axis={axis} for shape "
                f"{tuple(stacked.shape)}. Use axis=0 for an (n, D) array (an axis from "
                f"{-stacked.ndim} to -2 or 0 to {stacked.ndim - 2}); symbols stored as columns "
                f"(D, n) must be transposed first: fhrr.bundle(x.T).")
        if stacked.shape[axis] == 0:
            raise ValueError(f"bundle() needs at least one symbol; axis {axis} of shape "
                             f"{stacked.shape} is empty.")
    phasor_sum = jnp.sum(jnp.exp(1j * jnp.pi * stacked), axis=axis)
    return _wrap(jnp.angle(phasor_sum) / jnp.pi)
