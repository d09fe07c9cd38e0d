"""Resonator networks: factoring a binding of bipolar symbols (Frady, Kent, Olshausen and Sommer 2020).

A composite s = x¹ ⊙ x² ⊙ … ⊙ x^F binds one symbol from each of F codebooks X_f
(each an (M, D) matrix of ±1 rows). The network keeps one estimate x̂_f per factor,
starts each at the bundle of its whole codebook,

    x̂_f(0)   = sgn(Σ_μ ξ_f^μ),

and updates the factors one after another, each with the newest estimates of the
others (outer-product weights X_fᵀ X_f, as in Kent et al. 2020):

    x̂_f(t+1) = sgn( X_fᵀ X_f ( s ⊙ ∏_{g<f} x̂_g(t+1) ⊙ ∏_{g>f} x̂_g(t) ) ),

with sgn(0) = +1. An iteration updates all F factors; it costs 2 F M D multiply-adds.
The network stops at a fixed point (an iteration that changes no estimate) or after a
budget of iterations. Each estimate is read out as the codebook symbol of largest
|similarity| (the product is unchanged when two factors flip sign together):

    decode_f = argmax_μ |ξ_f^μ · x̂_f|.

Inputs are checked by tutorial_support.validate: dtypes and shapes always, and the
values (±1 entries, index ranges) when the arrays are concrete, not inside jit/vmap.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from tutorial_support import validate

Array = jax.Array


class Outcome(NamedTuple):
    """What a run of the resonator ended with."""

    estimates: Array  # (F, D) the last estimates x̂_f
    decoded: Array  # (F,) decode_f of the last estimates
    iterations: Array  # iterations run in all (≤ the budget)
    converged: Array  # True when the last iteration changed no estimate: a fixed point
    found_at: Array  # first iteration whose decode equalled `truth` (0: never, or no truth given)


def _sgn(field: Array) -> Array:
    return jnp.where(field >= 0, 1.0, -1.0)


def initial_estimates(books: Array) -> Array:
    """x̂_f(0) = sgn(Σ_μ ξ_f^μ): each factor starts at the bundle of its codebook, (F, D)."""
    books = _check_books(books)
    return _sgn(jnp.sum(books, axis=1))


def iterate(books: Array, s: Array, estimates: Array) -> Array:
    """One iteration: x̂_f ← sgn(X_fᵀ X_f (s ⊙ ∏_{g≠f} x̂_g)) for f = 1..F in turn, newest x̂_g used."""
    books = _check_books(books)
    s = _check_composite(s, books)
    estimates = validate.array(estimates, "estimates", ndim=2, shape="(F, D)", bipolar=True)
    if estimates.shape != (books.shape[0], books.shape[2]):
        raise ValueError(f"estimates must have shape (F, D) = {(books.shape[0], books.shape[2])}, one "
                         f"estimate per codebook; got {tuple(estimates.shape)}.")
    return _iterate(books, s, estimates.astype(jnp.float32))


def _iterate(books: Array, s: Array, estimates: Array) -> Array:
    n_factors = books.shape[0]
    for f in range(n_factors):  # one factor after another, each with the newest others
        others = jnp.prod(jnp.where(jnp.arange(n_factors)[:, None] == f, 1.0, estimates), axis=0)
        field = (books[f] @ (s * others)) @ books[f]  # X_fᵀ (X_f u), M D + M D multiply-adds
        estimates = estimates.at[f].set(_sgn(field))
    return estimates


def decode(books: Array, estimates: Array) -> Array:
    """decode_f = argmax_μ |ξ_f^μ · x̂_f|: the index of each factor's codebook symbol, (F,)."""
    books = _check_books(books)
    estimates = validate.array(estimates, "estimates", ndim=2, shape="(F, D)")
    return _decode(books, estimates)


def _decode(books: Array, estimates: Array) -> Array:
    return jnp.argmax(jnp.abs(jnp.einsum("fmd,fd->fm", books, estimates)), axis=1)


def factorize(books: Array, s: Array, max_iterations: int, *, truth: Array | None = None,
              resume: Outcome | None = None) -> Outcome:
    """Iterate from x̂(0) until a fixed point or `max_iterations` iterations in all.

    books: (F, M, D) ±1 codebooks; s: (D,) the ±1 composite. truth: optional (F,) indices
    of the true factors, to record `found_at`, the first iteration whose decode is right.
    resume: continue a previous run (its estimates, iteration count and found_at) up to
    `max_iterations` in all, e.g. to read the same runs at a small and at a larger budget.
    Works under jit and vmap (the loop stops for each problem at its own fixed point).
    """
    books = _check_books(books)
    s = _check_composite(s, books)
    budget = validate.count(max_iterations, "max_iterations", 1)
    n_factors, size = books.shape[0], books.shape[1]
    if truth is None:
        target = jnp.full((n_factors,), -1, dtype=jnp.int32)
    else:
        target = validate.indices(truth, "truth", size)
        if target.shape != (n_factors,):
            raise ValueError(f"truth must hold one index per codebook, shape ({n_factors},); got shape "
                             f"{tuple(target.shape)}.")
    if resume is None:
        estimates = _sgn(jnp.sum(books, axis=1))
        state = (estimates, jnp.int32(0), jnp.array(False), jnp.int32(0))
    else:
        if not isinstance(resume, Outcome):
            raise TypeError(f"resume must be the Outcome of an earlier factorize call; got "
                            f"{validate.describe(resume)}.")
        state = (resume.estimates.astype(jnp.float32), jnp.int32(resume.iterations),
                 jnp.asarray(resume.converged), jnp.int32(resume.found_at))

    def running(state) -> Array:
        _, t, converged, _ = state
        return (t < budget) & ~converged

    def body(state):
        estimates, t, _, found_at = state
        new = _iterate(books, s, estimates)
        right = jnp.all(_decode(books, new) == target)
        found_at = jnp.where((found_at == 0) & right, t + 1, found_at)
        return new, t + 1, jnp.all(new == estimates), found_at

    estimates, t, converged, found_at = jax.lax.while_loop(running, body, state)
    return Outcome(estimates, _decode(books, estimates), t, converged, found_at)


def composite(books: Array, indices: Array) -> Array:
    """s = ∏_f ξ_f^{i_f}: the binding of one symbol from each codebook, (D,)."""
    books = _check_books(books)
    indices = validate.indices(indices, "indices", books.shape[1])
    if indices.shape != (books.shape[0],):
        raise ValueError(f"indices must hold one index per codebook, shape ({books.shape[0]},); got shape "
                         f"{tuple(indices.shape)}.")
    return jnp.prod(books[jnp.arange(books.shape[0]), indices], axis=0)


def _check_books(books) -> Array:
    books = validate.array(books, "books", ndim=3, shape="(F, M, D): F codebooks of M symbols",
                           bipolar=True)
    if books.shape[0] < 2 or books.shape[1] < 1:
        raise ValueError(f"books must hold at least 2 codebooks of at least 1 symbol, shape (F, M, D); got "
                         f"shape {tuple(books.shape)}. A single codebook needs a clean-up, not a resonator.")
    return books.astype(jnp.float32)


def _check_composite(s, books: Array) -> Array:
    s = validate.array(s, "s", ndim=1, shape="(D,)", bipolar=True).astype(jnp.float32)
    validate.same_size(s, books, "s and books")
    return s
