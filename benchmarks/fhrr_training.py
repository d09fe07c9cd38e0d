"""Training speed of notebook 02's FHRR classifier, and how close it comes to this machine's limit.

    python -m benchmarks.fhrr_training        (or: python dev.py bench)

Rebuilds the network, loss and update step of notebook 02 (sections 4 and 6:
12 3x3 kernels, 100 units, 1024 softsign outputs, similarity loss, RMSprop at
1e-3, batches of 128) and times one epoch of 468 steps in four variants:

* plain:   a jitted update step called from a Python loop (what the notebook does);
* donated: the same step with its parameter and optimiser buffers donated, so
           XLA may update them in place;
* scan:    a whole epoch compiled into one `lax.scan`;
* im2col:  the plain step with the convolution computed as one matrix product
           of the 9 shifted views of the image (`Im2ColConv2D`, same parameters).

Each variant's figure is set beside the machine's limit for the same work
(benchmarks/machine.py): the step's FLOPs and bytes from XLA's cost analysis,
over matrix-product throughput measured now on the step's own product shapes.

Then `Im2ColConv2D` is checked against `hk.Conv2D`: identical parameters at
initialisation, the same loss at step 1 (within 1e-6), and after 10 epochs of
real Fashion-MNIST training a final loss that differs from hk.Conv2D's by no
more than the training noise: the standard deviation of the final loss over
hk.Conv2D runs with other batch orders or seeds (initial weights and class
symbols). That part needs the data set (see README, "Working
offline"); `--speed-only` skips it.

The timed images are random bytes of Fashion-MNIST's shape: speed does not
depend on pixel values.
"""
from __future__ import annotations

import sys
import time

import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np
import optax

from benchmarks import machine
from tutorial_support import fhrr

DIMENSION = 1024
BATCH = 128
STEPS = 468  # one epoch of 60 000 images


class Im2ColConv2D(hk.Module):
    """hk.Conv2D(channels, kernel_shape=3, padding="VALID") as one matrix product.

    Same parameters as hk.Conv2D: w (3, 3, C_in, C_out), truncated normal with
    standard deviation 1/sqrt(9 C_in), and b (C_out,) zeros, under the same
    module name. For images x (B, H, W, C_in) the output is

        y[i, j] = Σ_{a, c < 3} x[i + a, j + c] · w[a, c] + b,

    so stacking the 9 shifted views x[a : a + H − 2, c : c + W − 2] on the last
    axis gives patches (B, H − 2, W − 2, 9 C_in), and y = patches @ w.reshape(9 C_in, C_out) + b.
    """

    def __init__(self, output_channels: int, kernel_shape: int | tuple[int, int] = 3,
                 padding: str = "VALID", name: str = "conv2_d"):
        if kernel_shape not in (3, (3, 3)) or padding != "VALID":
            raise ValueError("Im2ColConv2D implements kernel_shape=3, padding='VALID' only; "
                             f"got {kernel_shape!r}, {padding!r}.")
        super().__init__(name=name)
        self.output_channels = output_channels

    def __call__(self, x: jax.Array) -> jax.Array:
        channels = x.shape[-1]
        w = hk.get_parameter("w", (3, 3, channels, self.output_channels), x.dtype,
                             init=hk.initializers.TruncatedNormal(stddev=1.0 / np.sqrt(9 * channels)))
        b = hk.get_parameter("b", (self.output_channels,), x.dtype, init=jnp.zeros)
        height, width = x.shape[1] - 2, x.shape[2] - 2
        patches = jnp.concatenate([x[:, a:a + height, c:c + width, :] for a in range(3) for c in range(3)],
                                  axis=-1)
        return patches @ w.reshape(9 * channels, self.output_channels) + b


def make_network(convolution=hk.Conv2D) -> hk.Transformed:
    """Notebook 02's network: uint8 images (batch, 28, 28, 1) -> FHRR symbols (batch, D)."""
    def network_fn(images: jax.Array) -> jax.Array:
        x = images.astype(jnp.float32) / 255.0
        return hk.Sequential([
            convolution(12, kernel_shape=3, padding="VALID"), jax.nn.relu, hk.Flatten(),
            hk.Linear(100), jax.nn.relu, hk.Linear(DIMENSION), jax.nn.soft_sign,
        ])(x)

    return hk.without_apply_rng(hk.transform(network_fn))


network, im2col_network = make_network(), make_network(Im2ColConv2D)
optimizer = optax.rmsprop(learning_rate=1e-3)


