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

Checked inputs (see tutorial_support.validate): images and labels are finite
real matrices with one row per memory; β, λ and α positive finite numbers;
states x of shape (D,) and label activations of shape (M,), floating-point; a
label in 0..M-1; n_steps a whole number ≥ 1. Under jax.jit or vmap, traced
values keep their shape and dtype checks but skip the value checks: a traced
label outside 0..M-1 gives an all-zero one-hot (an unconditioned run), and a
traced β ≤ 0 or NaN state is not caught. n_steps must be static.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import equinox as eqx
import jax
import jax.numpy as jnp
import numpy as np

from tutorial_support import energy, validate

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

    size = validate.count(size, "size (pixels per side)", 4, 128)
    names = validate.names(names, "names")
    colour = validate.flag(colour, "colour")
    rows = []
    for name in names:
        image = _photo(data, name)
        if colour:
            rgb = image[..., :3] / 255.0 if image.ndim == 3 else np.stack([image / 255.0] * 3, axis=-1)
            rows.append(transform.resize(rgb, (size, size, 3), anti_aliasing=True).ravel())
        else:
            grey = color.rgb2gray(image[..., :3]) if image.ndim == 3 else image / 255.0
            rows.append(transform.resize(grey, (size, size), anti_aliasing=True).ravel())
    return np.stack(rows).astype(np.float32)


def _photo(data, name: str) -> np.ndarray:
    """scikit-image's bundled photo `name`: an 8-bit grey (H, W) or colour (H, W, 3 or 4) image."""
    loader = getattr(data, name, None) if not name.startswith("_") else None
    if not callable(loader):
        raise ValueError(f"scikit-image has no bundled image {name!r}; try one of {IMAGE_NAMES}.")
    image = loader()
    if not (isinstance(image, np.ndarray) and image.dtype == np.uint8 and
            (image.ndim == 2 or image.ndim == 3 and image.shape[-1] in (3, 4))):
        raise ValueError(f"scikit-image's {name!r} is not an 8-bit grey or colour photo (got "
                         f"{validate.describe(image)}), so it cannot be read as one image in [0, 1]; "
                         f"use one of {IMAGE_NAMES}.")
    return image


