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

Checked inputs (see tutorial_support.validate): states must be floating-point
arrays of the layers' shapes, β, α and τ positive finite numbers, n_steps a
whole number ≥ 1, layer names known to the network. Under jax.jit, vmap or
grad the states, β and α may be traced: their shapes and dtypes are still
checked, but not their values (NaN states, β ≤ 0, α ≤ 0 pass unseen), and
n_steps must be static.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import jax
import jax.numpy as jnp

from tutorial_support import validate

Array = jax.Array
Lagrangian = Callable[[Array], Array]


def _check_state(x, name: str = "x") -> Array:
    """x as a floating-point array of rank ≥ 1 with finite entries (when concrete)."""
    return validate.array(x, name, kind="float", min_ndim=1, shape="(n,) or more axes")


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
    x, beta = _check_state(x), validate.positive(beta, "beta (inverse temperature)")
    return jnp.sum(_softplus(beta * x)) / beta


def tanh_lagrangian(x: Array, beta: float = 1.0) -> Array:
    """L(x) = (1/β) Σ log cosh(βx), whose gradient is g = tanh(βx), for states in (−1, 1)."""
    x, beta = _check_state(x), validate.positive(beta, "beta (inverse temperature)")
    return jnp.sum(_softplus(2.0 * beta * x) - beta * x - jnp.log(2.0)) / beta


def lse_lagrangian(x: Array, beta: float = 1.0) -> Array:
    """L(x) = (1/β) log Σ e^{βx} over the last axis, whose gradient is g = softmax(βx)."""
    x, beta = _check_state(x), validate.positive(beta, "beta (inverse temperature)")
    return jnp.sum(jax.nn.logsumexp(beta * x, axis=-1)) / beta


def activation(lagrangian: Lagrangian) -> Callable[[Array], Array]:
    """The activation function g = ∇L of a scalar Lagrangian, obtained by autodiff."""
    if not callable(lagrangian):
        raise TypeError(f"lagrangian must be a function of the state, such as energy.lse_lagrangian "
                        f"or partial(energy.tanh_lagrangian, beta=2.0); got {validate.describe(lagrangian)}.")
    return jax.grad(lagrangian)


def neuron_energy(lagrangian: Lagrangian, x: Array, g: Array | None = None) -> Array:
    """Legendre transform E = xᵀg − L(x); g defaults to ∇L(x)."""
    grad = activation(lagrangian)  # checks that lagrangian is a function
    x = _check_state(x)
    if g is None:
        g = grad(x)
    else:
        g = validate.array(g, "g (the activation)", kind="float", min_ndim=1)
        if g.shape != x.shape:
            raise ValueError(f"g must have the shape of x, {tuple(x.shape)}; got {tuple(g.shape)}. "
                             "Pass the activation of these states, or leave g out.")
    return jnp.sum(x * g) - lagrangian(x)


def dense_synapse(weights: Array) -> Callable[[Array, Array], Array]:
    """E(g_a, g_b) = −g_bᵀ W g_a for W of shape (size of b, size of a): a Hebbian weight matrix."""
    weights = validate.array(weights, "weights", kind="float", ndim=2, shape="(n_b, n_a)")
    return lambda g_a, g_b: -g_b @ (weights @ g_a)


def _try_shape(function: Callable, *arguments, what: str = ""):
    """The output shape of function(*arguments), by tracing only; a failure becomes a package error."""
    try:
        return jax.eval_shape(function, *arguments)
    except Exception as error:  # noqa: BLE001 - any failure of user code, reported with its cause
        raise ValueError(f"{what} fails: {type(error).__name__}: {str(error).splitlines()[0]}") from error


@dataclass(frozen=True)
class Layer:
    """A layer of neurons: its Lagrangian, its state shape and its time constant τ > 0."""
    lagrangian: Lagrangian
    shape: tuple[int, ...]
    tau: float = 1.0

    def __post_init__(self):
        if not callable(self.lagrangian):
            raise TypeError(f"a Layer's lagrangian must be a function of the state, such as "
                            f"energy.lse_lagrangian; got {validate.describe(self.lagrangian)}.")
        shape = (self.shape,) if not isinstance(self.shape, (tuple, list)) else self.shape
        object.__setattr__(self, "shape", tuple(validate.count(n, "each entry of a Layer's shape")
                                                for n in shape))
        if not self.shape:
            raise ValueError("a Layer's shape must have at least one axis, e.g. (n,); got ().")
        object.__setattr__(self, "tau", validate.positive(self.tau, "tau (the layer's time constant)"))
        out = _try_shape(self.lagrangian, jax.ShapeDtypeStruct(self.shape, jnp.float32),
                         what=f"a Layer's lagrangian, called on states of shape {self.shape},")
        if out.shape != ():
            raise ValueError(f"a Layer's lagrangian must return one number (a scalar L(x)); on states "
                             f"of shape {self.shape} it returns shape {out.shape}. Sum over the "
                             "neurons, as energy.quadratic_lagrangian does.")


@dataclass(frozen=True)
class Synapse:
    """A scalar energy of the activations of the named layers, called in that order."""
    energy: Callable[..., Array]
    layers: tuple[str, ...]

    def __post_init__(self):
        if not callable(self.energy):
            raise TypeError(f"a Synapse's energy must be a function of the layers' activations, "
                            f"such as energy.dense_synapse(W); got {validate.describe(self.energy)}.")
        object.__setattr__(self, "layers", validate.names(self.layers, "a Synapse's layers"))


