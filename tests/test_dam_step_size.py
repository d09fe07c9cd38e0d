"""Step sizes of dam.ConditionalMemory that provably lower the energy, tested on random memories.

The docstrings of `image_step` and `label_step` derive:
  * image step (label clamped): ∇²E = I − β Cov_p(θ) ⪯ I, so every 0 < α < 2 lowers E, and the
    bound is sharp: with one memory in charge the error is multiplied by 1 − α per step;
  * label step (image clamped): mirror descent on a concave-plus-conjugate energy, so α ≤ 1
    lowers E.
The runs are in float64 so that "never rises" can be tested up to 1e-12 of |E|.
"""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import dam

PIXELS, LABELS = 64, 4
MEMORY_LABELS = [0, 1, 2, 3, 0, 1]  # six memories; labels 0 and 1 have two memories each


def _images(seed: int) -> jax.Array:
    return jax.random.uniform(jax.random.PRNGKey(seed), (len(MEMORY_LABELS), PIXELS))


def _memory(seed, beta, strength) -> dam.ConditionalMemory:
    return dam.ConditionalMemory(_images(seed), np.eye(LABELS)[MEMORY_LABELS], beta=beta,
                                 label_strength=strength)


def _start(seed: int) -> jax.Array:
    return 2.0 * jax.random.uniform(jax.random.PRNGKey(100 + seed), (PIXELS,)) - 0.5


def _grid(*axes):
    """All combinations of the given values, as one flat float64 array per axis."""
    return [jnp.asarray(a.ravel()) for a in np.meshgrid(*axes, indexing="ij")]


def _largest_relative_rises(energies) -> np.ndarray:
    """Per run (row): largest rise between consecutive energies, as a fraction of the largest |E|."""
    energies = np.asarray(energies, dtype=np.float64)
    return np.diff(energies, axis=-1).max(axis=-1) / np.abs(energies).max(axis=-1)


def _image_energies(seed, betas, strengths, alphas, labels, n_steps):
    """Energies of memory.generate for every combination, in one vectorised, compiled run."""
    grid = _grid(np.asarray(betas, float), np.asarray(strengths, float), np.asarray(alphas, float),
                 np.asarray(labels, float))

    def run(beta, strength, alpha, label):
        return _memory(seed, beta, strength).generate(_start(seed), label.astype(int), alpha, n_steps)

    states, energies = jax.jit(jax.vmap(run))(*grid)
    return grid, states, energies


@pytest.mark.parametrize("seed", range(3))
def test_image_step_never_raises_the_energy_below_two(seed):
    with jax.enable_x64(True):
        grid, _, energies = _image_energies(seed, [0.01, 0.3, 1.0, 5.0], [0.5, 10.0, 300.0],
                                            [0.5, 1.0, 1.9], [0, 3], 150)
        assert energies.dtype == jnp.float64
        rises = _largest_relative_rises(energies)
        worst = int(rises.argmax())
        assert rises.max() <= 1e-12, f"energy rose at β, λ, α, label = {[float(a[worst]) for a in grid]}"


@pytest.mark.parametrize("seed", range(3))
def test_image_step_hessian_is_at_most_the_identity(seed):
    """The premise of the bound: the largest eigenvalue of ∇²E is ≤ 1 at random states."""
    with jax.enable_x64(True):
        label = jax.nn.one_hot(0, LABELS)
        states = 2.0 * jax.random.uniform(jax.random.PRNGKey(10 + seed), (5, PIXELS)) - 0.5

        def largest_eigenvalue(beta, x):
            hessian = jax.hessian(_memory(seed, beta, 10.0).energy)(x, label)
            return jnp.linalg.eigvalsh(hessian).max()

        betas = jnp.array([0.3, 1.0, 5.0])
        largest = jax.jit(jax.vmap(jax.vmap(largest_eigenvalue, (None, 0)), (0, None)))(betas, states)
        assert float(largest.max()) <= 1 + 1e-10


@pytest.mark.parametrize("seed", range(3))
def test_image_step_bound_is_sharp_when_one_memory_is_in_charge(seed):
    """λ large: x ← x + α(θ − x); above α = 2 the error grows by |1 − α| per step, E rises."""
    with jax.enable_x64(True):
        alphas = np.array([2.1, 2.5])
        _, states, energies = _image_energies(seed, [1.0], [1e4], alphas, [3], 10)
        errors = np.linalg.norm(np.asarray(states - _images(seed)[3]), axis=-1)
        ratios = errors[:, 1:] / errors[:, :-1]
        np.testing.assert_allclose(ratios, np.broadcast_to(np.abs(1 - alphas)[:, None], ratios.shape),
                                   rtol=1e-6)
        assert np.all(np.diff(np.asarray(energies), axis=-1) > 0)


def _label_energies(seed, alphas):
    grid = _grid(np.array([0.3, 1.0, 5.0]), np.array([1.0, 10.0, 100.0]), np.asarray(alphas, float))

    def run(beta, strength, alpha):
        return _memory(seed, beta, strength).classify(_start(seed), alpha, 100)[1]

    return jax.jit(jax.vmap(run))(*grid)


@pytest.mark.parametrize("seed", range(3))
def test_label_step_never_raises_the_energy_up_to_one(seed):
    with jax.enable_x64(True):
        assert _largest_relative_rises(_label_energies(seed, [0.3, 1.0])).max() <= 1e-12


@pytest.mark.parametrize("seed", range(3))
def test_label_step_can_raise_the_energy_well_above_one(seed):
    with jax.enable_x64(True):
        assert _largest_relative_rises(_label_energies(seed, [4.0])).min() > 1e-4


def test_memory_accepts_beta_and_strength_inside_vmap():
    images = np.random.default_rng(0).uniform(size=(3, 8)).astype(np.float32)

    def final_energy(beta, strength):
        memory = dam.ConditionalMemory(images, np.eye(3), beta=beta, label_strength=strength)
        return memory.generate(jnp.zeros(8), 1, 0.5, 5)[1][-1]

    energies = jax.vmap(final_energy)(jnp.array([0.5, 1.0]), jnp.array([10.0, 20.0]))
    for beta, strength, value in zip((0.5, 1.0), (10.0, 20.0), energies):
        np.testing.assert_allclose(value, final_energy(beta, strength), rtol=1e-6)


@pytest.mark.parametrize("beta, strength", [(0.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (True, 1.0),
                                            (np.ones(2), 1.0)])
def test_memory_rejects_bad_beta_or_strength(beta, strength):
    with pytest.raises((ValueError, TypeError), match="must be a (positive number|number >= 0)"):
        dam.ConditionalMemory(np.zeros((2, 4)), np.eye(2), beta=beta, label_strength=strength)