class ConditionalMemory(eqx.Module):
    """Stores N (image, label) pairs; energy E(x, ŷ) as in the module docstring.

    β and λ are stored as scalar arrays, so that a memory can be built inside
    `jax.vmap` for many values of β and λ at once; traced there, they are not
    checked for being positive and finite (concrete ones are). Images must hold
    grey levels in [0, 1] and labels must be one-hot rows (checked when concrete).
    """
    images: Array          # (N, D) θ
    labels: Array          # (N, M) one-hot ℓ
    beta: Array            # () inverse temperature β
    label_strength: Array  # () label weight λ

    def __init__(self, images, labels, beta: float | Array = 1.0,
                 label_strength: float | Array = 100.0):
        images = validate.array(images, "images", ndim=2, shape="(N, D), one row per memory")
        labels = validate.array(labels, "labels", ndim=2, shape="(N, M), one one-hot row per memory")
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"images and labels must have one row per memory each; got "
                             f"{images.shape[0]} images and {labels.shape[0]} labels.")
        if images.shape[0] == 0:
            raise ValueError("a ConditionalMemory needs at least one memory; got 0 rows.")
        _check_memories(images, labels)
        beta = validate.positive(beta, "beta (inverse temperature)")
        label_strength = validate.number(label_strength, "label_strength (λ)", 0.0,
                                         fix="λ = 0 ignores the label.")
        dtype = jnp.result_type(float)  # float32, or float64 under jax.enable_x64
        for name, value in (("beta", beta), ("label_strength", label_strength)):
            if not validate.is_traced(value) and value > float(np.finfo(dtype).max):
                raise ValueError(f"{name} is too large for {dtype.name}: it would become inf (the "
                                 f"largest {dtype.name} is {np.finfo(dtype).max:.3g}). Use a smaller value.")
        self.images, self.labels = images.astype(dtype), labels.astype(dtype)
        self.beta = jnp.asarray(beta, dtype=dtype)
        self.label_strength = jnp.asarray(label_strength, dtype=dtype)

    def _vector(self, value, name: str, per: str = "label") -> Array:
        """A floating-point state of shape (D,) (per="pixel value") or (M,) (per="label")."""
        size = self.images.shape[1] if per == "pixel value" else self.labels.shape[1]
        value = validate.array(value, name, kind="float")
        if value.shape != (size,):
            raise ValueError(f"{name} must have shape ({size},), one entry per {per}; got shape "
                             f"{tuple(value.shape)}. For a batch of states, use jax.vmap.")
        return value

    def _image(self, x) -> Array:
        return self._vector(x, "x (the image state)", "pixel value")

    def scores(self, x: Array, label_activation: Array) -> Array:
        """s_μ = −½|θ_μ − x|² + λ ℓ_μ·ŷ for every memory."""
        x, label_activation = self._image(x), self._vector(label_activation, "label_activation")
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
        x, label_activation = self._image(x), self._vector(label_activation, "label_activation")
        alpha = validate.positive(alpha, "alpha (step size)")
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
        x, y = self._image(x), self._vector(y, "y (the label neurons' internal state)")
        alpha = validate.positive(alpha, "alpha (step size)")

        def total(y_hat):
            return energy.neuron_energy(energy.lse_lagrangian, y, y_hat) + self.energy(x, y_hat)

        y_hat = energy.activation(energy.lse_lagrangian)(y)
        value, gradient = jax.value_and_grad(total)(y_hat)
        return y - alpha * gradient, value

    def generate(self, x: Array, label: int, alpha: float, n_steps: int) -> tuple[Array, Array]:
        """Run the clamped-label dynamics; returns the states (n_steps + 1, D) and energies.

        label must lie in 0..M-1. Under jit or vmap a traced label cannot be checked: one
        outside 0..M-1 gives an all-zero one-hot, an unconditioned run. n_steps must be static.
        """
        label = validate.index(label, "label", self.labels.shape[1])
        n_steps = validate.count(n_steps, "n_steps")
        x = self._image(x)
        alpha = validate.positive(alpha, "alpha (step size)")
        one_hot = jax.nn.one_hot(label, self.labels.shape[1])

        def body(state, _):
            new, value = self.image_step(state, one_hot, alpha)
            return new, (new, value)

        _, (states, energies) = jax.lax.scan(body, x, None, length=n_steps)
        return jnp.concatenate([x[None], states]), energies

    def classify(self, x: Array, alpha: float, n_steps: int) -> tuple[Array, Array]:
        """Run the clamped-image dynamics from y = 0; returns the final ŷ and the energies.

        Under jit, n_steps must be static; a traced x or α is checked for shape only.
        """
        n_steps = validate.count(n_steps, "n_steps")
        x = self._image(x)
        alpha = validate.positive(alpha, "alpha (step size)")

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
    d = validate.count(d, "d (number of pixel values)")
    seed = validate.count(seed, "seed", 0, 2**32 - 1)
    values = np.empty(d)
    for i in range(d):
        seed = (1103515245 * seed + 12345) % 2**32
        values[i] = seed / 2**32
    return values


def _check_memories(images: Array, labels: Array) -> None:
    """Concrete images must lie in [0, 1]; concrete labels must be one-hot rows."""
    if not validate.is_traced(images):
        host = np.asarray(images)
        if host.size and (host.min() < 0 or host.max() > 1):
            raise ValueError(f"images must hold grey levels in [0, 1]; got values from {host.min():g} "
                             f"to {host.max():g}. Divide 8-bit images by 255.")
    if not validate.is_traced(labels):
        host = np.asarray(labels)
        if not (np.isin(host, (0, 1)).all() and (host.sum(axis=1) == 1).all()):
            raise ValueError("labels must be one-hot rows: 0s and a single 1 per memory, e.g. "
                             "np.eye(N) for one label per memory.")


