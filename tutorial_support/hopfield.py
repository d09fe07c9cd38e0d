"""Discrete (binary) Hopfield networks: Hebbian storage, energy, recall, noise.

A network of N units holds a state s ∈ {-1, +1}^N. P patterns ξ^1 … ξ^P
(rows of an array of shape (P, N), entries ±1) are stored in a symmetric
weight matrix by the Hebbian rule, with no self-connections:

    W = (1/N) Σ_μ ξ^μ (ξ^μ)ᵀ,      W_ii = 0

Every state has an energy

    E(s) = -½ sᵀ W s

and recall moves downhill in E by setting units to the sign of their local field

    h_i = Σ_j W_ij s_j,      s_i ← sgn(h_i)

with the rule used throughout this module for a zero field: **a unit whose
field is exactly 0 keeps its previous value** (sgn(0) would otherwise leave
it at 0, which is not a valid state).

* Asynchronous recall updates one unit at a time. Changing unit i alone
  changes the energy by ΔE = -(s_i' - s_i) h_i, which is 0 or -2|h_i|: the
  energy never increases, so the dynamics end in a fixed point. Units are
  visited in sweeps: each sweep is a fresh random permutation of all N units,
  so every unit is visited once per sweep; a batch of states shares one
  order. (Drawing units independently with replacement instead would leave,
  on average, N·e^{-n/N} units never visited after n updates: about 1.3 of
  784 units after 5000 updates.)
* Synchronous recall updates all units at once, s ← sgn(W s). Its energy can
  rise, and it can end in a 2-cycle (s → s' → s) instead of a fixed point.

Noise helpers corrupt a pattern: `flip_noise` flips the sign of each unit
independently with probability p; `mask_noise` overwrites a rectangle of an
image with one value. `images_to_patterns` turns grey images (e.g.
scikit-learn's 8 × 8 digits) into ±1 patterns of a chosen size.

The network and noise functions are jittable (with counts such as n_updates
static). They check shapes and dtypes always and, when given concrete (not
traced) arrays, that states hold only ±1, weights are finite and unit indices
lie in range (tutorial_support.validate); under jit those value checks cannot run.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from tutorial_support import validate

Array = jax.Array
MAX_SIZE = 256  # images_to_patterns: 256² units need 2^32 weights (16 GiB in float32)


# --------------------------------------------------------------------------- validation

def _check_pm1(x, name: str, ndim: int | tuple[int, ...]) -> Array:
    """`x` as a float32 JAX array after checking its rank, ≥ 2 units and (if concrete) its ±1 values."""
    shapes = {1: "(N,)", 2: "(P, N)", (1, 2): "(N,) or (B, N)"}
    x = validate.array(x, name, ndim=ndim, shape=shapes.get(ndim, ""), bipolar=True)
    if x.shape[-1] < 2:
        raise ValueError(f"{name} needs at least 2 units (last axis); got shape {tuple(x.shape)}.")
    return x.astype(jnp.float32)


def _check_weights(weights, n_units: int | None = None) -> Array:
    """W as a finite floating-point (N, N) array matching states of N units."""
    weights = validate.array(weights, "weights", kind="float", ndim=2, shape="(N, N)",
                             fix="Build W with hebbian_weights(patterns).")
    if weights.shape[0] != weights.shape[1]:
        raise ValueError(f"weights must be a square matrix (N, N); got shape {tuple(weights.shape)}.")
    if n_units is not None and weights.shape[0] != n_units:
        raise ValueError(
            f"state has {n_units} units but weights are {tuple(weights.shape)}: a network of N "
            "units needs an (N, N) weight matrix and states of length N."
        )
    return weights


# --------------------------------------------------------------------------- storage and energy

def hebbian_weights(patterns) -> Array:
    """Store patterns (P, N) of ±1: W = (1/N) Σ_μ ξ^μ ξ^μᵀ with zero diagonal, shape (N, N)."""
    patterns = _check_pm1(patterns, "patterns", 2)
    n_units = patterns.shape[1]
    weights = patterns.T @ patterns / n_units
    return weights * (1.0 - jnp.eye(n_units, dtype=weights.dtype))


def energy(weights, states) -> Array:
    """E(s) = -½ sᵀ W s for one state (N,) or a batch (B, N); returns a scalar or shape (B,)."""
    states = _check_pm1(states, "states", (1, 2))
    weights = _check_weights(weights, states.shape[-1])
    return -0.5 * jnp.sum((states @ weights) * states, axis=-1)


def overlap(a, b) -> Array:
    """Overlap m = (1/N) Σ_i a_i b_i of ±1 vectors (broadcasting): 1 equal, -1 inverted, ≈0 unrelated.

    Under jit the ±1 check cannot run (values unknown); shapes are checked.
    """
    a = validate.array(a, "a", min_ndim=1, shape="(..., N)", bipolar=True).astype(jnp.float32)
    b = validate.array(b, "b", min_ndim=1, shape="(..., N)", bipolar=True).astype(jnp.float32)
    validate.same_size(a, b, "a and b")
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(f"a and b must broadcast against each other; got shapes {tuple(a.shape)} "
                         f"and {tuple(b.shape)}.") from None
    return jnp.mean(a * b, axis=-1)


def _sign_keep(field: Array, previous: Array) -> Array:
    """sgn(field), except that a zero field keeps the previous value."""
    return jnp.where(field > 0, 1.0, jnp.where(field < 0, -1.0, previous))


# --------------------------------------------------------------------------- recall

def sweep_order(key: Array, n_units: int, n_updates: int) -> Array:
    """Unit indices for `n_updates` asynchronous updates: concatenated random permutations of N units."""
    n_units = validate.count(n_units, "n_units", 1)
    n_updates = validate.count(n_updates, "n_updates", 0)
    n_sweeps = max(1, math.ceil(n_updates / n_units))
    keys = jax.random.split(validate.prng_key(key), n_sweeps)
    order = jax.vmap(lambda k: jax.random.permutation(k, n_units))(keys)
    return order.reshape(-1)[:n_updates]


def update_units(weights, states, units, record_energy: bool = False):
    """Update the given units one after another: s_i ← sgn(Σ_j W_ij s_j) (zero field: keep s_i).

    `states` is one state (N,) or a batch (B, N); `units` is an integer array
    (n,) of unit indices in 0..N-1, visited in order inside a `lax.scan` (a batch
    shares the order). Returns the final state(s), or (final, energies) when
    `record_energy` is true, where energies[t] (shape (n,) or (n, B)) is E after
    update t, tracked exactly for any square W by

        ΔE = -½ δ (h_i + c_i) - ½ δ² W_ii,   δ = s_i' - s_i,  h_i = Σ_j W_ij s_j,  c_i = Σ_j W_ji s_j,

    which is -δ h_i ≤ 0 for a Hebbian W (symmetric, W_ii = 0). For another W
    the energy may rise, and the record shows it.

    Under jit the values are not checked: ±1 states, finite weights, and unit
    indices in range (JAX would clamp an out-of-range index instead of failing).
    """
    states = _check_pm1(states, "states", (1, 2))
    weights = _check_weights(weights, states.shape[-1])
    units = validate.indices(units, "units", states.shape[-1])
    return _update_units(weights, states, units, validate.flag(record_energy, "record_energy"))


def _update_units(weights: Array, states: Array, units: Array, record_energy: bool):
    # Units along axis 0 (a batch along axis 1), so that one update writes one contiguous row.
    columns, transposed = states.T, weights.T

    def step(carry, i):
        s, e = carry
        field = weights[i] @ s
        new = _sign_keep(field, s[i])
        if record_energy:  # a Python branch: the bookkeeping costs nothing when not asked for
            delta = new - s[i]
            e = e - 0.5 * delta * (field + transposed[i] @ s) - 0.5 * delta**2 * weights[i, i]
        return (s.at[i].set(new), e), e

    start_energy = -0.5 * jnp.sum(columns * (weights @ columns), axis=0)
    (final, _), energies = jax.lax.scan(step, (columns, start_energy), units)
    return (final.T, energies) if record_energy else final.T


def async_recover(weights, states, key: Array, n_updates: int, record_energy: bool = False):
    """Asynchronous recall: `n_updates` single-unit updates in random sweeps (see `sweep_order`).

    `states` is one state (N,) or a batch (B, N); a batch is recalled with one
    shared random unit order, which is much faster than independent orders and
    still a valid asynchronous run for every row. Returns the final state(s), or
    (final, energies (n_updates,) or (n_updates, B)) when `record_energy` is true,
    recorded exactly as in `update_units`. Jittable with `n_updates` and
    `record_energy` static; under jit the ±1 states and finite weights are not checked.
    """
    states = _check_pm1(states, "states", (1, 2))
    weights = _check_weights(weights, states.shape[-1])
    n_updates = validate.count(n_updates, "n_updates", 1)
    units = sweep_order(key, states.shape[-1], n_updates)
    return _update_units(weights, states, units, validate.flag(record_energy, "record_energy"))


def sync_recover(weights, state, n_steps: int, record_states: bool = False):
    """Synchronous recall: `n_steps` steps of s ← sgn(W s), all units at once (zero field: keep).

    Returns the final state (N,), or (final state, states (n_steps + 1, N)) with
    the starting state first when `record_states` is true. Under jit the ±1 state
    and finite weights are not checked.
    """
    state = _check_pm1(state, "state", 1)
    weights = _check_weights(weights, state.shape[0])
    n_steps = validate.count(n_steps, "n_steps", 1)
    record_states = validate.flag(record_states, "record_states")

    def step(s, _):
        s = _sign_keep(weights @ s, s)
        return s, s

    final, trajectory = jax.lax.scan(step, state, None, length=n_steps)
    if record_states:
        return final, jnp.concatenate([state[None], trajectory])
    return final


# --------------------------------------------------------------------------- noise

def flip_noise(key: Array, pattern, p: float) -> Array:
    """Flip the sign of each unit independently with probability p (any shape of ±1 values).

    Unlike overwriting units with a fixed value, a flip always changes the unit:
    on average a fraction p of the units ends up wrong. Under jit the ±1 values
    and the range of p are not checked.
    """
    pattern = validate.array(pattern, "pattern", min_ndim=1, bipolar=True)
    p = validate.number(p, "p (the probability of a flip)", 0.0, 1.0)
    flips = jax.random.bernoulli(validate.prng_key(key), p, pattern.shape)
    return jnp.where(flips, -pattern, pattern).astype(jnp.float32)


def mask_noise(image, rows: tuple[int, int], cols: tuple[int, int], value: float = 1.0) -> Array:
    """Overwrite the rectangle image[r0:r1, c0:c1] of a 2-D ±1 image with `value` (±1)."""
    image = validate.array(image, "image", ndim=2, bipolar=True, shape="(height, width)",
                           fix="Reshape a pattern first, e.g. pattern.reshape(28, 28).")
    if isinstance(value, (bool, np.bool_)) or value not in (-1, 1):
        raise ValueError(f"value must be -1 or +1; got {validate.describe(value)}.")
    (r0, r1), (c0, c1) = (_span(rows, "rows", image.shape[0]), _span(cols, "cols", image.shape[1]))
    return image.astype(jnp.float32).at[r0:r1, c0:c1].set(float(value))


def _span(pair, name: str, size: int) -> tuple[int, int]:
    """(start, stop) with 0 ≤ start < stop ≤ size."""
    if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
        raise TypeError(f"{name} must be a pair (start, stop); got {validate.describe(pair)}.")
    start = validate.count(pair[0], f"{name}[0] (start)", 0, size - 1)
    stop = validate.count(pair[1], f"{name}[1] (stop)", 1, size)
    if not start < stop:
        raise ValueError(f"{name} must be (start, stop) with 0 <= start < stop <= {size}; "
                         f"got {(start, stop)!r}.")
    return start, stop


# --------------------------------------------------------------------------- images to patterns

def images_to_patterns(images, size: int = 28, threshold: float = 0.5) -> np.ndarray:
    """Grey images (B, h, w) → ±1 patterns (B, size·size): bilinear resize, then ink > threshold → +1.

    Each image is first scaled to [0, 1] by its own maximum, so the threshold
    is a fraction of the darkest ink. Returns int8 values -1 and +1. `size` is
    at most MAX_SIZE (256): a network on size² units has size⁴ weights.
    """
    images = np.asarray(validate.array(images, "images", ndim=3, shape="(B, height, width)"),
                        dtype=np.float32)
    # A network of N = size² units has N² weights: size 256 already needs 16 GiB for W.
    size = validate.count(size, "size (pixels per side)", 2, MAX_SIZE)
    threshold = validate.number(threshold, "threshold", 0.0, 1.0, low_open=True, high_open=True)
    peak = images.max(axis=(1, 2), keepdims=True)
    if (peak <= 0).any():
        raise ValueError("every image needs some ink (a positive pixel); found a blank image.")
    resized = jax.image.resize(jnp.asarray(images / peak), (len(images), size, size), "linear")
    return np.where(np.asarray(resized) > threshold, 1, -1).astype(np.int8).reshape(len(images), -1)
