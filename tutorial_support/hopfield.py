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
static). They check shapes and, when given concrete (not traced) arrays, that
states hold only ±1.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

Array = jax.Array


# --------------------------------------------------------------------------- validation

def _is_traced(x) -> bool:
    return isinstance(x, jax.core.Tracer)


def _check_pm1(x, name: str, ndim: int | tuple[int, ...]) -> Array:
    """Return `x` as a float32 JAX array after checking its rank and (if concrete) its ±1 values."""
    x = jnp.asarray(x)
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if x.ndim not in allowed:
        shapes = " or ".join({1: "(N,)", 2: "(P, N)"}.get(d, f"{d}-D") for d in allowed)
        raise ValueError(f"{name} must have shape {shapes}; got shape {x.shape}.")
    if x.shape[-1] < 2:
        raise ValueError(f"{name} needs at least 2 units (last axis); got shape {x.shape}.")
    if not (jnp.issubdtype(x.dtype, jnp.floating) or jnp.issubdtype(x.dtype, jnp.integer)):
        raise TypeError(f"{name} must hold the numbers -1 and +1; got dtype {x.dtype}.")
    if not _is_traced(x):
        bad = np.asarray(jnp.abs(x) != 1)
        if bad.any():
            example = np.asarray(x)[bad].ravel()[0]
            raise ValueError(
                f"{name} must contain only -1 and +1; {int(bad.sum())} of {x.size} entries "
                f"are not (for example {example!r}). Binarise first, e.g. jnp.where(x > t, 1, -1)."
            )
    return x.astype(jnp.float32)


def _check_weights(weights, n_units: int | None = None) -> Array:
    weights = jnp.asarray(weights)
    if weights.ndim != 2 or weights.shape[0] != weights.shape[1]:
        raise ValueError(f"weights must be a square matrix (N, N); got shape {weights.shape}.")
    if not jnp.issubdtype(weights.dtype, jnp.floating):
        raise TypeError(f"weights must be floating point; got dtype {weights.dtype}.")
    if n_units is not None and weights.shape[0] != n_units:
        raise ValueError(
            f"state has {n_units} units but weights are {weights.shape}: a network of N units "
            f"needs an (N, N) weight matrix and states of length N."
        )
    return weights


def _check_count(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}.")
    return int(value)


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
    """Overlap m = (1/N) Σ_i a_i b_i of ±1 vectors (broadcasting): 1 equal, -1 inverted, ≈0 unrelated."""
    a, b = jnp.asarray(a, jnp.float32), jnp.asarray(b, jnp.float32)
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(f"a and b must have the same number of units; got shapes {a.shape} "
                         f"and {b.shape}.")
    return jnp.mean(a * b, axis=-1)


def _sign_keep(field: Array, previous: Array) -> Array:
    """sgn(field), except that a zero field keeps the previous value."""
    return jnp.where(field > 0, 1.0, jnp.where(field < 0, -1.0, previous))


# --------------------------------------------------------------------------- recall

def sweep_order(key: Array, n_units: int, n_updates: int) -> Array:
    """Unit indices for `n_updates` asynchronous updates: concatenated random permutations of N units."""
    n_units = _check_count(n_units, "n_units", 1)
    n_updates = _check_count(n_updates, "n_updates", 0)
    n_sweeps = max(1, math.ceil(n_updates / n_units))
    keys = jax.random.split(key, n_sweeps)
    order = jax.vmap(lambda k: jax.random.permutation(k, n_units))(keys)
    return order.reshape(-1)[:n_updates]


def update_units(weights, states, units, record_energy: bool = False):
    """Update the given units one after another: s_i ← sgn(Σ_j W_ij s_j) (zero field: keep s_i).

    `states` is one state (N,) or a batch (B, N); `units` is an integer array
    (n,) of unit indices, visited in order inside a `lax.scan` (a batch shares
    the order). Returns the final state(s), or (final, energies) when
    `record_energy` is true, where energies[t] (shape (n,) or (n, B)) is E after
    update t, tracked exactly by ΔE = -(s_i' - s_i) h_i (valid because W_ii = 0).
    """
    states = _check_pm1(states, "states", (1, 2))
    weights = _check_weights(weights, states.shape[-1])
    units = jnp.asarray(units)
    if units.ndim != 1 or not jnp.issubdtype(units.dtype, jnp.integer):
        raise ValueError(f"units must be a 1-D integer array of unit indices; got shape "
                         f"{units.shape} and dtype {units.dtype}.")
    return _update_units(weights, states, units, record_energy)