def _check_presets(presets) -> dict[str, tuple[float, float]]:
    """A dict from button labels (strings) to (β, λ) pairs of positive numbers."""
    if presets is None:
        return {}
    if not isinstance(presets, dict):
        raise TypeError(f"presets must be a dict from button labels to (β, λ) pairs; got "
                        f"{validate.describe(presets)}.")
    checked = {}
    for label, pair in presets.items():
        if not isinstance(label, str) or not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"each preset must map a label (str) to a (β, λ) pair; got "
                            f"{label!r}: {pair!r}.")
        checked[label] = (validate.positive(pair[0], f"preset {label!r}: β"),
                          validate.number(pair[1], f"preset {label!r}: λ", 0.0))
    return checked


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
    if not isinstance(memory, ConditionalMemory):
        raise TypeError(f"memory must be a dam.ConditionalMemory; got {validate.describe(memory)}.")
    n, d = memory.images.shape
    channels = 1 if round(d ** 0.5) ** 2 == d else 3
    side = int(round((d // channels) ** 0.5))
    if side * side * channels != d:
        raise ValueError(f"the page shows square grey (D = side²) or colour (D = 3 side²) images; "
                         f"the memory's images have D = {d}. Resize them to a square first.")
    names = validate.names(names, "names")
    if len(names) != n:
        raise ValueError(f"names must give one name per memory: {n}; got {len(names)}.")
    mean_shape = validate.array(pca_mean, "pca_mean", ndim=1, shape=f"({d},)").shape
    components_shape = validate.array(pca_components, "pca_components", ndim=2,
                                      shape=f"(2, {d})").shape
    if mean_shape != (d,) or components_shape != (2, d):
        raise ValueError(f"pca_mean must have shape ({d},) and pca_components shape (2, {d}), "
                         f"matching the images (fit PCA(n_components=2) on memory.images); got "
                         f"{tuple(mean_shape)} and {tuple(components_shape)}.")
    alpha = validate.number(alpha, "alpha (step size)", 0.0, 2.5, low_open=True,
                            fix="The page's α slider runs from 0.01 to 2.5.")
    presets = _check_presets(presets)
    if not isinstance(path, (str, Path)):
        raise TypeError(f"path must be a file path (str or pathlib.Path); got {validate.describe(path)}.")
    if not np.array_equal(np.asarray(memory.labels), np.eye(n)):
        raise ValueError(f"the page needs one memory per label, labels = np.eye(N); this memory's "
                         f"labels have shape {tuple(memory.labels.shape)} and are not the identity. "
                         f"Build the memory with dam.ConditionalMemory(images, np.eye({n}), ...).")
    model = {"n": n, "d": d, "side": side, "channels": channels, "names": list(names),
             "beta": float(memory.beta), "labelStrength": float(memory.label_strength),
             "alpha": float(alpha),
             "presets": [[name, b, s] for name, (b, s) in presets.items()],
             "images": _encode(memory.images), "pcaMean": _encode(pca_mean),
             "pcaComponents": _encode(pca_components)}
    path = Path(path)
    path.write_text(render_page(model))
    return path


def render_page(model: dict) -> str:
    """The page's HTML: the template dam_page.html with `model` (as export_page builds it) inlined.

    Deterministic: the same model gives the same bytes, so a page can be checked
    to be current by rendering the model it embeds again.
    """
    encoded = ("images", "pcaMean", "pcaComponents")
    if not (isinstance(model, dict) and {"n", "d", *encoded} <= set(model)
            and all(isinstance(model[key], int) and not isinstance(model[key], bool) for key in "nd")
            and all(isinstance(model[key], str) for key in encoded)):
        raise TypeError(f"model must be the dict export_page builds (integers n and d; images, "
                        f"pcaMean and pcaComponents as base64 text; ...); got "
                        f"{validate.describe(model)}. Write pages with export_page.")
    template = (Path(__file__).parent / "dam_page.html").read_text()
    # "</" inside a <script> would end it early (a name such as "a</script>"): escape it.
    return template.replace("/*MODEL*/null", json.dumps(model, sort_keys=True).replace("</", "<\\/"))
