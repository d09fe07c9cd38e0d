"""Bipolar hypervectors (the MAP / binary-spatter-code family) for hyperdimensional computing.

A hypervector is a vector of D components, each +1 or -1, stored as int8.

    bind        a ⊙ b         = a * b            (component-wise; bind(bind(a, b), b) = a)
    bundle      [Σ_j s_j]     = sign(Σ_j s_j)     (majority vote; ties broken by a fixed
                                                   alternating pattern +1, -1, +1, ...)
    permute     ρ^k(a)        = roll(a, k)       (a cheap, invertible way to make a new key)
    cosine      cos(a, b)     = (1/D) Σ_d a_d b_d            in [-1, 1]
    hamming     ham(a, b)     = (1/D) #{d : a_d = b_d} = (1 + cos(a, b)) / 2   in [0, 1]

Random hypervectors are nearly orthogonal (cos ≈ 0 ± 1/sqrt(D)). Level
hypervectors are deliberately *correlated*: neighbouring levels share most
components, so that nearby real values get similar codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

Array = jax.Array


def _check_bipolar(x, name: str, min_rank: int = 1) -> Array:
    dtype = x.dtype if hasattr(x, "dtype") else np.asarray(x).dtype
    if not (np.issubdtype(dtype, np.integer) or np.issubdtype(dtype, np.floating)):
        raise TypeError(f"{name} must be a numeric array of +1/-1; got dtype {dtype}.")
    x = jnp.asarray(x)
    if x.ndim < min_rank:
        raise ValueError(f"{name} must have at least {min_rank} dimension(s) (..., D); "
                         f"got shape {x.shape}.")
    return x


def _check_same_dimension(a: Array, b: Array, names: str) -> None:
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(f"{names} must have the same dimension D (last axis); got shapes "
                         f"{a.shape} and {b.shape}.")


def _check_positive(**values: int) -> None:
    for name, value in values.items():
        if not (isinstance(value, int) and value > 0):
            raise ValueError(f"{name} must be a positive integer; got {value!r}.")


def random_hypervectors(key: Array, n: int, dimension: int) -> Array:
    """`n` independent random hypervectors, each component ±1 with probability 1/2: (n, D) int8."""
    _check_positive(n=n, dimension=dimension)
    return jnp.where(jax.random.bernoulli(key, 0.5, (n, dimension)), 1, -1).astype(jnp.int8)


class Levels(NamedTuple):
    """Correlated level hypervectors in compact form.

    Level 0 is `base`; level l is `base` with the components order[:l · step]
    flipped. Neighbouring levels differ in `step` components, and
    cos(L_i, L_j) = 1 - 2 |i - j| · step / D, falling linearly with the distance
    between levels to about 0 between the lowest and the highest.
    """

    base: Array   # (D,) int8
    order: Array  # (D,) int32, a random permutation of the components
    step: int     # components flipped per level
    count: int    # number of levels

    def hypervectors(self) -> Array:
        """All levels as a (count, D) int8 array."""
        rank = jnp.argsort(self.order)  # rank[d]: position of component d in `order`
        flipped = rank[None, :] < (jnp.arange(self.count) * self.step)[:, None]
        return jnp.where(flipped, -self.base, self.base).astype(jnp.int8)


def make_levels(key: Array, count: int, dimension: int) -> Levels:
    """Draw `count` level hypervectors of dimension D, flipping D // (2 (count - 1)) components per level."""
    _check_positive(count=count, dimension=dimension)
    if count < 2 or dimension < 2 * (count - 1):
        raise ValueError(f"need count >= 2 and dimension >= 2 (count - 1); got count={count}, "
                         f"dimension={dimension}.")
    key_base, key_order = jax.random.split(key)
    base = random_hypervectors(key_base, 1, dimension)[0]
    order = jax.random.permutation(key_order, dimension)
    return Levels(base, order, dimension // (2 * (count - 1)), count)


def level_hypervectors(key: Array, count: int, dimension: int) -> Array:
    """`count` correlated level hypervectors as a (count, D) int8 array (see :class:`Levels`)."""
    return make_levels(key, count, dimension).hypervectors()


def quantize(values: Array, levels: int, low: float = -1.0, high: float = 1.0) -> Array:
    """Level index of each value: round((v - low) / (high - low) · (levels - 1)), clipped to [0, levels-1]."""
    values = jnp.asarray(values)
    if not jnp.issubdtype(values.dtype, jnp.floating):
        raise TypeError(f"values must be floating point; got dtype {values.dtype}.")
    if not high > low:
        raise ValueError(f"high must be greater than low; got low={low}, high={high}.")
    scaled = (values - low) / (high - low) * (levels - 1)
    return jnp.clip(jnp.round(scaled), 0, levels - 1).astype(jnp.int32)


def bind(a: Array, b: Array) -> Array:
    """Bind: a ⊙ b (component-wise product). Self-inverse: bind(bind(a, b), b) = a."""
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    _check_same_dimension(a, b, "a and b")
    return a * b


def bundle(hypervectors: Array | Sequence[Array], axis: int = 0) -> Array:
    """Majority vote: sign(Σ_j s_j) along `axis`, ties set to (+1, -1, +1, ...) by position.

    Accepts a list of equal-shape hypervectors or one array (default: bundle
    over axis 0). Returns int8 ±1 of the remaining shape.
    """
    if isinstance(hypervectors, (list, tuple)):
        if not hypervectors:
            raise ValueError("bundle() needs at least one hypervector; got an empty list.")
        checked = [_check_bipolar(h, f"hypervectors[{i}]") for i, h in enumerate(hypervectors)]
        if any(h.shape != checked[0].shape for h in checked):
            raise ValueError("all hypervectors to bundle must have the same shape; got "
                             f"{[tuple(h.shape) for h in checked]}.")
        stacked, axis = jnp.stack(checked), 0
    else:
        stacked = _check_bipolar(hypervectors, "hypervectors", 2)
    return sign_with_ties(jnp.sum(stacked.astype(jnp.int32), axis=axis))


def sign_with_ties(totals: Array) -> Array:
    """sign(totals) as int8 ±1, with zeros set to +1 at even and -1 at odd positions."""
    tie_breaker = jnp.where(jnp.arange(totals.shape[-1]) % 2 == 0, 1, -1)
    return jnp.where(totals > 0, 1, jnp.where(totals < 0, -1, tie_breaker)).astype(jnp.int8)


def permute(a: Array, shifts: int = 1) -> Array:
    """Cyclic shift of the components: ρ^k(a) = roll(a, k). Undo with -k."""
    a = _check_bipolar(a, "a")
    return jnp.roll(a, shifts, axis=-1)


def cosine_similarity(a: Array, b: Array) -> Array:
    """cos(a, b) = (1/D) Σ_d a_d b_d for matching (broadcast) hypervectors (..., D)."""
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    _check_same_dimension(a, b, "a and b")
    return jnp.mean(a.astype(jnp.float32) * b.astype(jnp.float32), axis=-1)


def hamming_similarity(a: Array, b: Array) -> Array:
    """ham(a, b) = fraction of equal components = (1 + cos(a, b)) / 2."""
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    _check_same_dimension(a, b, "a and b")
    return jnp.mean(a == b, axis=-1)


def similarity_matrix(a: Array, b: Array) -> Array:
    """All-pairs cosine similarity S[i, j] = cos(a_i, b_j) for a (n, D) and b (m, D): A Bᵀ / D.

    Works for real-valued b too (e.g. un-thresholded bundles, where it is a dot product / D).
    """
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    if a.ndim != 2 or b.ndim != 2:
        raise ValueError(f"a and b must be 2-D (n, D) and (m, D); got shapes {a.shape} and {b.shape}.")
    _check_same_dimension(a, b, "a and b")
    return (a.astype(jnp.float32) @ b.astype(jnp.float32).T) / a.shape[-1]


def _check_encoding_inputs(keys, values, dimension: int) -> tuple[Array, Array]:
    keys, values = _check_bipolar(keys, "keys", 2), jnp.asarray(values)
    if keys.shape[1] != dimension:
        raise ValueError(f"keys must have the dimension D = {dimension} of the levels; got "
                         f"shape {keys.shape}.")
    if values.ndim != 2 or values.shape[1] != keys.shape[0]:
        raise ValueError(f"values must have shape (n, F) with F = {keys.shape[0]} features "
                         f"(one per key); got {values.shape}.")
    return keys, values


def encode(codebook: Array, keys: Array, values: Array, low: float = -1.0, high: float = 1.0,
           chunk: int = 32) -> Array:
    """Encode real feature vectors with any codebook of level hypervectors, in one call.

    For an example x with F features,  H(x) = [Σ_f  K_f ⊙ C_{q(x_f)}],
    where C is the codebook (levels, D), K_f one key hypervector per feature
    position (F, D), q the quantiser of :func:`quantize` and [.] the majority
    vote of :func:`bundle`. Cost: n · F · D operations, `chunk` examples at a time.

    Args:
      codebook: (n_levels, D) hypervectors, one per quantisation level.
      keys: (F, D) position keys, one per feature.
      values: (n, F) real features in [low, high].

    Returns:
      (n, D) int8 hypervectors.
    """
    codebook = _check_bipolar(codebook, "codebook", 2)
    keys, values = _check_encoding_inputs(keys, values, codebook.shape[1])
    indices = quantize(values, codebook.shape[0], low, high)
    return _encode_gather(codebook, keys, indices, chunk)


@partial(jax.jit, static_argnames="chunk")
def _encode_gather(codebook: Array, keys: Array, indices: Array, chunk: int) -> Array:
    n = indices.shape[0]
    padded = jnp.pad(indices, ((0, (-n) % chunk), (0, 0)))

    def encode_chunk(chunk_indices: Array) -> Array:  # (chunk, F) -> (chunk, D)
        totals = jnp.sum(codebook[chunk_indices].astype(jnp.int16) * keys, axis=1)
        return sign_with_ties(totals)

    encoded = jax.lax.map(encode_chunk, padded.reshape(-1, chunk, indices.shape[1]))
    return encoded.reshape(-1, codebook.shape[1])[:n]


def encode_levels(levels: Levels, keys: Array, values: Array, low: float = -1.0,
                  high: float = 1.0) -> Array:
    """The same encoding as :func:`encode` with ``levels.hypervectors()``, computed by matrix products.

    Level q equals base ⊙ (1 - 2·[q ≥ c_d]) in component d, where c_d is the
    level at which d flips. Hence
        Σ_f K_fd L_{q_f, d} = base_d · (Σ_f K_fd - 2 Σ_f K_fd [q_f ≥ c_d]),
    and the components that flip at level l share the same indicator, so the
    last sum is, for each l, one product (n, F) @ (F, step) of the thermometer
    code [q_f ≥ l] with the keys of those components. About 20 times faster
    than the gather of :func:`encode` on a CPU, with identical results.
    """
    keys, values = _check_encoding_inputs(keys, values, levels.base.shape[0])
    indices = quantize(values, levels.count, low, high)
    return _encode_thermometer(levels.base, levels.order, keys, indices, levels.step, levels.count)


@partial(jax.jit, static_argnames=("step", "count"))
def _encode_thermometer(base, order, keys, indices, step: int, count: int) -> Array:
    n, dimension = indices.shape[0], base.shape[0]
    flipping = order[: (count - 1) * step].reshape(count - 1, step)  # components flipping at l = 1..
    thermometer = (indices[None, :, :] >= jnp.arange(1, count)[:, None, None]).astype(jnp.float32)
    keys_by_level = keys.astype(jnp.float32).T[flipping]                     # (L-1, step, F)
    flipped = jnp.einsum("lnf,lsf->lns", thermometer, keys_by_level)          # (L-1, n, step)
    # Work in the coordinates of `order` (flipping components first), then put
    # the components back in place with one gather of the final int8 signs.
    flip_sum = jnp.concatenate(
        [flipped.transpose(1, 0, 2).reshape(n, -1), jnp.zeros((n, dimension - flipped.shape[0] * step))],
        axis=1)
    key_sum = jnp.sum(keys, axis=0, dtype=jnp.float32)[order]
    totals = base[order] * (key_sum - 2 * flip_sum)
    tie_breaker = jnp.where(order % 2 == 0, 1, -1)
    signs = jnp.where(totals > 0, 1, jnp.where(totals < 0, -1, tie_breaker)).astype(jnp.int8)
    return signs[:, jnp.argsort(order)]