def make_update(net: hk.Transformed):
    """The training step of `net`: similarity loss L = mean_j (1 − sim(f(x_j), c_{y_j})), RMSprop."""
    def loss_fn(params, codebook, images, labels):
        return jnp.mean(1.0 - fhrr.similarity(net.apply(params, images), codebook[labels]))

    def update(params, opt_state, codebook, images, labels):
        loss, grads = jax.value_and_grad(loss_fn)(params, codebook, images, labels)
        updates, opt_state = optimizer.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss

    return update


update = make_update(network)
update_plain = jax.jit(update)
update_donated = jax.jit(update, donate_argnums=(0, 1))
update_im2col = jax.jit(make_update(im2col_network))


def make_epoch(step_fn):
    """A whole epoch of `step_fn` as one compiled lax.scan; returns params, state and the losses."""
    @jax.jit
    def epoch(params, opt_state, codebook, images, labels):
        def body(carry, batch):
            params, opt_state, loss = step_fn(*carry, codebook, *batch)
            return (params, opt_state), loss

        (params, opt_state), losses = jax.lax.scan(body, (params, opt_state), (images, labels))
        return params, opt_state, losses

    return epoch


epoch_scan = make_epoch(update)


def init(seed: int = 0, net: hk.Transformed = network):
    key_net, key_codebook = jax.random.split(jax.random.PRNGKey(seed))
    codebook = fhrr.random_symbols(key_codebook, 10, DIMENSION)
    params = net.init(key_net, jnp.zeros((1, 28, 28, 1), jnp.uint8))
    return params, optimizer.init(params), codebook


def random_epoch(seed: int = 0):
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, (STEPS, BATCH, 28, 28, 1), dtype=np.uint8)
    labels = rng.integers(0, 10, (STEPS, BATCH))
    return images, labels


def time_loop(step_fn, images, labels, net: hk.Transformed = network) -> float:
    params, opt_state, codebook = init(net=net)
    params, opt_state, loss = step_fn(params, opt_state, codebook, images[0], labels[0])  # compile
    loss.block_until_ready()
    start = time.perf_counter()
    for i in range(STEPS):
        params, opt_state, loss = step_fn(params, opt_state, codebook, images[i], labels[i])
    loss.block_until_ready()
    return STEPS / (time.perf_counter() - start)


def time_scan(images, labels) -> float:
    params, opt_state, codebook = init()
    images, labels = jnp.asarray(images), jnp.asarray(labels)
    epoch_scan(params, opt_state, codebook, images, labels)[2].block_until_ready()  # compile
    start = time.perf_counter()
    epoch_scan(params, opt_state, codebook, images, labels)[2].block_until_ready()
    return STEPS / (time.perf_counter() - start)


# The float32 products of one training step (m, k, n), forward and backward:
# the convolution as its im2col product, then the two dense layers.
PIXELS_OUT = 26 * 26
STEP_PRODUCTS = [
    (BATCH * PIXELS_OUT, 9, 12), (9, BATCH * PIXELS_OUT, 12),           # conv: forward, dw
    (BATCH, 12 * PIXELS_OUT, 100), (12 * PIXELS_OUT, BATCH, 100),      # dense 1: forward, dw
    (BATCH, 100, 12 * PIXELS_OUT),                                     # dense 1: dx
    (BATCH, 100, DIMENSION), (100, BATCH, DIMENSION), (BATCH, DIMENSION, 100),  # dense 2
]


def speed(repeats: int = 5) -> dict[str, float]:
    images, labels = random_epoch()
    variants = {
        "jitted step (notebook)": lambda: time_loop(update_plain, images, labels),
        "jitted step, donated buffers": lambda: time_loop(update_donated, images, labels),
        "one lax.scan per epoch": lambda: time_scan(images, labels),
        "jitted step, im2col convolution": lambda: time_loop(update_im2col, images, labels,
                                                             im2col_network),
    }
    print(f"notebook 02 training step, batch {BATCH}, D = {DIMENSION}, {STEPS} steps per epoch, "
          f"on {jax.devices()[0].platform}; {repeats} epochs per variant, interleaved")
    rates = {name: [] for name in variants}
    for _ in range(repeats):  # interleave, so that a slow spell of the machine hits all variants
        for name, run in variants.items():
            rates[name].append(run())
    params, opt_state, codebook = init()
    args = (params, opt_state, codebook, images[0], labels[0])
    flops = {"conv": machine.compiled_cost(update, *args)[0],
             "im2col": machine.compiled_cost(make_update(im2col_network), *args)[0]}
    matmul_rate = machine.matmul_throughput(STEP_PRODUCTS)
    print(f"limit: the step's FLOPs (XLA cost analysis: hk.Conv2D {flops['conv'] / 1e6:.1f} MFLOP, "
          f"im2col {flops['im2col'] / 1e6:.1f} MFLOP) at the throughput of its own "
          f"{len(STEP_PRODUCTS)} products, {matmul_rate / 1e9:.1f} GFLOP/s measured now")
    epoch_seconds = {name: STEPS / np.median(values) for name, values in rates.items()}
    saving = epoch_seconds["jitted step (notebook)"] - epoch_seconds["jitted step, im2col convolution"]
    print(f"im2col saves {saving:.2f} s of {epoch_seconds['jitted step (notebook)']:.2f} s per epoch "
          f"({saving / epoch_seconds['jitted step (notebook)']:.0%})")
    ratios = {}
    for name, values in rates.items():
        print(f"{name}: median {np.median(values):5.1f} steps/s, best {max(values):5.1f}")
        ratios[name] = machine.report("one step at the median rate", 1.0 / np.median(values),
                                      flops["im2col" if "im2col" in name else "conv"], matmul_rate)
    return ratios