def _update_units(weights: Array, states: Array, units: Array, record_energy: bool):
    # Units along axis 0 (a batch along axis 1), so that one update writes one contiguous row.
    columns = states.T

    def step(carry, i):
        s, e = carry
        field = weights[i] @ s
        new = _sign_keep(field, s[i])
        e = e - (new - s[i]) * field
        return (s.at[i].set(new), e), e

    start_energy = -0.5 * jnp.sum(columns * (weights @ columns), axis=0)
    (final, _), energies = jax.lax.scan(step, (columns, start_energy), units)
    return (final.T, energies) if record_energy else final.T


def async_recover(weights, states, key: Array, n_updates: int, record_energy: bool = False):
    """Asynchronous recall: `n_updates` single-unit updates in random sweeps (see `sweep_order`).

    `states` is one state (N,) or a batch (B, N); a batch is recalled with one
    shared random unit order, which is much faster than independent orders and
    still a valid asynchronous run for every row. Returns the final state(s), or
    (final, energies (n_updates,) or (n_updates, B)) when `record_energy` is true.
    Jittable with `n_updates` and `record_energy` static.
    """
    states = _check_pm1(states, "states", (1, 2))
    weights = _check_weights(weights, states.shape[-1])
    n_updates = _check_count(n_updates, "n_updates", 1)
    units = sweep_order(key, states.shape[-1], n_updates)
    return _update_units(weights, states, units, record_energy)


def sync_recover(weights, state, n_steps: int, record_states: bool = False):
    """Synchronous recall: `n_steps` steps of s ← sgn(W s), all units at once (zero field: keep).

    Returns the final state (N,), or (final state, states (n_steps + 1, N)) with
    the starting state first when `record_states` is true.
    """
    state = _check_pm1(state, "state", 1)
    weights = _check_weights(weights, state.shape[0])
    n_steps = _check_count(n_steps, "n_steps", 1)

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
    on average a fraction p of the units ends up wrong.
    """
    pattern = jnp.asarray(pattern)
    _check_pm1(pattern.reshape(-1), "pattern", 1)
    if not _is_traced(p) and not (0.0 <= float(p) <= 1.0):
        raise ValueError(f"p is a probability and must lie in [0, 1]; got {p!r}.")
    flips = jax.random.bernoulli(key, p, pattern.shape)
    return jnp.where(flips, -pattern, pattern).astype(jnp.float32)


def mask_noise(image, rows: tuple[int, int], cols: tuple[int, int], value: float = 1.0) -> Array:
    """Overwrite the rectangle image[r0:r1, c0:c1] of a 2-D ±1 image with `value` (±1)."""
    image = jnp.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"image must be 2-D (height, width), e.g. a pattern reshaped to (28, 28); "
                         f"got shape {image.shape}.")
    _check_pm1(image.reshape(-1), "image", 1)
    if value not in (-1, 1):
        raise ValueError(f"value must be -1 or +1; got {value!r}.")
    for name, (start, stop), size in (("rows", rows, image.shape[0]), ("cols", cols, image.shape[1])):
        if not (0 <= start < stop <= size):
            raise ValueError(f"{name} must be (start, stop) with 0 <= start < stop <= {size}; "
                             f"got {(start, stop)!r}.")
    return image.astype(jnp.float32).at[rows[0]:rows[1], cols[0]:cols[1]].set(float(value))


# --------------------------------------------------------------------------- images to patterns

def images_to_patterns(images, size: int = 28, threshold: float = 0.5) -> np.ndarray:
    """Grey images (B, h, w) → ±1 patterns (B, size·size): bilinear resize, then ink > threshold → +1.

    Each image is first scaled to [0, 1] by its own maximum, so the threshold
    is a fraction of the darkest ink. Returns int8 values -1 and +1.
    """
    images = np.asarray(images, dtype=np.float32)
    if images.ndim != 3:
        raise ValueError(f"images must have shape (B, height, width); got {images.shape}.")
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must lie in (0, 1); got {threshold!r}.")
    peak = images.max(axis=(1, 2), keepdims=True)
    if (peak <= 0).any():
        raise ValueError("every image needs some ink (a positive pixel); found a blank image.")
    resized = jax.image.resize(jnp.asarray(images / peak), (len(images), size, size), "linear")
    return np.where(np.asarray(resized) > threshold, 1, -1).astype(np.int8).reshape(len(images), -1)
