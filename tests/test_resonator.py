"""tutorial_support.resonator and tutorial_support.stats: the update, the stopping rule, and their inputs."""

import re

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import binary, resonator
from tutorial_support.stats import wilson_interval


def problem(seed: int, factors: int = 3, m: int = 8, d: int = 512):
    books = binary.random_hypervectors(jax.random.key(seed), factors * m, d).reshape(factors, m, d)
    truth = jnp.arange(factors, dtype=jnp.int32) % m
    return books, truth, resonator.composite(books, truth)


def test_composite_is_the_product_of_one_symbol_per_codebook():
    books, truth, s = problem(0)
    assert np.array_equal(np.asarray(s), np.asarray(books[0, 0] * books[1, 1] * books[2, 2]))


def test_iterate_updates_one_factor_after_another_with_the_newest_estimates():
    books, _, s = problem(1)
    x = np.asarray(books, dtype=np.int64)
    est = np.asarray(resonator.initial_estimates(books), dtype=np.int64)
    assert np.array_equal(est, np.where(x.sum(axis=1) >= 0, 1, -1))
    sgn = lambda v: np.where(v >= 0, 1, -1)  # noqa: E731
    sv = np.asarray(s, dtype=np.int64)
    expected = est.copy()
    expected[0] = sgn(x[0].T @ (x[0] @ (sv * expected[1] * expected[2])))
    expected[1] = sgn(x[1].T @ (x[1] @ (sv * expected[0] * expected[2])))  # uses the new x̂_0
    expected[2] = sgn(x[2].T @ (x[2] @ (sv * expected[0] * expected[1])))
    assert np.array_equal(np.asarray(resonator.iterate(books, s, est)), expected)


def test_a_small_problem_is_solved_at_a_fixed_point():
    books, truth, s = problem(2)
    out = resonator.factorize(books, s, 100, truth=truth)
    assert np.array_equal(np.asarray(out.decoded), np.asarray(truth))
    assert bool(out.converged) and 1 <= int(out.found_at) <= int(out.iterations) < 100
    again = resonator.iterate(books, s, out.estimates)
    assert np.array_equal(np.asarray(again), np.asarray(out.estimates))  # a fixed point indeed


def test_resume_continues_the_same_run():
    books, truth, s = problem(3, m=24, d=256)
    whole = resonator.factorize(books, s, 60, truth=truth)
    first = resonator.factorize(books, s, 5, truth=truth)
    rest = resonator.factorize(books, s, 60, truth=truth, resume=first)
    for a, b in zip(whole, rest):
        assert np.array_equal(np.asarray(a), np.asarray(b))


def test_works_under_jit_and_vmap_with_a_stop_per_problem():
    books, _, _ = problem(4, m=16, d=512)
    truths = jnp.array([[0, 1, 2], [3, 4, 5], [6, 7, 8]], dtype=jnp.int32)
    run = jax.jit(jax.vmap(lambda t: resonator.factorize(books, resonator.composite(books, t), 50, truth=t)))
    out = run(truths)
    assert np.array_equal(np.asarray(out.decoded), np.asarray(truths))
    for t, it in zip(truths, np.asarray(out.iterations)):
        alone = resonator.factorize(books, resonator.composite(books, t), 50)
        assert int(alone.iterations) == int(it)


def test_without_truth_found_at_stays_zero():
    books, _, s = problem(5)
    assert int(resonator.factorize(books, s, 20).found_at) == 0


BOOKS, TRUTH, S = problem(6)
BAD = [
    (lambda: resonator.factorize(BOOKS[0], S, 10), ValueError, "shape (F, M, D)"),
    (lambda: resonator.factorize(BOOKS[:1], S, 10), ValueError, "at least 2 codebooks"),
    (lambda: resonator.factorize(BOOKS * 2, S, 10), ValueError, "only -1 and +1"),
    (lambda: resonator.factorize(BOOKS, S[:100], 10), ValueError, "same dimension D"),
    (lambda: resonator.factorize(BOOKS, S, 0), ValueError, "max_iterations"),
    (lambda: resonator.factorize(BOOKS, S, 1.5), TypeError, "max_iterations"),
    (lambda: resonator.factorize(BOOKS, S, 10, truth=jnp.array([0, 1])), ValueError, "one index per codebook"),
    (lambda: resonator.factorize(BOOKS, S, 10, truth=jnp.array([0, 1, 99])), ValueError, "truth must lie in 0..7"),
    (lambda: resonator.factorize(BOOKS, S, 10, resume=(1, 2)), TypeError, "Outcome of an earlier"),
    (lambda: resonator.composite(BOOKS, jnp.array([0, 1])), ValueError, "one index per codebook"),
    (lambda: resonator.iterate(BOOKS, S, jnp.ones((2, 512))), ValueError, "one estimate per codebook"),
    (lambda: wilson_interval(5, 0), ValueError, "trials"),
    (lambda: wilson_interval(11, 10), ValueError, "successes"),
    (lambda: wilson_interval(1.5, 10), TypeError, "successes"),
]


@pytest.mark.parametrize("call, error, fragment", BAD, ids=[b[2] for b in BAD])
def test_bad_input_is_refused_with_a_clear_message(call, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        call()


def test_wilson_interval():
    low, high = wilson_interval(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-4) and high == pytest.approx(0.5962, abs=1e-4)
    assert wilson_interval(0, 10)[0] == 0.0 and wilson_interval(10, 10)[1] == 1.0
    low, high = wilson_interval(np.int64(198), np.int64(200))
    assert low < 0.99 < high