def real_epochs(step_fn, net, fashion, seed: int, order_seed: int, epochs: int) -> np.ndarray:
    """Mean loss of each of `epochs` epochs of real training (shuffled batches of 128)."""
    params, opt_state, codebook = init(seed, net)
    epoch = make_epoch(step_fn)
    rng, means = np.random.default_rng(order_seed), []
    for _ in range(epochs):
        order = rng.permutation(len(fashion.train_labels))[: STEPS * BATCH].reshape(STEPS, BATCH)
        params, opt_state, losses = epoch(params, opt_state, codebook,
                                          jnp.asarray(fashion.train_images[order]),
                                          jnp.asarray(fashion.train_labels[order]))
        means.append(float(losses.mean()))
    return np.array(means)


def compare_im2col(epochs: int = 10) -> bool:
    """Im2ColConv2D against hk.Conv2D: parameters, step-1 loss, and the loss after `epochs` epochs."""
    from tutorial_support import load_fashion_mnist

    conv_init, im2col_init = init(0)[0], init(0, im2col_network)[0]
    same_params = jax.tree.all(jax.tree.map(lambda a, b: bool(jnp.array_equal(a, b)), conv_init, im2col_init))
    same_names = jax.tree.structure(conv_init) == jax.tree.structure(im2col_init)
    fashion = load_fashion_mnist()
    batch = np.arange(BATCH)
    images, labels = fashion.train_images[batch], fashion.train_labels[batch]
    first = [float(step(*init(0, net), images, labels)[2])
             for step, net in ((update_plain, network), (update_im2col, im2col_network))]
    print(f"im2col against hk.Conv2D: same parameter names and shapes {same_names}, "
          f"identical initial values {same_params}")
    print(f"  loss at step 1: hk.Conv2D {first[0]:.8f}, im2col {first[1]:.8f}, "
          f"difference {abs(first[0] - first[1]):.1e} (must be ≤ 1e-6)")
    runs = {"hk.Conv2D": real_epochs(update, network, fashion, 0, 0, epochs),
            "im2col": real_epochs(make_update(im2col_network), im2col_network, fashion, 0, 0, epochs)}
    for order in (1, 2):
        runs[f"hk.Conv2D, batch order {order}"] = real_epochs(update, network, fashion, 0, order, epochs)
    for seed in (1, 2):  # the seed draws the initial weights and the class symbols
        runs[f"hk.Conv2D, seed {seed}"] = real_epochs(update, network, fashion, seed, 0, epochs)
    for name, means in runs.items():
        print(f"  {name:<26} mean loss, epoch 1 {means[0]:.4f}, epoch {epochs} {means[-1]:.4f}")
    difference = abs(runs["im2col"][-1] - runs["hk.Conv2D"][-1])
    noise = float(np.std([means[-1] for name, means in runs.items() if name != "im2col"], ddof=1))
    print(f"  after {epochs} epochs: |im2col − hk.Conv2D| = {difference:.4f}; training noise (standard "
          f"deviation of the final loss over the {len(runs) - 1} hk.Conv2D runs) = {noise:.4f}")
    ok = same_names and same_params and abs(first[0] - first[1]) <= 1e-6 and difference <= noise
    print("  im2col is " + ("interchangeable with hk.Conv2D" if ok else "NOT interchangeable"))
    return ok


def main(argv: list[str]) -> int:
    speed()
    if "--speed-only" in argv:
        return 0
    return 0 if compare_im2col() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
