"""A Dense Associative Memory of (image, label) pairs, and its export to a web page.

N memories μ store an image θ_μ ∈ [0, 1]^D (flattened pixels) and a one-hot label
ℓ_μ ∈ {0, 1}^M. A memory's score for an image state x and label activation ŷ is

    s_μ(x, ŷ) = −½ |θ_μ − x|² + λ ℓ_μ · ŷ

and the energy, with the memory layer (Lagrangian (1/β) log Σ exp(βz)) at its
equilibrium z = s integrated out, is

    E(x, ŷ) = −(1/β) log Σ_μ exp(β s_μ)          (−L_z(s), see tutorial_support.energy)

With the image neurons quadratic (x̂ = x) and the label clamped, the dynamics
τ dx/dt = −∂E/∂x = Σ_μ p_μ (θ_μ − x), p = softmax(βs), pull the image towards the
memories whose label matches. With the image clamped, the label's internal state
y (Lagrangian log Σ exp(y), ŷ = softmax(y)) evolves by τ dy/dt = −∂E/∂ŷ, where E
now includes the label neurons' own energy yᵀŷ − log Σ exp(y):
τ dy/dt = λ Σ_μ p_μ ℓ_μ − y.

Step sizes that guarantee descent (derived in the docstrings of `image_step` and
`label_step`): α < 2 for the image step, α ≤ 1 for the label step, whatever the
memories, β and λ.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np

from tutorial_support import energy

Array = jax.Array
IMAGE_NAMES = ("astronaut", "camera", "chelsea", "coffee", "coins", "moon", "page", "rocket")


def load_images(size: int = 32, names: tuple[str, ...] = IMAGE_NAMES,
                colour: bool = False) -> np.ndarray:
    """Photos bundled with scikit-image, resized to size × size, as rows in [0, 1].

    Grey (colour=False): one value per pixel, D = size². Colour (colour=True):
    red, green and blue per pixel, pixel after pixel, D = 3 size²; a photo that
    scikit-image ships in grey gets three equal channels.
    """
    from skimage import color, data, transform

    if isinstance(size, bool) or not isinstance(size, int) or not 4 <= size <= 128:
        raise ValueError(f"size must be an integer from 4 to 128 pixels; got {size!r}.")
    rows = []
    for name in names:
        if not hasattr(data, name):
            raise ValueError(f"scikit-image has no bundled image {name!r}; try one of {IMAGE_NAMES}.")
        image = getattr(data, name)()
        if colour:
            rgb = image[..., :3] / 255.0 if image.ndim == 3 else np.stack([image / 255.0] * 3, axis=-1)
            rows.append(transform.resize(rgb, (size, size, 3), anti_aliasing=True).ravel())
        else:
            grey = color.rgb2gray(image[..., :3]) if image.ndim == 3 else image / 255.0
            rows.append(transform.resize(grey, (size, size), anti_aliasing=True).ravel())
    return np.stack(rows).astype(np.float32)


class ConditionalMemory(eqx.Module):
    """Stores N (image, label) pairs; energy E(x, ŷ) as in the module docstring.

    β and λ are stored as scalar arrays, so that a memory can be built inside
    `jax.vmap` for many values of β and λ at once.
    """
    images: Array          # (N, D) θ
    labels: Array          # (N, M) one-hot ℓ
    beta: Array            # () inverse temperature β
    label_strength: Array  # () label weight λ

    def __init__(self, images, labels, beta: float | Array = 1.0,
                 label_strength: float | Array = 100.0):
        images, labels = jnp.asarray(images), jnp.asarray(labels)
        if images.ndim != 2 or labels.ndim != 2 or images.shape[0] != labels.shape[0]:
            raise ValueError(f"images (N, D) and labels (N, M) must be matrices with one row per "
                             f"memory; got shapes {images.shape} and {labels.shape}.")
        for name, value in (("beta", beta), ("label_strength", label_strength)):
            if isinstance(value, bool) or jnp.ndim(value) != 0:
                raise ValueError(f"{name} must be a positive number; got {value!r}.")
            if not isinstance(value, jax.core.Tracer) and not float(value) > 0:
                raise ValueError(f"{name} must be a positive number; got {value!r}.")
        dtype = jnp.result_type(float)  # float32, or float64 under jax.enable_x64
        self.images, self.labels = images.astype(dtype), labels.astype(dtype)
        self.beta = jnp.asarray(beta, dtype=dtype)
        self.label_strength = jnp.asarray(label_strength, dtype=dtype)

    def scores(self, x: Array, label_activation: Array) -> Array:
        """s_μ = −½|θ_μ − x|² + λ ℓ_μ·ŷ for every memory."""
        return (-0.5 * jnp.sum((self.images - x) ** 2, axis=-1)
                + self.label_strength * self.labels @ label_activation)

    def energy(self, x: Array, label_activation: Array) -> Array:
        """E(x, ŷ) = −(1/β) log Σ exp(β s): the memory layer's Lagrangian, negated."""
        return -energy.lse_lagrangian(self.beta * self.scores(x, label_activation)) / self.beta

    def weights(self, x: Array, label_activation: Array) -> Array:
        """p = softmax(β s): how strongly each memory pulls the state."""
        return jax.nn.softmax(self.beta * self.scores(x, label_activation))

    def image_step(self, x: Array, label_activation: Array, alpha: float) -> tuple[Array, Array]:
        """x ← x − α ∂E/∂x with the label clamped; returns the new x and E before the step.

        Step size. ∇E = x − θ̄ with θ̄ = Σ_μ p_μ θ_μ, and the Hessian is

            ∇²E = I − β Σ_μ p_μ (θ_μ − θ̄)(θ_μ − θ̄)ᵀ  ⪯  I,

        because the covariance of the memories under p is positive semi-definite.
        The curvature of E along any line is therefore at most 1, and Taylor's
        theorem gives E(x − α∇E) ≤ E(x) − α(1 − α/2) |∇E|²: every step with
        0 < α < 2 lowers the energy (until ∇E = 0), for any memories, β and λ.
        The bound is sharp: when one memory takes all the weight (p one-hot),
        E = ½|x − θ_μ|² + const and the step is x ← x + α(θ_μ − x), which
        overshoots with a growing error |1 − α|ᵗ once α > 2.
        """
        value, gradient = jax.value_and_grad(self.energy)(x, label_activation)
        return x - alpha * gradient, value

    def label_step(self, x: Array, y: Array, alpha: float) -> tuple[Array, Array]:
        """y ← y − α ∂E/∂ŷ with the image clamped, E including the label neurons' energy.

        Step size: 0 < α ≤ 1 lowers the energy. As a function of ŷ the energy is
        F(ŷ) = L*(ŷ) + E(x, ŷ), with L* the label neurons' conjugate Lagrangian
        (negative entropy) and E(x, ·) = −(1/β) log Σ exp(β s) concave in ŷ (s is
        affine in ŷ). Since y = ∇L*(ŷ) up to a constant shift (which leaves ŷ
        unchanged), the step y ← y − α∇F is mirror descent with mirror map L*, and
        concavity of E(x, ·) gives F(ŷ⁺) − F(ŷ) ≤ −(1/α − 1) D(ŷ⁺, ŷ) − (1/α) D(ŷ, ŷ⁺),
        with D ≥ 0 the Bregman divergence of L* (see energy.step).
        """
        def total(y_hat):
            return energy.neuron_energy(energy.lse_lagrangian, y, y_hat) + self.energy(x, y_hat)

        y_hat = energy.activation(energy.lse_lagrangian)(y)
        value, gradient = jax.value_and_grad(total)(y_hat)
        return y - alpha * gradient, value

    def generate(self, x: Array, label: int, alpha: float, n_steps: int) -> tuple[Array, Array]:
        """Run the clamped-label dynamics; returns the states (n_steps + 1, D) and energies."""
        one_hot = jax.nn.one_hot(label, self.labels.shape[1])

        def body(state, _):
            new, value = self.image_step(state, one_hot, alpha)
            return new, (new, value)

        _, (states, energies) = jax.lax.scan(body, x, None, length=n_steps)
        return jnp.concatenate([x[None], states]), energies

    def classify(self, x: Array, alpha: float, n_steps: int) -> tuple[Array, Array]:
        """Run the clamped-image dynamics from y = 0; returns the final ŷ and the energies."""
        def body(y, _):
            return self.label_step(x, y, alpha)

        y, energies = jax.lax.scan(body, jnp.zeros(self.labels.shape[1]), None, length=n_steps)
        return jax.nn.softmax(y), energies


