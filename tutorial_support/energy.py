"""Energy-based associative memories built from Lagrangians (Krotov & Hopfield, ICLR 2021).

Every layer of neurons has an internal state x and an axonal state (activation)
g = ∇L(x), the gradient of a convex scalar Lagrangian L. Its energy is the
Legendre transform of L, written with both states to avoid inverting g:

    E_neuron(x) = xᵀg(x) − L(x),        g = ∇L(x)

Synapses are scalar energies of the activations of the layers they connect,
e.g. a dense synapse E_syn = −ĥᵀ W ĝ. The network's energy is the sum

    E = Σ_layers E_neuron + Σ_synapses E_syn(g_a, g_b, ...)

and every layer evolves by descending E with respect to its own activation,
holding the internal states in E_neuron fixed:

    τ dx/dt = −∂E/∂g = −(x + ∂E_syn/∂g)          (Euler: x ← x − (α/τ) ∂E/∂g)

Then dE/dt = −Σ (1/τ) (∂E/∂g)ᵀ H (∂E/∂g) ≤ 0 with H = ∇²L positive
semi-definite, so E never increases along the exact dynamics and, with small
enough steps α, along the Euler steps: `step` states and proves how small
(α/τ ≤ min(1, 2/(1 + M)), see `max_step_size`). Clamped layers keep their state.

Swapping the quadratic Lagrangian ½Σm² of a memory layer (classical Hopfield)
for the log-sum-exp (1/β) log Σ exp(βm) (Dense Associative Memory, softmax
activation) is the one change between the two models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import jax
import jax.numpy as jnp

Array = jax.Array
Lagrangian = Callable[[Array], Array]


def _check_state(x, name: str = "x") -> Array:
    """Return x as a floating-point JAX array of rank ≥ 1, or raise a clear error."""
    x = jnp.asarray(x)
    if not jnp.issubdtype(x.dtype, jnp.floating):
        raise TypeError(f"{name} must hold floating-point states; got dtype {x.dtype}. "
                        "Convert with .astype(jnp.float32).")
    if x.ndim < 1:
        raise ValueError(f"{name} must be a vector of neuron states (rank ≥ 1); got shape {x.shape}.")
    return x


def _check_positive(value, name: str = "beta (inverse temperature)") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name} must be a positive number; got {value!r}.")
    return float(value)


def quadratic_lagrangian(x: Array) -> Array:
    """L(x) = ½ Σ x², whose gradient is the identity activation g = x."""
    x = _check_state(x)
    return 0.5 * jnp.sum(x**2)


@jax.custom_jvp
def _softplus(x: Array) -> Array:
    # log(1 + e^x) without overflow: max(x, 0) + log1p(e^−|x|).
    return jnp.maximum(x, 0.0) + jnp.log1p(jnp.exp(-jnp.abs(x)))


@_softplus.defjvp
def _softplus_jvp(primals, tangents):
    (x,), (x_dot,) = primals, tangents
    return _softplus(x), jax.nn.sigmoid(x) * x_dot  # exact sigmoid, never exp(large)/exp(large)


def sigmoid_lagrangian(x: Array, beta: float = 1.0) -> Array:
    """L(x) = (1/β) Σ log(1 + e^{βx}), whose gradient is the logistic sigmoid g = σ(βx)."""
    x, beta = _check_state(x), _check_positive(beta)
    return jnp.sum(_softplus(beta * x)) / beta


def tanh_lagrangian(x: Array, beta: float = 1.0) -> Array:
    """L(x) = (1/β) Σ log cosh(βx), whose gradient is g = tanh(βx), for states in (−1, 1)."""
    x, beta = _check_state(x), _check_positive(beta)
    return jnp.sum(_softplus(2.0 * beta * x) - beta * x - jnp.log(2.0)) / beta


def lse_lagrangian(x: Array, beta: float = 1.0) -> Array:
    """L(x) = (1/β) log Σ e^{βx} over the last axis, whose gradient is g = softmax(βx)."""
    x, beta = _check_state(x), _check_positive(beta)
    return jnp.sum(jax.nn.logsumexp(beta * x, axis=-1)) / beta


def activation(lagrangian: Lagrangian) -> Callable[[Array], Array]:
    """The activation function g = ∇L of a scalar Lagrangian, obtained by autodiff."""
    if not callable(lagrangian):
        raise TypeError(f"lagrangian must be a function of the state; got {type(lagrangian).__name__}.")
    return jax.grad(lagrangian)


def neuron_energy(lagrangian: Lagrangian, x: Array, g: Array | None = None) -> Array:
    """Legendre transform E = xᵀg − L(x); g defaults to ∇L(x)."""
    x = _check_state(x)
    g = activation(lagrangian)(x) if g is None else g
    return jnp.sum(x * g) - lagrangian(x)


def dense_synapse(weights: Array) -> Callable[[Array, Array], Array]:
    """E(g_a, g_b) = −g_bᵀ W g_a for W of shape (size of b, size of a): a Hebbian weight matrix."""
    weights = jnp.asarray(weights)
    if weights.ndim != 2 or not jnp.issubdtype(weights.dtype, jnp.floating):
        raise ValueError(f"weights must be a floating-point matrix (n_b, n_a); got shape "
                         f"{weights.shape} and dtype {weights.dtype}.")
    return lambda g_a, g_b: -g_b @ (weights @ g_a)


@dataclass(frozen=True)
class Layer:
    """A layer of neurons: its Lagrangian, its state shape and its time constant τ."""
    lagrangian: Lagrangian
    shape: tuple[int, ...]
    tau: float = 1.0


@dataclass(frozen=True)
class Synapse:
    """A scalar energy of the activations of the named layers, called in that order."""
    energy: Callable[..., Array]
    layers: tuple[str, ...]


@dataclass(frozen=True)
class Network:
    """Named layers plus the synapses between them; E is the sum of all their energies."""
    layers: Mapping[str, Layer]
    synapses: tuple[Synapse, ...]

    def __post_init__(self):
        for synapse in self.synapses:
            unknown = [name for name in synapse.layers if name not in self.layers]
            if unknown:
                raise ValueError(f"a synapse connects unknown layer(s) {unknown}; "
                                 f"the network has {sorted(self.layers)}.")


def _check_states(net: Network, states: Mapping[str, Array]) -> dict[str, Array]:
    if set(states) != set(net.layers):
        raise ValueError(f"states must have one entry per layer {sorted(net.layers)}; "
                         f"got {sorted(states)}.")
    checked = {name: _check_state(x, f"states[{name!r}]") for name, x in states.items()}
    for name, x in checked.items():
        if x.shape != tuple(net.layers[name].shape):
            raise ValueError(f"states[{name!r}] must have shape {net.layers[name].shape}; "
                             f"got {x.shape}.")
    return checked


def activations(net: Network, states: Mapping[str, Array]) -> dict[str, Array]:
    """g = ∇L(x) for every layer."""
    return {name: activation(layer.lagrangian)(states[name]) for name, layer in net.layers.items()}


def _energy(net: Network, gs: Mapping[str, Array], states: Mapping[str, Array]) -> Array:
    """E with activations as free arguments (their gradient drives the dynamics)."""
    total = sum(neuron_energy(layer.lagrangian, states[name], gs[name])
                for name, layer in net.layers.items())
    return total + sum(s.energy(*(gs[name] for name in s.layers)) for s in net.synapses)


def energy(net: Network, states: Mapping[str, Array]) -> Array:
    """Total energy E(x) of the network in the given internal states."""
    states = _check_states(net, states)
    return _energy(net, activations(net, states), states)


def step(net: Network, states: Mapping[str, Array], alpha: float,
         clamped: Iterable[str] = ()) -> dict[str, Array]:
    """One Euler step x ← x − (α/τ) ∂E/∂g for every layer not in `clamped`.

    Step-size condition. As a function of the activations the energy is
    F(g) = Σ L*(g) + Σ E_syn(g) (neuron energy = conjugate Lagrangian L*), and
    since x = ∇L*(g), ∂E/∂g = ∇F(g): the step is mirror descent on F with
    mirror map L*. Let ℓ bound each layer's curvature, ∇²L ⪯ ℓ I:

        quadratic 1,  sigmoid β/4,  tanh β,  log-sum-exp β/2 (on the simplex, by Pinsker)

    so that the Bregman divergence of L* obeys D(g', g) ≥ S = Σ_layers |g' − g|²/(2ℓ),
    and let M bound the synapses' curvature in these units:
    E_syn(g') − E_syn(g) − ∇E_syn(g)·(g' − g) ≤ M S. A dense synapse −g_bᵀ W g_a
    has M = ‖W‖₂ √(ℓ_a ℓ_b); a synapse ½c|g|² on one layer (c > 0) has M = c ℓ;
    a concave synapse has M = 0; M adds up over synapses. With a = α/τ ≤ 1, the
    three-point identity of Bregman divergences (Bauschke, Bolte & Teboulle 2017) gives

        F(g⁺) − F(g) = −(1/a)[D(g⁺, g) + D(g, g⁺)] + D(g⁺, g) + D_syn(g⁺, g) ≤ −(2/a − 1 − M) S,

    using D(g⁺, g), D(g, g⁺) ≥ S and D_syn ≤ M S. So every step with
    α/τ ≤ min(1, 2/(1 + M)) for every layer lowers E (or keeps it); clamped
    layers do not move and add nothing.
    """
    clamped = set(clamped)
    if not clamped <= set(net.layers):
        raise ValueError(f"clamped layers {sorted(clamped - set(net.layers))} are not in the "
                         f"network's layers {sorted(net.layers)}.")
    grads = jax.grad(_energy, argnums=1)(net, activations(net, states), states)  # ∂E/∂g
    return {name: x if name in clamped else x - alpha / net.layers[name].tau * grads[name]
            for name, x in states.items()}


def max_step_size(coupling: float) -> float:
    """Largest α/τ for which `step` provably never raises E: min(1, 2/(1 + M)), M = coupling."""
    if isinstance(coupling, bool) or jnp.ndim(coupling) != 0 or not float(coupling) >= 0:
        raise ValueError(f"coupling M must be a number ≥ 0 (see energy.step); got {coupling!r}.")
    return min(1.0, 2.0 / (1.0 + float(coupling)))


def run(net: Network, states: Mapping[str, Array], alpha: float, n_steps: int,
        clamped: Iterable[str] = ()) -> tuple[dict[str, Array], Array]:
    """`n_steps` Euler steps; returns the final states and the energies before each step."""
    states = _check_states(net, states)
    if isinstance(n_steps, bool) or not isinstance(n_steps, int) or n_steps < 1:
        raise ValueError(f"n_steps must be a positive integer; got {n_steps!r}.")
    alpha, clamped = _check_positive(alpha, "alpha (step size)"), tuple(clamped)

    def body(current, _):
        return step(net, current, alpha, clamped), _energy(net, activations(net, current), current)

    return jax.lax.scan(body, states, None, length=n_steps)
