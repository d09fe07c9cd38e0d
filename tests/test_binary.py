"""Bipolar hypervectors: level codes, bind, bundle, the encoder, and input errors."""

import math

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
    bundled = binary.bundle(hvs[:n], key=jax.random.key(n))
    assert bundled.dtype == jnp.int8 and set(np.unique(np.asarray(bundled))) <= {-1, 1}
    member = np.asarray(binary.cosine_similarity(hvs[:n], bundled))
    outsider = np.asarray(binary.cosine_similarity(hvs[n:], bundled))
    assert member.min() > 0.15
    assert np.abs(outsider).max() < 5 / np.sqrt(D)


def test_bundle_ties_come_from_the_key(hvs):
    a = hvs[0]
    tied = binary.bundle([a, -a], key=jax.random.key(1))  # every component ties
    assert tied.dtype == jnp.int8 and set(np.unique(np.asarray(tied))) == {-1, 1}
    assert abs(float(jnp.mean(tied.astype(jnp.float32)))) < 5 / np.sqrt(D)  # balanced
    # The same key gives the same tie vector (deterministic); another key an unrelated one.
    np.testing.assert_array_equal(binary.bundle([hvs[1], -hvs[1]], key=jax.random.key(1)), tied)
    other = binary.bundle([a, -a], key=jax.random.key(2))
    assert abs(float(binary.cosine_similarity(tied, other))) < 5 / np.sqrt(D)
    # A batch bundled with one key gets an independent tie vector per bundle.
    batch = binary.bundle(jnp.stack([hvs[:2], -hvs[:2]]), key=jax.random.key(3))  # (2, D), all tied
    assert abs(float(binary.cosine_similarity(batch[0], batch[1]))) < 5 / np.sqrt(D)
    # An odd number of members never ties, so the key is not needed and not used.
    np.testing.assert_array_equal(binary.bundle(hvs[:3]), binary.bundle(hvs[:3], key=jax.random.key(4)))


def test_independent_bundles_of_two_are_uncorrelated():
    """2000 two-member bundles of independent random hypervectors (D = 1000), each
    with its own key: the mean cosine between bundles of different pairs is
    |mean| < 0.01. Its standard error is about sqrt(2) / (2000 sqrt(1000)) = 2e-5
    (measured +0.00000, -0.00002, +0.00001 for three seeds), so 0.01 is a wide
    margin. The former fixed tie pattern (+1, -1, +1, ...) gave about 0.25:
    half of the components of a two-member bundle tie, and two bundles that
    both tie in a component agreed there (1/4 of the components); asserted below.
    """
    n, dimension = 2000, 1000
    key_members, key_ties = jax.random.split(jax.random.PRNGKey(7))
    members = binary.random_hypervectors(key_members, 2 * n, dimension).reshape(n, 2, dimension)
    split_keys = jax.random.split(key_ties, n)
    bundles = jax.vmap(lambda pair, key: binary.bundle(pair, key=key))(members, split_keys)
    np.testing.assert_array_equal(bundles[5], binary.bundle(members[5], key=split_keys[5]))

    def mean_cosine_between_different_pairs(b):
        sims = np.asarray(binary.similarity_matrix(b, b))
        return sims[~np.eye(n, dtype=bool)].mean()

    assert abs(mean_cosine_between_different_pairs(bundles)) < 0.01
    # The same, batch form: one key, one independent tie vector per bundle.
    batch = binary.bundle(members, axis=1, key=key_ties)
    assert abs(mean_cosine_between_different_pairs(batch)) < 0.01
    # The old rule, one fixed alternating tie pattern for every bundle, fails the test.
    alternating = jnp.where(jnp.arange(dimension) % 2 == 0, 1, -1).astype(jnp.int8)
    fixed = binary.sign_with_ties(jnp.sum(members.astype(jnp.int32), axis=1), alternating)
    assert 0.22 < mean_cosine_between_different_pairs(fixed) < 0.28


