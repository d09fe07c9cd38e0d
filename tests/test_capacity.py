"""The capacity theory of tutorial_support.capacity: exact values, agreement with simulation, input errors."""

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import binary, capacity, fhrr


@pytest.mark.parametrize("n, expected", [(1, 1.0), (2, 0.5), (3, 0.5), (4, 0.375), (5, 0.375),
                                         (6, 0.3125), (7, 0.3125)])
def test_majority_similarity_exact_values(n, expected):
    assert capacity.majority_similarity(n) == pytest.approx(expected, abs=1e-12)


def test_majority_similarity_tends_to_sqrt_2_over_pi_n():
    n = 10_001
    assert capacity.majority_similarity(n) == pytest.approx(math.sqrt(2 / (math.pi * n)), rel=1e-3)


@pytest.mark.parametrize("n", [3, 4, 9, 20])
def test_majority_similarity_matches_simulation(n):
    dimension, trials = 4096, 200
    members = binary.random_hypervectors(jax.random.key(n), trials * n, dimension).reshape(trials, n, dimension)
    keys = jax.random.split(jax.random.key(100 + n), trials)
    bundles = jax.vmap(lambda m, k: binary.bundle(m, key=k))(members, keys)
    measured = float(jnp.mean(binary.cosine_similarity(bundles[:, None, :], members)))
    assert measured == pytest.approx(capacity.majority_similarity(n), abs=0.01)


def test_fhrr_bundle_similarity_is_one_for_a_single_symbol_and_tends_to_sqrt_pi_over_4n():
    assert capacity.fhrr_bundle_similarity(1) == 1.0
    n = 10_000
    assert capacity.fhrr_bundle_similarity(n) == pytest.approx(math.sqrt(math.pi / (4 * n)), rel=1e-3)


@pytest.mark.parametrize("n", [10, 50])
def test_fhrr_bundle_similarity_matches_simulation(n):
    dimension, trials = 2048, 100
    symbols = fhrr.random_symbols(jax.random.key(n), trials * n, dimension).reshape(trials, n, dimension)
    bundles = fhrr.bundle(symbols, axis=1)
    measured = float(jnp.mean(fhrr.similarity(bundles[:, None, :], symbols)))
    assert measured == pytest.approx(capacity.fhrr_bundle_similarity(n), rel=0.03)


def test_retrieval_probability_limits_and_monotonicity():
    assert capacity.retrieval_probability(0.3, 0.03, 0.03, 0) == pytest.approx(1.0, abs=1e-9)
    # a noiseless member at 4 sigma beats one distractor with probability Phi(4)
    assert capacity.retrieval_probability(0.12, 0.0, 0.03, 1) == pytest.approx(0.99996833, abs=1e-6)
    # with no signal, the member is one of K + 1 exchangeable candidates
    assert capacity.retrieval_probability(0.0, 0.03, 0.03, 9) == pytest.approx(0.1, abs=1e-4)
    values = [capacity.retrieval_probability(mu, 0.03, 0.03, 999) for mu in (0.05, 0.1, 0.15, 0.2)]
    assert values == sorted(values) and values[-1] > 0.99 and values[0] < 0.2


def test_retrieval_probability_matches_simulation():
    rng = np.random.default_rng(0)
    mu, sigma, k, trials = 0.1, 0.03, 99, 20_000
    member = mu + sigma * rng.standard_normal(trials)
    best_other = (sigma * rng.standard_normal((trials, k))).max(axis=1)
    measured = float(np.mean(member > best_other))
    assert measured == pytest.approx(capacity.retrieval_probability(mu, sigma, sigma, k), abs=0.01)


def test_capacity_at_interpolates_where_the_curve_crosses():
    assert capacity.capacity_at(0.9, [10, 20, 30], [1.0, 0.95, 0.85]) == pytest.approx(25.0)
    assert capacity.capacity_at(0.9, [10, 20], [1.0, 0.99]) == 20.0  # never below: the last size
    assert capacity.capacity_at(0.9, [10, 20], [0.5, 0.4]) == 10.0   # below at once: the first


# Bad inputs: see the capacity table in tests/test_bad_input.py.
