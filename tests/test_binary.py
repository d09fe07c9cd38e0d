"""Bipolar hypervectors: level codes, bind, bundle, the encoder, and input errors."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import binary

D = 10000


@pytest.fixture
def hvs():
    return binary.random_hypervectors(jax.random.PRNGKey(0), 50, D)


def test_random_hypervectors_are_bipolar_and_nearly_orthogonal(hvs):
    assert hvs.shape == (50, D) and hvs.dtype == jnp.int8
    assert set(np.unique(np.asarray(hvs))) == {-1, 1}
    sims = np.asarray(binary.similarity_matrix(hvs, hvs))
    off_diagonal = sims[~np.eye(50, dtype=bool)]
    assert np.abs(off_diagonal).max() < 5 / np.sqrt(D)
    np.testing.assert_allclose(np.diag(sims), 1.0)


def test_level_hypervectors_are_more_similar_the_closer_their_levels():
    levels = binary.level_hypervectors(jax.random.PRNGKey(1), 100, D)
    sims = np.asarray(binary.cosine_similarity(levels[0], levels))
    assert np.all(np.diff(sims) < 0), "similarity to level 0 must fall with every level"
    np.testing.assert_allclose(sims, 1 - 2 * np.arange(100) * (D // 198) / D, atol=1e-6)
    assert abs(sims[-1]) < 0.02  # the two ends are nearly orthogonal
    # The same holds from any level: |i - j| alone sets the similarity.
    np.testing.assert_allclose(binary.cosine_similarity(levels[40], levels[60]),
                               binary.cosine_similarity(levels[0], levels[20]), atol=1e-6)


def test_bind_is_its_own_inverse(hvs):
    a, b = hvs[:25], hvs[25:]
    np.testing.assert_array_equal(binary.bind(binary.bind(a, b), b), a)
    assert np.abs(np.asarray(binary.cosine_similarity(binary.bind(a, b), a))).max() < 5 / np.sqrt(D)


@pytest.mark.parametrize("n", [2, 3, 5, 9, 20])
def test_bundle_is_similar_to_its_members_only(hvs, n):
    bundled = binary.bundle(hvs[:n])
    assert bundled.dtype == jnp.int8 and set(np.unique(np.asarray(bundled))) <= {-1, 1}
    member = np.asarray(binary.cosine_similarity(hvs[:n], bundled))
    outsider = np.asarray(binary.cosine_similarity(hvs[n:], bundled))
    assert member.min() > 0.15
    assert np.abs(outsider).max() < 5 / np.sqrt(D)


def test_bundle_ties_are_deterministic_and_unbiased(hvs):
    a = hvs[0]
    tied = binary.bundle([a, -a])  # every component ties
    np.testing.assert_array_equal(tied, np.where(np.arange(D) % 2 == 0, 1, -1))
    np.testing.assert_array_equal(binary.bundle([a, -a]), tied)


def test_permute_is_invertible_and_decorrelates(hvs):
    np.testing.assert_array_equal(binary.permute(binary.permute(hvs, 3), -3), hvs)
    assert np.abs(np.asarray(binary.cosine_similarity(binary.permute(hvs, 1), hvs))).max() < 5 / np.sqrt(D)


def test_hamming_and_cosine_agree(hvs):
    np.testing.assert_allclose(binary.hamming_similarity(hvs[:10], hvs[10:20]),
                               (1 + binary.cosine_similarity(hvs[:10], hvs[10:20])) / 2, atol=1e-6)


@pytest.fixture
def encoding_setup():
    levels = binary.make_levels(jax.random.PRNGKey(2), 100, 2000)
    keys = binary.random_hypervectors(jax.random.PRNGKey(3), 16, 2000)
    values = np.tanh(np.random.default_rng(0).normal(size=(40, 16))).astype(np.float32)
    return levels, keys, values


def test_encoder_matches_the_definition(encoding_setup):
    levels, keys, values = encoding_setup
    codebook = levels.hypervectors()
    q = np.asarray(binary.quantize(values, 100))
    by_definition = binary.bundle(jnp.stack([codebook[q[:, f]] * keys[f] for f in range(16)]))
    np.testing.assert_array_equal(binary.encode(codebook, keys, values), by_definition)
    np.testing.assert_array_equal(binary.encode_levels(levels, keys, values), by_definition)


def test_encoder_is_deterministic_and_keeps_nearby_inputs_similar(encoding_setup):
    levels, keys, values = encoding_setup
    first = binary.encode_levels(levels, keys, values)
    np.testing.assert_array_equal(first, binary.encode_levels(levels, keys, values.copy()))
    nudged = binary.encode_levels(levels, keys, np.clip(values + 0.02, -1, 1))
    others = binary.encode_levels(levels, keys, values[::-1].copy())
    # Level codes keep the geometry: a small change of the input changes little of the code.
    assert np.mean(binary.cosine_similarity(first, nudged)) > 0.8
    assert (np.mean(binary.cosine_similarity(first, nudged))
            > np.mean(binary.cosine_similarity(first, others)) + 0.2)


def test_quantize_maps_the_range_onto_the_levels():
    q = binary.quantize(jnp.array([-5.0, -1.0, 0.0, 1.0, 5.0]), 101)
    np.testing.assert_array_equal(q, [0, 0, 50, 100, 100])


def test_input_errors_are_clear(hvs, encoding_setup):
    levels, keys, values = encoding_setup
    with pytest.raises(ValueError, match=r"same dimension D.*\(50, 10000\).*\(2, 2000\)"):
        binary.bind(hvs, keys[:2])
    with pytest.raises(ValueError, match="one per key"):
        binary.encode_levels(levels, keys, values[:, :5])
    with pytest.raises(ValueError, match="dimension D = 2000"):
        binary.encode_levels(levels, hvs[:16], values)
    with pytest.raises(TypeError, match="floating point"):
        binary.quantize(jnp.array([1, 2, 3]), 10)
    with pytest.raises(TypeError, match="numeric array"):
        binary.bind(np.array(["a"]), np.array(["b"]))
    with pytest.raises(ValueError, match="empty list"):
        binary.bundle([])
    with pytest.raises(ValueError, match="positive integer"):
        binary.random_hypervectors(jax.random.PRNGKey(0), 0, D)
    with pytest.raises(ValueError, match="count >= 2"):
        binary.make_levels(jax.random.PRNGKey(0), 1, D)