def test_sign_with_ties():
    totals = jnp.array([[3, 0, -2, 0], [0, 0, 1, -1]])
    ties = jnp.array([1, -1, 1, -1], dtype=jnp.int8)  # broadcast over the rows
    out = binary.sign_with_ties(totals, ties)
    assert out.dtype == jnp.int8
    np.testing.assert_array_equal(out, [[1, -1, -1, -1], [1, -1, 1, -1]])
    with pytest.raises(ValueError, match="ties must hold only"):
        binary.sign_with_ties(totals, jnp.array([1, 0, 1, -1]))
    with pytest.raises(ValueError, match="ties must broadcast"):
        binary.sign_with_ties(totals, jnp.ones(3, dtype=jnp.int8))
    with pytest.raises(ValueError, match="totals must be finite; 1 of 2"):
        binary.sign_with_ties(jnp.array([1.0, jnp.nan]), jnp.ones(2, dtype=jnp.int8))


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
    ties = binary.random_hypervectors(jax.random.PRNGKey(4), 1, 2000)[0]
    return levels, keys, values, ties


def test_encoder_matches_the_definition(encoding_setup):
    levels, keys, values, ties = encoding_setup
    codebook = levels.hypervectors()
    q = np.asarray(binary.quantize(values, 100))
    totals = jnp.sum(jnp.stack([codebook[q[:, f]] * keys[f] for f in range(16)]).astype(jnp.int32), axis=0)
    by_definition = binary.sign_with_ties(totals, ties)
    assert np.mean(np.asarray(totals) == 0) > 0.1  # F = 16 is even: many ties to get right
    np.testing.assert_array_equal(binary.encode(codebook, keys, values, ties=ties), by_definition)
    np.testing.assert_array_equal(binary.encode_levels(levels, keys, values, ties=ties), by_definition)


def test_encoder_is_deterministic_and_keeps_nearby_inputs_similar(encoding_setup):
    levels, keys, values, ties = encoding_setup
    first = binary.encode_levels(levels, keys, values, ties=ties)
    np.testing.assert_array_equal(first, binary.encode_levels(levels, keys, values.copy(), ties=ties))
    nudged = binary.encode_levels(levels, keys, np.clip(values + 0.02, -1, 1), ties=ties)
    others = binary.encode_levels(levels, keys, values[::-1].copy(), ties=ties)
    # Level codes keep the geometry: a small change of the input changes little of the code.
    assert np.mean(binary.cosine_similarity(first, nudged)) > 0.8
    assert (np.mean(binary.cosine_similarity(first, nudged))
            > np.mean(binary.cosine_similarity(first, others)) + 0.2)


def test_encoder_ties_add_only_p_tie_squared_to_unrelated_codes():
    """Unrelated encodings share the tie vector only where both tie.

    With F = 64 features and a codebook of 4096 independent random hypervectors
    (so unrelated inputs share almost no terms), a component ties with
    P(tie) = C(64, 32) / 2^64 = 0.0993 (≈ sqrt(2 / (64 π)) = 0.0997), and the
    mean cosine between the codes of 200 random inputs is about P(tie)² = 0.0099
    (measured 0.0099, 0.0100, 0.0101 for three seeds, standard error about
    1e-4). Asserted: within 0.002 of P(tie)², hence below 0.012. With F = 63
    nothing can tie, and the mean cosine is below 0.002 in absolute value.
    """
    dimension, n = 10000, 200
    key_codebook, key_keys, key_ties = jax.random.split(jax.random.PRNGKey(11), 3)
    codebook = binary.random_hypervectors(key_codebook, 4096, dimension)
    keys = binary.random_hypervectors(key_keys, 64, dimension)
    ties = binary.random_hypervectors(key_ties, 1, dimension)[0]
    values = np.random.default_rng(0).uniform(-1, 1, (n, 64)).astype(np.float32)
    p_tie = math.comb(64, 32) / 2 ** 64
    assert p_tie == pytest.approx(math.sqrt(2 / (math.pi * 64)), rel=0.01)
    for features, expected in ((64, p_tie ** 2), (63, 0.0)):
        codes = binary.encode(codebook, keys[:features], values[:, :features], ties=ties)
        sims = np.asarray(binary.similarity_matrix(codes, codes))
        assert abs(sims[~np.eye(n, dtype=bool)].mean() - expected) < 0.002


def test_quantize_maps_the_range_onto_equal_bins():
    q = binary.quantize(jnp.array([-5.0, -1.0, -0.995, -0.975, 0.0, 0.995, 1.0, 5.0]), 100)
    np.testing.assert_array_equal(q, [0, 0, 0, 1, 50, 99, 99, 99])


