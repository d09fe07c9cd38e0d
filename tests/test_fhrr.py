"""FHRR algebra: the properties notebook 01 relies on, and clear input errors."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import fhrr

D = 1024


@pytest.fixture
def symbols():
    return fhrr.random_symbols(jax.random.PRNGKey(0), 200, D)


def test_random_symbols_shape_dtype_range(symbols):
    assert symbols.shape == (200, D)
    assert symbols.dtype == jnp.float32
    assert float(symbols.min()) >= -1.0 and float(symbols.max()) < 1.0


def test_self_similarity_is_one(symbols):
    np.testing.assert_allclose(fhrr.similarity(symbols, symbols), 1.0, atol=1e-5)


@pytest.mark.parametrize("dimension", [256, 1024, 4096])
def test_random_symbols_are_nearly_orthogonal(dimension):
    a = fhrr.random_symbols(jax.random.PRNGKey(1), 500, dimension)
    b = fhrr.random_symbols(jax.random.PRNGKey(2), 500, dimension)
    sims = np.asarray(fhrr.similarity(a, b))
    # Each similarity is a mean of D independent cos(uniform) terms, variance 1/(2D).
    assert abs(sims.mean()) < 4 / np.sqrt(2 * dimension * len(sims))
    assert np.abs(sims).max() < 5 / np.sqrt(2 * dimension)
    assert sims.std() == pytest.approx(1 / np.sqrt(2 * dimension), rel=0.15)


def test_similarity_matrix_matches_pairwise(symbols):
    a, b = symbols[:7], symbols[7:12]
    expected = fhrr.similarity(a[:, None, :], b[None, :, :])
    np.testing.assert_allclose(fhrr.similarity_matrix(a, b), expected, atol=1e-5)
    assert fhrr.similarity_matrix(a, b).shape == (7, 5)


def test_unbind_inverts_bind(symbols):
    a, b = symbols[:100], symbols[100:]
    recovered = fhrr.unbind(fhrr.bind(a, b), b)
    np.testing.assert_allclose(fhrr.similarity(recovered, a), 1.0, atol=1e-5)


def test_bound_symbol_is_dissimilar_to_its_parts(symbols):
    a, b = symbols[:100], symbols[100:]
    bound = fhrr.bind(a, b)
    assert np.abs(fhrr.similarity(bound, a)).max() < 5 / np.sqrt(2 * D)
    assert np.abs(fhrr.similarity(bound, b)).max() < 5 / np.sqrt(2 * D)


def test_identity_leaves_symbols_unchanged(symbols):
    np.testing.assert_allclose(fhrr.bind(symbols, fhrr.identity(D)), symbols, atol=1e-6)


def test_bind_and_bundle_stay_in_range(symbols):
    for result in (fhrr.bind(symbols, symbols), fhrr.bundle(symbols)):
        assert float(result.min()) >= -1.0 and float(result.max()) < 1.0


@pytest.mark.parametrize("n", [2, 3, 5, 10])
def test_bundle_is_similar_to_each_member_only(symbols, n):
    members, outsiders = symbols[:n], symbols[100:150]
    bundled = fhrr.bundle(members)
    member_sims = np.asarray(fhrr.similarity(members, bundled))
    outsider_sims = np.asarray(fhrr.similarity(outsiders, bundled))
    # Expected member similarity for n random phasors is about sqrt(pi/(4n)).
    assert member_sims.min() > 0.5 * np.sqrt(np.pi / (4 * n))
    assert np.abs(outsider_sims).max() < 5 / np.sqrt(2 * D)


def test_bundle_of_list_equals_bundle_of_stack(symbols):
    as_list = fhrr.bundle([symbols[0], symbols[1], symbols[2]])
    np.testing.assert_allclose(as_list, fhrr.bundle(symbols[:3]), atol=1e-6)
    np.testing.assert_allclose(fhrr.bundle(symbols[:3].T, axis=1), as_list, atol=1e-6)


def test_functions_work_under_jit(symbols):
    a, b = symbols[:3], symbols[3:6]
    np.testing.assert_allclose(jax.jit(fhrr.bind)(a, b), fhrr.bind(a, b), atol=1e-6)
    np.testing.assert_allclose(jax.jit(fhrr.similarity_matrix)(a, b),
                               fhrr.similarity_matrix(a, b), atol=1e-6)


def test_mismatched_dimensions_are_refused(symbols):
    other = fhrr.random_symbols(jax.random.PRNGKey(3), 2, 512)
    with pytest.raises(ValueError, match=r"same dimension D.*\(2, 1024\).*\(2, 512\)"):
        fhrr.similarity(symbols[:2], other)
    for function in (fhrr.bind, fhrr.unbind, fhrr.similarity_matrix):
        with pytest.raises(ValueError, match="same dimension D"):
            function(symbols[:2], other)


def test_integer_input_is_refused():
    with pytest.raises(TypeError, match="floating-point phase angles.*int"):
        fhrr.similarity(jnp.ones((2, 8), dtype=jnp.int32), jnp.ones((2, 8)))


def test_wrong_ranks_are_refused(symbols):
    with pytest.raises(ValueError, match=r"2-D arrays.*\(1024,\)"):
        fhrr.similarity_matrix(symbols[0], symbols[:3])
    with pytest.raises(ValueError, match="at least 1 dimension"):
        fhrr.similarity(jnp.float32(0.5), symbols[0])
    with pytest.raises(ValueError, match="same shape"):
        fhrr.bundle([symbols[0], symbols[:2]])
    with pytest.raises(ValueError, match="empty list"):
        fhrr.bundle([])
    with pytest.raises(ValueError, match="positive integers"):
        fhrr.random_symbols(jax.random.PRNGKey(0), 0, D)
