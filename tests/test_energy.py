"""Lagrangians, Legendre transforms and energy descent of tutorial_support.energy."""

from functools import partial
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import energy

X = jax.random.normal(jax.random.PRNGKey(0), (12,)) * 3.0


@pytest.mark.parametrize("lagrangian, expected", [
    (energy.quadratic_lagrangian, lambda x: x),
    (partial(energy.sigmoid_lagrangian, beta=0.5), lambda x: jax.nn.sigmoid(0.5 * x)),
    (partial(energy.tanh_lagrangian, beta=2.0), lambda x: jnp.tanh(2.0 * x)),
    (partial(energy.lse_lagrangian, beta=1.5), lambda x: jax.nn.softmax(1.5 * x)),
])
def test_activation_is_the_gradient_of_the_lagrangian(lagrangian, expected):
    np.testing.assert_allclose(energy.activation(lagrangian)(X), expected(X), atol=1e-6)


def test_sigmoid_lagrangian_is_finite_for_huge_states():
    x = jnp.array([-1e4, -50.0, 0.0, 50.0, 1e4])
    value = energy.sigmoid_lagrangian(x)
    gradient = energy.activation(energy.sigmoid_lagrangian)(x)
    assert np.isfinite(value) and np.all(np.isfinite(gradient))
    np.testing.assert_allclose(gradient, [0.0, 0.0, 0.5, 1.0, 1.0], atol=1e-6)
    np.testing.assert_allclose(value, 1e4 + 50.0 + np.log(2.0), rtol=1e-6)


# Convex conjugates L*(g) in closed form; Fenchel–Young equality L(x) + L*(g) = xᵀg at g = ∇L(x).
CONJUGATES = [
    (energy.quadratic_lagrangian, lambda g: 0.5 * jnp.sum(g**2)),
    (partial(energy.sigmoid_lagrangian, beta=2.0),
     lambda g: jnp.sum(g * jnp.log(g) + (1 - g) * jnp.log1p(-g)) / 2.0),
    (partial(energy.lse_lagrangian, beta=2.0), lambda g: jnp.sum(g * jnp.log(g)) / 2.0),
]


@pytest.mark.parametrize("lagrangian, conjugate", CONJUGATES)
def test_neuron_energy_is_the_legendre_transform(lagrangian, conjugate):
    x = X / 3.0
    g = energy.activation(lagrangian)(x)
    np.testing.assert_allclose(lagrangian(x) + conjugate(g), jnp.sum(x * g), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(energy.neuron_energy(lagrangian, x), conjugate(g), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("lagrangian, _", CONJUGATES)
def test_neuron_energy_gradient_is_hessian_times_state(lagrangian, _):
    # dE/dx = H x with H = ∇²L: the neuron energy is stationary where x = 0 or H x = 0.
    hessian = jax.hessian(lagrangian)(X)
    np.testing.assert_allclose(jax.grad(partial(energy.neuron_energy, lagrangian))(X),
                               hessian @ X, rtol=1e-4, atol=1e-5)


def _network(memory_lagrangian, key=jax.random.PRNGKey(1), d=30, k=100):
    patterns = jnp.sign(jax.random.normal(key, (k, d)))
    return energy.Network(
        layers={"v": energy.Layer(partial(energy.tanh_lagrangian, beta=0.5), (d,)),
                "m": energy.Layer(memory_lagrangian, (k,))},
        synapses=(energy.Synapse(energy.dense_synapse(patterns / d), ("v", "m")),),
    )


@pytest.mark.parametrize("memory", [energy.quadratic_lagrangian,
                                    partial(energy.lse_lagrangian, beta=4.0)])
def test_energy_never_increases_for_small_steps(memory):
    net = _network(memory)
    states = {"v": jax.random.normal(jax.random.PRNGKey(2), (30,)),
              "m": jax.random.normal(jax.random.PRNGKey(3), (100,))}
    final, energies = energy.run(net, states, alpha=0.05, n_steps=300)
    assert np.all(np.diff(np.asarray(energies)) <= 1e-5)
    assert energies[-1] < energies[0]
    np.testing.assert_allclose(energies[0], energy.energy(net, states), rtol=1e-6)


def test_clamped_layer_does_not_move():
    net = _network(energy.quadratic_lagrangian)
    states = {"v": jnp.ones(30), "m": jnp.zeros(100)}
    moved = energy.step(net, states, 0.1, clamped=["v"])
    np.testing.assert_array_equal(moved["v"], states["v"])
    assert not np.allclose(moved["m"], states["m"])


def test_framework_is_under_200_lines():
    source = Path(energy.__file__).read_text().splitlines()
    assert len(source) < 200


def test_input_errors_are_clear():
    net = _network(energy.quadratic_lagrangian)
    good = {"v": jnp.zeros(30), "m": jnp.zeros(100)}
    with pytest.raises(TypeError, match="floating-point.*int32"):
        energy.quadratic_lagrangian(jnp.arange(3, dtype=jnp.int32))
    with pytest.raises(ValueError, match=r"rank ≥ 1.*\(\)"):
        energy.lse_lagrangian(jnp.float32(1.0))
    with pytest.raises(ValueError, match="positive number.*-1"):
        energy.sigmoid_lagrangian(X, beta=-1)
    with pytest.raises(TypeError, match="function of the state"):
        energy.activation(3.0)
    with pytest.raises(ValueError, match=r"floating-point matrix.*\(3,\)"):
        energy.dense_synapse(jnp.ones(3))
    with pytest.raises(ValueError, match=r"unknown layer.*'h'"):
        energy.Network(layers=net.layers, synapses=(energy.Synapse(lambda a: a.sum(), ("h",)),))
    with pytest.raises(ValueError, match=r"one entry per layer.*\['m', 'v'\].*\['v'\]"):
        energy.energy(net, {"v": good["v"]})
    with pytest.raises(ValueError, match=r"states\['m'\] must have shape \(100,\); got \(99,\)"):
        energy.energy(net, {"v": good["v"], "m": jnp.zeros(99)})
    with pytest.raises(ValueError, match="n_steps must be a positive integer"):
        energy.run(net, good, alpha=0.1, n_steps=0)
    with pytest.raises(ValueError, match="alpha .* positive number"):
        energy.run(net, good, alpha=0.0, n_steps=3)
    with pytest.raises(ValueError, match=r"clamped layers \['x'\]"):
        energy.step(net, good, 0.1, clamped=["x"])