def test_quantize_agrees_with_numpy_digitize():
    """The source tutorial bins with np.digitize over 101 equal edges; quantize must agree.

    Values within float32 precision (1e-6) of an edge may land on either side; they are left out.
    """
    values = np.random.default_rng(1).uniform(-1, 1, 10_000).astype(np.float32)
    edges = np.linspace(-1, 1, 101)
    values = values[np.abs(values[:, None] - edges[None, :]).min(axis=1) > 1e-6]
    assert len(values) > 9_900
    expected = np.clip(np.digitize(values, np.linspace(-1, 1, 101)) - 1, 0, 99)
    np.testing.assert_array_equal(binary.quantize(jnp.asarray(values), 100), expected)


def test_input_errors_are_clear(hvs, encoding_setup):
    levels, keys, values, ties = encoding_setup
    with pytest.raises(ValueError, match=r"same dimension D.*\(50, 10000\).*\(2, 2000\)"):
        binary.bind(hvs, keys[:2])
    with pytest.raises(ValueError, match="one per key"):
        binary.encode_levels(levels, keys, values[:, :5], ties=ties)
    with pytest.raises(ValueError, match="dimension D = 2000"):
        binary.encode_levels(levels, hvs[:16], values, ties=ties)
    with pytest.raises(ValueError, match=r"ties must be one hypervector of shape \(2000,\)"):
        binary.encode_levels(levels, keys, values, ties=ties[:10])
    with pytest.raises(TypeError, match="levels must be a Levels"):
        binary.encode_levels(levels.hypervectors(), keys, values, ties=ties)
    with pytest.raises(TypeError, match="floating-point numbers"):
        binary.quantize(jnp.array([1, 2, 3]), 10)
    with pytest.raises(TypeError, match="-1 and \\+1 values.*dtype <U1"):
        binary.bind(np.array(["a"]), np.array(["b"]))
    with pytest.raises(ValueError, match="empty list"):
        binary.bundle([])
    with pytest.raises(ValueError, match="must be an integer >= 1"):
        binary.random_hypervectors(jax.random.PRNGKey(0), 0, D)
    with pytest.raises(ValueError, match=r"count \(number of levels\) must be an integer >= 2"):
        binary.make_levels(jax.random.PRNGKey(0), 1, D)


def test_empty_bundles_are_refused(hvs):
    with pytest.raises(ValueError, match="at least one hypervector; got an empty list"):
        binary.bundle([], key=jax.random.key(0))
    with pytest.raises(ValueError, match=r"at least one hypervector; axis 0 of shape \(0, 10000\) is empty"):
        binary.bundle(hvs[:0], key=jax.random.key(0))
    with pytest.raises(ValueError, match=r"axis 1 of shape \(3, 0, 10000\) is empty"):
        binary.bundle(jnp.zeros((3, 0, D), dtype=jnp.int8), axis=1, key=jax.random.key(0))


def test_even_bundle_needs_a_key(hvs):
    for even in ([hvs[0], hvs[1]], hvs[:4]):
        with pytest.raises(ValueError, match=r"even number of hypervectors \(\d\) can tie.*key="):
            binary.bundle(even)
    with pytest.raises(TypeError, match="one JAX PRNG key"):
        binary.bundle(hvs[:4], key=jax.random.split(jax.random.key(0), 4))
    with pytest.raises(TypeError, match="one JAX PRNG key"):
        binary.bundle(hvs[:4], key=0)