def _encode(array) -> str:
    """Little-endian float32 bytes as base64 text (exactly the values JAX uses)."""
    return base64.b64encode(np.asarray(array, dtype="<f4").tobytes()).decode("ascii")


def page_start(d: int, seed: int = 12345) -> np.ndarray:
    """The page's start image: d draws of its generator seed ← (1103515245 seed + 12345) mod 2³², u = seed / 2³².

    Exactly the float64 values the page's "restart from noise" draws, so that
    what the page shows can be computed (and checked) in Python.
    """
    values = np.empty(d)
    for i in range(d):
        seed = (1103515245 * seed + 12345) % 2**32
        values[i] = seed / 2**32
    return values


def export_page(memory: ConditionalMemory, names: list[str], pca_mean, pca_components,
                alpha: float, path: str | Path,
                presets: dict[str, tuple[float, float]] | None = None) -> Path:
    """Write a self-contained HTML page that runs the clamped-label dynamics in JavaScript.

    The page starts with the memory's β and λ and the step size α; its sliders
    change them (β on a log scale in steps of 10^(1/20), λ from 0 to 1000 in
    steps of 5, α from 0.01 to 2.5 in steps of 0.01). `presets` maps a button
    label to a (β, λ) pair; the buttons keep the dict's order. The images are square, grey (D = side²) or colour
    (D = 3 side², red, green and blue per pixel).
    """
    n, d = memory.images.shape
    channels = 1 if round(d ** 0.5) ** 2 == d else 3
    side = int(round((d // channels) ** 0.5))
    if side * side * channels != d or len(names) != n or np.shape(pca_components) != (2, d):
        raise ValueError(f"need square grey or colour images, one name per memory and 2 PCA "
                         f"components of length {d}; got D={d}, {len(names)} names, components "
                         f"of shape {np.shape(pca_components)}.")
    if not np.array_equal(np.asarray(memory.labels), np.eye(n)):
        raise ValueError("the page's JavaScript assumes one memory per label (labels = identity).")
    model = {"n": n, "d": d, "side": side, "channels": channels, "names": list(names),
             "beta": float(memory.beta), "labelStrength": float(memory.label_strength),
             "alpha": float(alpha),
             "presets": [[name, float(b), float(s)] for name, (b, s) in (presets or {}).items()],
             "images": _encode(memory.images), "pcaMean": _encode(pca_mean),
             "pcaComponents": _encode(pca_components)}
    template = (Path(__file__).parent / "dam_page.html").read_text()
    page = template.replace("/*MODEL*/null", json.dumps(model, sort_keys=True))
    path = Path(path)
    path.write_text(page)
    return path