@dataclass(frozen=True)
class Network:
    """Named layers plus the synapses between them; E is the sum of all their energies."""
    layers: Mapping[str, Layer]
    synapses: tuple[Synapse, ...]

    def __post_init__(self):
        if not isinstance(self.layers, Mapping):
            raise TypeError(f"a Network's layers must be a dict from names to energy.Layer; "
                            f"got {validate.describe(self.layers)}.")
        if not self.layers:
            raise ValueError("a Network needs at least one layer; got an empty dict.")
        wrong = [name for name, layer in self.layers.items() if not isinstance(layer, Layer)]
        if wrong:
            raise TypeError(f"every layer of a Network must be an energy.Layer; {wrong} are not. "
                            "Wrap each as energy.Layer(lagrangian, shape).")
        synapses = (self.synapses,) if isinstance(self.synapses, Synapse) else self.synapses
        if not isinstance(synapses, Iterable) or not all(isinstance(s, Synapse) for s in synapses):
            raise TypeError(f"a Network's synapses must be energy.Synapse objects in a tuple or list "
                            f"(an empty tuple for none); got {validate.describe(self.synapses)}.")
        object.__setattr__(self, "synapses", tuple(synapses))
        for synapse in self.synapses:
            unknown = [name for name in synapse.layers if name not in self.layers]
            if unknown:
                raise ValueError(f"a synapse connects unknown layer(s) {unknown}; "
                                 f"the network has {sorted(self.layers)}. Name layers of this network.")
            shapes = [jax.ShapeDtypeStruct(self.layers[name].shape, jnp.float32) for name in synapse.layers]
            out = _try_shape(synapse.energy, *shapes,
                             what=f"the synapse on {list(synapse.layers)}, called with activations of "
                                  f"shapes {[tuple(s.shape) for s in shapes]} (in that order),")
            if out.shape != ():
                raise ValueError(f"the synapse on {list(synapse.layers)} must return one number; it "
                                 f"returns shape {out.shape}. Sum its terms, as dense_synapse does.")


def _check_states(net: Network, states: Mapping[str, Array]) -> dict[str, Array]:
    if not isinstance(net, Network):
        raise TypeError(f"net must be an energy.Network; got {validate.describe(net)}.")
    if not isinstance(states, Mapping):
        raise TypeError(f"states must be a dict from layer names to state arrays; got "
                        f"{validate.describe(states)}.")
    if set(states) != set(net.layers):
        raise ValueError(f"states must have one entry per layer {sorted(net.layers)}; "
                         f"got {sorted(map(str, states))}. Give every layer a state, clamped or not.")
    checked = {name: _check_state(x, f"states[{name!r}]") for name, x in states.items()}
    for name, x in checked.items():
        if x.shape != tuple(net.layers[name].shape):
            raise ValueError(f"states[{name!r}] must have shape {net.layers[name].shape}, the "
                             f"layer's shape; got {x.shape}. Start from e.g. "
                             f"jnp.zeros({net.layers[name].shape}).")
    return checked


def activations(net: Network, states: Mapping[str, Array]) -> dict[str, Array]:
    """g = ∇L(x) for every layer."""
    states = _check_states(net, states)
    return {name: activation(layer.lagrangian)(states[name]) for name, layer in net.layers.items()}


def _energy(net: Network, gs: Mapping[str, Array], states: Mapping[str, Array]) -> Array:
    """E with activations as free arguments (their gradient drives the dynamics)."""
    total = sum(neuron_energy(layer.lagrangian, states[name], gs[name])
                for name, layer in net.layers.items())
    return total + sum(s.energy(*(gs[name] for name in s.layers)) for s in net.synapses)


def energy(net: Network, states: Mapping[str, Array]) -> Array:
    """Total energy E(x) of the network in the given internal states (NaN states refused when concrete)."""
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

    Under jit, traced states and α are checked for shape and dtype only.
    """
    states = _check_states(net, states)
    alpha = validate.positive(alpha, "alpha (step size)")
    clamped = set(validate.names(clamped, "clamped", empty=True))
    if not clamped <= set(net.layers):
        raise ValueError(f"clamped layers {sorted(clamped - set(net.layers))} are not in the "
                         f"network's layers {sorted(net.layers)}; name layers of this network.")
    grads = jax.grad(_energy, argnums=1)(net, activations(net, states), states)  # ∂E/∂g
    return {name: x if name in clamped else x - alpha / net.layers[name].tau * grads[name]
            for name, x in states.items()}


def max_step_size(coupling: float) -> float:
    """Largest α/τ for which `step` provably never raises E: min(1, 2/(1 + M)), M = coupling."""
    coupling = validate.number(coupling, "coupling M", 0.0, fix="See energy.step for M.")
    return jnp.minimum(1.0, 2.0 / (1.0 + coupling)) if validate.is_traced(coupling) \
        else min(1.0, 2.0 / (1.0 + coupling))


def run(net: Network, states: Mapping[str, Array], alpha: float, n_steps: int,
        clamped: Iterable[str] = ()) -> tuple[dict[str, Array], Array]:
    """`n_steps` Euler steps; returns the final states and the energies before each step.

    Under jit, n_steps must be static; traced states and α are checked for shape and
    dtype only (not for NaN or α ≤ 0).
    """
    states = _check_states(net, states)
    n_steps = validate.count(n_steps, "n_steps")
    alpha = validate.positive(alpha, "alpha (step size)")
    clamped = validate.names(clamped, "clamped", empty=True)

    def body(current, _):
        return step(net, current, alpha, clamped), _energy(net, activations(net, current), current)

    return jax.lax.scan(body, states, None, length=n_steps)