def test_entries_that_are_not_plus_or_minus_one_are_refused(hvs):
    bad = hvs[:3].at[0, :2].set(0).at[1, 5].set(-2)  # 3 bad entries, the first a 0
    message = r"must hold only -1 and \+1; 3 of 30000 entries are not \(for example 0\).*jnp.where\(x > 0, 1, -1\)"
    for call in (lambda: binary.bind(bad, hvs[:3]), lambda: binary.bind(hvs[:3], bad),
                 lambda: binary.bundle(bad), lambda: binary.permute(bad),
                 lambda: binary.cosine_similarity(bad, hvs[:3]),
                 lambda: binary.hamming_similarity(hvs[:3], bad),
                 lambda: binary.similarity_matrix(bad, hvs[:3]),
                 lambda: binary.similarity_matrix(hvs[:3], bad)):
        with pytest.raises(ValueError, match=message):
            call()
    with pytest.raises(ValueError, match=r"hypervectors\[1\] must hold only"):
        binary.bundle([hvs[0], bad[0], hvs[2]])
    # Real-valued (e.g. un-thresholded) bundles are refused too, with the same advice.
    unthresholded = jnp.sum(hvs[:3], axis=0, dtype=jnp.float32)[None]  # entries ±1 and ±3
    with pytest.raises(ValueError, match=r"b must hold only.*entries are not \(for example -?3.0\)"):
        binary.similarity_matrix(hvs[:3], unthresholded)
    with pytest.raises(ValueError, match=r"must be finite; 1 of"):
        binary.bind(hvs[0].astype(jnp.float32).at[3].set(jnp.nan), hvs[0])
    levels = binary.make_levels(jax.random.PRNGKey(0), 10, D)
    values = np.zeros((2, 4), np.float32)
    with pytest.raises(ValueError, match="keys must hold only"):
        binary.encode_levels(levels, hvs[:4].at[1, 7].set(0), values, ties=hvs[0])
    with pytest.raises(ValueError, match="ties must hold only"):
        binary.encode_levels(levels, hvs[:4], values, ties=bad[0])
    with pytest.raises(ValueError, match="codebook must hold only"):
        binary.encode(bad, hvs[:4], values, ties=hvs[0])


def test_nan_and_infinite_values_are_refused(encoding_setup):
    levels, keys, values, ties = encoding_setup
    with pytest.raises(ValueError, match="values must not be NaN; 1 of 3"):
        binary.quantize(jnp.array([0.0, jnp.nan, 1.0]), 10)
    np.testing.assert_array_equal(binary.quantize(jnp.array([-jnp.inf, jnp.inf]), 10), [0, 9])
    for bad_value in (np.nan, np.inf, -np.inf):
        bad = values.copy()
        bad[3, 4] = bad_value
        with pytest.raises(ValueError, match="values must be finite; 1 of 640 entries are NaN or infinite"):
            binary.encode_levels(levels, keys, bad, ties=ties)
        with pytest.raises(ValueError, match="values must be finite"):
            binary.encode(levels.hypervectors(), keys, bad, ties=ties)


def test_functions_work_under_jit_and_check_shapes(hvs):
    """Under jit the values are tracers: only dtype and shape are checked (shapes are static)."""
    a, b, other = hvs[:3], hvs[3:6], hvs[:3, :100]
    key = jax.random.key(0)
    pairs = [
        (binary.bind, (a, b), (a, other)),
        (binary.cosine_similarity, (a, b), (a, other)),
        (binary.hamming_similarity, (a, b), (a, other)),
        (binary.similarity_matrix, (a, b), (a, other)),
    ]
    for function, valid, wrong in pairs:
        np.testing.assert_array_equal(jax.jit(function)(*valid), function(*valid))
        with pytest.raises(ValueError, match="same dimension D"):
            jax.jit(function)(*wrong)
    np.testing.assert_array_equal(jax.jit(binary.permute, static_argnums=1)(a, 2), binary.permute(a, 2))
    bundle = jax.jit(lambda x, k: binary.bundle(x, key=k))
    np.testing.assert_array_equal(bundle(hvs[:4], key), binary.bundle(hvs[:4], key=key))
    with pytest.raises(ValueError, match="same shape"):
        jax.jit(lambda x, y, k: binary.bundle([x, y], key=k))(a, other, key)
    with pytest.raises(ValueError, match="is empty"):
        bundle(hvs[:0], key)
    totals, ties = jnp.array([2, 0, -1, 0]), jnp.ones(4, dtype=jnp.int8)
    np.testing.assert_array_equal(jax.jit(binary.sign_with_ties)(totals, ties), [1, 1, -1, 1])
    with pytest.raises(ValueError, match="ties must broadcast"):
        jax.jit(binary.sign_with_ties)(totals, ties[:3])
    # Values cannot be checked while tracing: a 0 entry passes silently under jit.
    assert int(jax.jit(binary.bind)(a.at[0, 0].set(0), b)[0, 0]) == 0
