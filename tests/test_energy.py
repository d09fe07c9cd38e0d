"""Lagrangians, Legendre transforms and energy descent of tutorial_support.energy."""

import ast
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


# Random two-layer networks like those of notebook 05: visible tanh neurons (curvature ℓ_v = β_v),
# memory neurons quadratic (ℓ_m = 1) or log-sum-exp (ℓ_m = β/2), one dense synapse and, optionally,
# a synapse +½ c |v̂|² that cancels the self-coupling (curvature c ℓ_v).
STEP_NETWORKS = [  # (D, K, β_v, memory β or None for quadratic, remove self-coupling)
    (30, 100, 5.0, None, False),
    (30, 100, 5.0, 4.0, False),
    (10, 40, 1.0, 8.0, False),
    (30, 64, 5.0, None, True),
    (20, 5, 2.0, None, False),
    (20, 300, 5.0, 2.0, False),
]


def _step_network(seed, d, k, beta_visible, beta_memory, remove_self_coupling):
    """A random network and the coupling M of energy.step's step-size condition."""
    weights = jnp.sign(jax.random.normal(jax.random.PRNGKey(seed), (k, d))) / np.sqrt(d)
    if beta_memory is None:
        memory, curvature = energy.quadratic_lagrangian, 1.0
    else:
        memory, curvature = partial(energy.lse_lagrangian, beta=beta_memory), beta_memory / 2
    synapses = [energy.Synapse(energy.dense_synapse(weights), ("v", "m"))]
    coupling = float(np.linalg.norm(np.asarray(weights), 2)) * np.sqrt(beta_visible * curvature)
    if remove_self_coupling:
        synapses.append(energy.Synapse(lambda v: 0.5 * (k / d) * v @ v, ("v",)))
        coupling += (k / d) * beta_visible
    net = energy.Network(layers={"v": energy.Layer(partial(energy.tanh_lagrangian, beta=beta_visible), (d,)),
                                 "m": energy.Layer(memory, (k,))}, synapses=tuple(synapses))
    key_v, key_m = jax.random.split(jax.random.PRNGKey(1000 + seed))
    states = {"v": 3.0 * jax.random.normal(key_v, (d,), dtype=jnp.float64),
              "m": 3.0 * jax.random.normal(key_m, (k,), dtype=jnp.float64)}
    return net, coupling, states


def _largest_relative_rise(energies) -> float:
    energies = np.asarray(energies, dtype=np.float64)
    return float(np.diff(energies).max() / np.abs(energies).max())


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("network", STEP_NETWORKS, ids=str)
def test_energy_never_rises_at_the_step_size_bound(network, seed):
    """α = max_step_size(M): in float64 the energy never rises beyond rounding (1e-12 of |E|)."""
    with jax.enable_x64(True):
        net, coupling, states = _step_network(seed, *network)
        alpha = energy.max_step_size(coupling)
        _, energies = energy.run(net, states, alpha, n_steps=200)
        assert _largest_relative_rise(energies) <= 1e-12
        assert energies[-1] < energies[0]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("network", STEP_NETWORKS, ids=str)
def test_energy_rises_well_above_the_step_size_bound(network, seed):
    """At eight times the bound (at most 1.9) the energy rises, by more than 1e-3 of |E|."""
    with jax.enable_x64(True):
        net, coupling, states = _step_network(seed, *network)
        alpha = min(8 * energy.max_step_size(coupling), 1.9)
        _, energies = energy.run(net, states, alpha, n_steps=200)
        assert _largest_relative_rise(energies) > 1e-3


def test_max_step_size():
    assert energy.max_step_size(0.0) == 1.0
    assert energy.max_step_size(1.0) == 1.0
    assert energy.max_step_size(np.float32(3.0)) == 0.5
    with pytest.raises(ValueError, match=r"coupling M must be a number >= 0; got -1"):
        energy.max_step_size(-1.0)
    with pytest.raises(TypeError, match="coupling M"):
        energy.max_step_size(True)
    with pytest.raises(TypeError, match="coupling M"):
        energy.max_step_size(np.ones(2))


def test_clamped_layer_does_not_move():
    net = _network(energy.quadratic_lagrangian)
    states = {"v": jnp.ones(30), "m": jnp.zeros(100)}
    moved = energy.step(net, states, 0.1, clamped=["v"])
    np.testing.assert_array_equal(moved["v"], states["v"])
    assert not np.allclose(moved["m"], states["m"])


def _code_lines(path: Path) -> int:
    """Lines of a Python file that hold code: no blank lines, comments or docstrings."""
    source = path.read_text()
    docstring_lines = set()
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docstring_lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return sum(1 for number, line in enumerate(source.splitlines(), start=1)
               if line.strip() and not line.strip().startswith("#") and number not in docstring_lines)


def test_framework_is_under_200_lines_of_code():
    assert _code_lines(Path(energy.__file__)) < 200


def test_input_errors_are_clear():
    net = _network(energy.quadratic_lagrangian)
    good = {"v": jnp.zeros(30), "m": jnp.zeros(100)}
    with pytest.raises(TypeError, match="floating-point.*int32"):
        energy.quadratic_lagrangian(jnp.arange(3, dtype=jnp.int32))
    with pytest.raises(ValueError, match=r"shape \(n,\) or more axes; got shape \(\)"):
        energy.lse_lagrangian(jnp.float32(1.0))
    with pytest.raises(ValueError, match="positive number.*-1"):
        energy.sigmoid_lagrangian(X, beta=-1)
    with pytest.raises(TypeError, match="function of the state"):
        energy.activation(3.0)
    with pytest.raises(ValueError, match=r"weights must have shape \(n_b, n_a\); got shape \(3,\)"):
        energy.dense_synapse(jnp.ones(3))
    with pytest.raises(ValueError, match=r"unknown layer.*'h'"):
        energy.Network(layers=net.layers, synapses=(energy.Synapse(lambda a: a.sum(), ("h",)),))
    with pytest.raises(ValueError, match=r"one entry per layer.*\['m', 'v'\].*\['v'\]"):
        energy.energy(net, {"v": good["v"]})
    with pytest.raises(ValueError, match=r"states\['m'\] must have shape \(100,\), the layer's shape; got \(99,\)"):
        energy.energy(net, {"v": good["v"], "m": jnp.zeros(99)})
    with pytest.raises(ValueError, match="n_steps must be an integer >= 1; got 0"):
        energy.run(net, good, alpha=0.1, n_steps=0)
    with pytest.raises(ValueError, match="alpha .* positive number"):
        energy.run(net, good, alpha=0.0, n_steps=3)
    with pytest.raises(ValueError, match=r"clamped layers \['x'\]"):
        energy.step(net, good, 0.1, clamped=["x"])
