"""Bipolar hypervectors (the MAP / binary-spatter-code family) for hyperdimensional computing.

A hypervector is a vector of D components, each +1 or -1, stored as int8.

    bind        a ⊙ b         = a * b            (component-wise; bind(bind(a, b), b) = a)
    bundle      [Σ_j s_j]_t   = sign(Σ_j s_j), and t_d where Σ_j s_jd = 0   (majority vote)
                                 Only an even number of members can tie. t is a random ±1
                                 tie vector drawn from `key`; bundles made with the same
                                 key share t, so give each bundle its own (split) key.
    permute     ρ^k(a)        = roll(a, k)       (a cheap, invertible way to make a new key)
    cosine      cos(a, b)     = (1/D) Σ_d a_d b_d            in [-1, 1]
    hamming     ham(a, b)     = (1/D) #{d : a_d = b_d} = (1 + cos(a, b)) / 2   in [0, 1]
    encode      H(x)          = [Σ_f K_f ⊙ C_{q(x_f)}]_t   (one fixed tie vector t per encoder,
                                 so equal inputs get equal codes)

Random hypervectors are nearly orthogonal (cos ≈ 0 ± 1/sqrt(D)). Level
hypervectors are deliberately *correlated*: neighbouring levels share most
components, so that nearby real values get similar codes.

Inputs are checked by tutorial_support.validate: dtype and shape always (also
under `jax.jit`, where shapes are static), and the values (every entry ±1, real features finite) whenever the
array is concrete, i.e. not a `jax.core.Tracer` inside `jit`/`vmap`/`grad`,
where values are unknown and the check is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
from tutorial_support import validate

Array = jax.Array


def _check_bipolar(x, name: str, min_rank: int = 1, nonempty: bool = True) -> Array:
    """`x` as a JAX array of numbers after checking its rank and (if concrete) that every entry is ±1."""
    return validate.array(x, name, min_ndim=min_rank, nonempty=nonempty, bipolar=True,
                          shape="(D,) or (..., D)" if min_rank == 1 else "(n, D)")


def random_hypervectors(key: Array, n: int, dimension: int) -> Array:
    """`n` independent random hypervectors, each component ±1 with probability 1/2: (n, D) int8."""
    n, dimension = validate.count(n, "n"), validate.count(dimension, "dimension")
    return jnp.where(jax.random.bernoulli(validate.prng_key(key), 0.5, (n, dimension)), 1, -1).astype(jnp.int8)


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
        _check_levels(self)
        rank = jnp.argsort(self.order)  # rank[d]: position of component d in `order`
        flipped = rank[None, :] < (jnp.arange(self.count) * self.step)[:, None]
        return jnp.where(flipped, -self.base, self.base).astype(jnp.int8)


def _check_levels(levels: Levels) -> None:
    """base ±1 of shape (D,), order a permutation of 0..D-1, count ≥ 2, 1 ≤ step ≤ D // (count - 1)."""
    base = validate.array(levels.base, "Levels.base", kind="integer", ndim=1, shape="(D,)",
                          bipolar=True, fix="Make levels with binary.make_levels().")
    d = base.shape[0]
    order = validate.indices(levels.order, "Levels.order", d)
    if order.shape != (d,) or (not validate.is_traced(order)
                               and not np.array_equal(np.sort(np.asarray(order)), np.arange(d))):
        raise ValueError(f"Levels.order must be a permutation of 0..{d - 1} (one entry per component "
                         "of base). Make levels with binary.make_levels().")
    count = validate.count(levels.count, "Levels.count", 2)
    validate.count(levels.step, "Levels.step (components flipped per level)", 1, max(1, d // (count - 1)))


def make_levels(key: Array, count: int, dimension: int) -> Levels:
    """Draw `count` level hypervectors of dimension D, flipping D // (2 (count - 1)) components per level."""
    count = validate.count(count, "count (number of levels)", 2)
    dimension = validate.count(dimension, "dimension", 2 * (count - 1))
    key_base, key_order = jax.random.split(validate.prng_key(key))
    base = random_hypervectors(key_base, 1, dimension)[0]
    order = jax.random.permutation(key_order, dimension)
    return Levels(base, order, dimension // (2 * (count - 1)), count)


def level_hypervectors(key: Array, count: int, dimension: int) -> Array:
    """`count` correlated level hypervectors as a (count, D) int8 array (see :class:`Levels`)."""
    return make_levels(key, count, dimension).hypervectors()


def quantize(values: Array, levels: int, low: float = -1.0, high: float = 1.0) -> Array:
    """Bin of each value among `levels` equal bins of [low, high]: q(v) = floor((v - low) / (high - low) · levels).

    q is clipped to [0, levels - 1], so v = high falls in the last bin. This is
    what ``np.digitize(v, np.linspace(low, high, levels + 1)) - 1``, clipped the
    same way, computes (up to rounding for values within float32 precision of a
    bin edge).

    Values outside [low, high] (also ±inf) go to the nearest end level. NaN has
    no level: concrete arrays holding NaN are refused (not checked under jit).
    """
    values = validate.array(values, "values", kind="float", finite=False, nonempty=False)
    levels = validate.count(levels, "levels")
    low, high = validate.number(low, "low"), validate.number(high, "high")
    if not high > low:
        raise ValueError(f"high must be greater than low; got low={low}, high={high}.")
    if not validate.is_traced(values) and np.isnan(np.asarray(values)).any():
        bad = int(np.count_nonzero(np.isnan(np.asarray(values))))
        raise ValueError(f"values must not be NaN; {bad} of {values.size} entries are. "
                         "Replace or drop them (e.g. with jnp.nan_to_num) before quantising.")
    scaled = (values - low) / (high - low) * levels
    return jnp.clip(jnp.floor(scaled), 0, levels - 1).astype(jnp.int32)


def bind(a: Array, b: Array) -> Array:
    """Bind: a ⊙ b (component-wise product). Self-inverse: bind(bind(a, b), b) = a.

    a and b must hold only ±1 (checked when concrete; under jit only dtype and shape).
    """
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    validate.same_size(a, b, "a and b")
    return a * b


def bundle(hypervectors: Array | Sequence[Array], axis: int = 0, *, key: Array | None = None) -> Array:
    """Majority vote: [Σ_j s_j] = sign(Σ_j s_j) along `axis`, with ties set from `key`.

    Accepts a list of equal-shape hypervectors or one array (default: bundle
    over axis 0). Returns int8 ±1 of the remaining shape.

    Ties: with an odd number n of members the sum is odd, never 0, and `key`
    is not needed (it is ignored). With an even n a component can sum to 0;
    `key` is then required, and a tied component d takes the value t_d of a
    tie vector t: independent random ±1 entries of the result's shape drawn
    from `key` (so each bundle of a batch gets its own tie vector). Bundles
    made with the same key share t and so agree wherever both tie: use a
    fresh key per bundle (e.g. rows of ``jax.random.split(key, n)``).

    The members must hold only ±1 (checked when concrete; under jit only dtype
    and shape are checked, since the values are not known while tracing).
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
        stacked = _check_bipolar(hypervectors, "hypervectors", 2, nonempty=False)
        axis = validate.axis(axis, stacked.ndim)
        if stacked.shape[axis] == 0:
            raise ValueError(f"bundle() needs at least one hypervector; axis {axis} of shape "
                             f"{stacked.shape} is empty.")
    members = stacked.shape[axis]
    totals = jnp.sum(stacked.astype(jnp.int32), axis=axis)
    if members % 2 == 1:
        return jnp.where(totals > 0, 1, -1).astype(jnp.int8)  # an odd sum of ±1 is never 0
    if key is None:
        raise ValueError(f"bundling an even number of hypervectors ({members}) can tie (sum 0); "
                         "pass key= to break ties at random, e.g. key=jax.random.key(0), or a "
                         "fresh row of jax.random.split(key, n) for each bundle.")
    key = validate.prng_key(key)
    ties = jnp.where(jax.random.bernoulli(key, 0.5, totals.shape), 1, -1).astype(jnp.int8)
    return sign_with_ties(totals, ties)


def sign_with_ties(totals: Array, ties: Array) -> Array:
    """sign(totals) as int8 ±1, with each 0 replaced by the matching entry of `ties`.

        out_d = +1 if totals_d > 0,  -1 if totals_d < 0,  ties_d if totals_d = 0

    `ties` holds ±1 and broadcasts to the shape of `totals` (e.g. one (D,)
    tie vector for a batch (n, D)). When concrete, `ties` is checked to be ±1
    and floating-point `totals` to be finite (NaN has no sign); not under jit.
    """
    totals = validate.array(totals, "totals", nonempty=False)
    ties = _check_bipolar(ties, "ties")
    try:
        broadcast = np.broadcast_shapes(totals.shape, ties.shape)
    except ValueError:
        broadcast = None
    if broadcast != totals.shape:
        raise ValueError(f"ties must broadcast to the shape of totals {totals.shape}; got shape "
                         f"{ties.shape}.")
    return jnp.where(totals > 0, 1, jnp.where(totals < 0, -1, ties)).astype(jnp.int8)


def permute(a: Array, shifts: int = 1) -> Array:
    """Cyclic shift of the components: ρ^k(a) = roll(a, k). Undo with -k."""
    a = _check_bipolar(a, "a")
    if isinstance(shifts, (bool, np.bool_)) or not (
            isinstance(shifts, (int, np.integer))
            or (hasattr(shifts, "dtype") and np.issubdtype(shifts.dtype, np.integer))):
        raise TypeError(f"shifts must be an integer (positive: to the right); got "
                        f"{validate.describe(shifts)}.")
    return jnp.roll(a, shifts, axis=-1)


def cosine_similarity(a: Array, b: Array) -> Array:
    """cos(a, b) = (1/D) Σ_d a_d b_d for matching (broadcast) hypervectors (..., D)."""
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    validate.same_size(a, b, "a and b")
    return jnp.mean(a.astype(jnp.float32) * b.astype(jnp.float32), axis=-1)


def hamming_similarity(a: Array, b: Array) -> Array:
    """ham(a, b) = fraction of equal components = (1 + cos(a, b)) / 2."""
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    validate.same_size(a, b, "a and b")
    return jnp.mean(a == b, axis=-1)


def similarity_matrix(a: Array, b: Array) -> Array:
    """All-pairs cosine similarity S[i, j] = cos(a_i, b_j) for a (n, D) and b (m, D): A Bᵀ / D.

    Both a and b must hold only ±1 (checked when concrete). For an un-thresholded
    (real-valued) bundle G, compute the dot products directly: A.astype(float32) @ Gᵀ / D.
    """
    a, b = _check_bipolar(a, "a"), _check_bipolar(b, "b")
    if a.ndim != 2 or b.ndim != 2:
        raise ValueError(f"a and b must be 2-D (n, D) and (m, D); got shapes {a.shape} and {b.shape}.")
    validate.same_size(a, b, "a and b")
    return (a.astype(jnp.float32) @ b.astype(jnp.float32).T) / a.shape[-1]


def _check_encoding_inputs(keys, values, ties, dimension: int) -> tuple[Array, Array, Array]:
    keys = _check_bipolar(keys, "keys", 2)
    values = validate.array(values, "values", ndim=2, shape="(n, F)")
    if keys.shape[1] != dimension:
        raise ValueError(f"keys must have the dimension D = {dimension} of the levels; got "
                         f"shape {keys.shape}.")
    if values.ndim != 2 or values.shape[1] != keys.shape[0]:
        raise ValueError(f"values must have shape (n, F) with F = {keys.shape[0]} features "
                         f"(one per key); got {values.shape}.")
    ties = _check_bipolar(ties, "ties")
    if ties.shape != (dimension,):
        raise ValueError(f"ties must be one hypervector of shape ({dimension},), e.g. "
                         f"binary.random_hypervectors(key, 1, {dimension})[0]; got shape {ties.shape}.")
    return keys, values, ties


def encode(codebook: Array, keys: Array, values: Array, low: float = -1.0, high: float = 1.0,
           chunk: int = 32, *, ties: Array) -> Array:
    """Encode real feature vectors with any codebook of level hypervectors, in one call.

    For an example x with F features,  H(x) = [Σ_f  K_f ⊙ C_{q(x_f)}]_t,
    where C is the codebook (levels, D), K_f one key hypervector per feature
    position (F, D), q the quantiser of :func:`quantize` and [.]_t the majority
    vote with ties set to the fixed tie vector t (:func:`sign_with_ties`), so
    equal inputs always get equal codes. Cost: n · F · D operations, `chunk`
    examples at a time.

    Ties occur only when F is even. For F random ±1 terms a component ties with
    P(tie) = C(F, F/2) / 2^F ≈ sqrt(2 / (π F)) (0.099 for F = 64). Two unrelated
    encodings share t only where both tie, which adds about P(tie)² (≈ 0.01
    for F = 64) to their cosine similarity.

    Args:
      codebook: (n_levels, D) hypervectors, one per quantisation level.
      keys: (F, D) position keys, one per feature.
      values: (n, F) real features in [low, high]; NaN or ±inf is refused (when concrete).
      ties: (D,) ±1, the encoder's fixed tie vector; draw it once, e.g.
        ``binary.random_hypervectors(key, 1, D)[0]``.

    Returns:
      (n, D) int8 hypervectors.
    """
    codebook = _check_bipolar(codebook, "codebook", 2)
    chunk = validate.count(chunk, "chunk")
    keys, values, ties = _check_encoding_inputs(keys, values, ties, codebook.shape[1])
    indices = quantize(values, codebook.shape[0], low, high)
    return _encode_gather(codebook, keys, indices, ties, chunk)


@partial(jax.jit, static_argnames="chunk")
def _encode_gather(codebook: Array, keys: Array, indices: Array, ties: Array, chunk: int) -> Array:
    n = indices.shape[0]
    padded = jnp.pad(indices, ((0, (-n) % chunk), (0, 0)))

    def encode_chunk(chunk_indices: Array) -> Array:  # (chunk, F) -> (chunk, D)
        totals = jnp.sum(codebook[chunk_indices].astype(jnp.int16) * keys, axis=1)
        return sign_with_ties(totals, ties)

    encoded = jax.lax.map(encode_chunk, padded.reshape(-1, chunk, indices.shape[1]))
    return encoded.reshape(-1, codebook.shape[1])[:n]


def encode_levels(levels: Levels, keys: Array, values: Array, low: float = -1.0,
                  high: float = 1.0, *, ties: Array) -> Array:
    """The same encoding as :func:`encode` with ``levels.hypervectors()``, computed by matrix products.

    Level q equals base ⊙ (1 - 2·[q ≥ c_d]) in component d, where c_d is the
    level at which d flips. Hence
        Σ_f K_fd L_{q_f, d} = base_d · (Σ_f K_fd - 2 Σ_f K_fd [q_f ≥ c_d]),
    and the components that flip at level l share the same indicator, so the
    last sum is, for each l, one product (n, F) @ (F, step) of the thermometer
    code [q_f ≥ l] with the keys of those components. About 20 times faster
    than the gather of :func:`encode` on a CPU, with identical results.

    `ties` is the encoder's fixed (D,) ±1 tie vector, as in :func:`encode`:
    ties occur only for an even number F of features, with P(tie) ≈ sqrt(2 / (π F)),
    and add about P(tie)² to the cosine of two unrelated encodings.
    NaN or ±inf `values` are refused (when concrete).
    """
    if not isinstance(levels, Levels):
        raise TypeError(f"levels must be a Levels from make_levels(); got {type(levels).__name__}. "
                        "For a codebook array use encode().")
    _check_levels(levels)
    keys, values, ties = _check_encoding_inputs(keys, values, ties, levels.base.shape[0])
    indices = quantize(values, levels.count, low, high)
    return _encode_thermometer(levels.base, levels.order, keys, indices, ties, levels.step,
                               levels.count)


@partial(jax.jit, static_argnames=("step", "count"))
def _encode_thermometer(base, order, keys, indices, ties, step: int, count: int) -> Array:
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
    signs = jnp.sign(totals).astype(jnp.int8)[:, jnp.argsort(order)]  # 0 where tied
    # Ties are set after un-permuting: a gather ties[order] fused into the
    # element-wise step made the whole call about 3 times slower on a CPU.
    return sign_with_ties(signs, ties)
