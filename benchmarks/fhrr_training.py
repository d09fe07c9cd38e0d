"""Training speed of notebook 02's FHRR classifier, in steps per second.

    python -m benchmarks.fhrr_training        (or: python dev.py bench)

Rebuilds the network, loss and update step of notebook 02 (sections 4 and 6:
12 3x3 kernels, 100 units, 1024 softsign outputs, similarity loss, RMSprop at
1e-3, batches of 128) and times one epoch of 468 steps in three variants:

* plain:   a jitted update step called from a Python loop (what the notebook does);
* donated: the same step with its parameter and optimiser buffers donated, so
           XLA may update them in place;
* scan:    a whole epoch compiled into one `lax.scan`.

The images are random bytes of Fashion-MNIST's shape: speed does not depend
on pixel values, and the benchmark then needs no data set.
"""

from __future__ import annotations

import time

import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np
import optax

from tutorial_support import fhrr

DIMENSION = 1024
BATCH = 128
STEPS = 468  # one epoch of 60 000 images


def network_fn(images: jax.Array) -> jax.Array:
    """Notebook 02's network: uint8 images (batch, 28, 28, 1) -> FHRR symbols (batch, D)."""
    x = images.astype(jnp.float32) / 255.0
    return hk.Sequential([
        hk.Conv2D(12, kernel_shape=3, padding="VALID"), jax.nn.relu, hk.Flatten(),
        hk.Linear(100), jax.nn.relu, hk.Linear(DIMENSION), jax.nn.soft_sign,
    ])(x)


network = hk.without_apply_rng(hk.transform(network_fn))
optimizer = optax.rmsprop(learning_rate=1e-3)


def similarity_loss(params, codebook, images, labels):
    """L = mean_j (1 - sim(f(x_j), c_{y_j}))."""
    return jnp.mean(1.0 - fhrr.similarity(network.apply(params, images), codebook[labels]))


def update(params, opt_state, codebook, images, labels):
    loss, grads = jax.value_and_grad(similarity_loss)(params, codebook, images, labels)
    updates, opt_state = optimizer.update(grads, opt_state, params)
    return optax.apply_updates(params, updates), opt_state, loss


update_plain = jax.jit(update)
update_donated = jax.jit(update, donate_argnums=(0, 1))


@jax.jit
def epoch_scan(params, opt_state, codebook, images, labels):
    def step(carry, batch):
        params, opt_state, loss = update(*carry, codebook, *batch)
        return (params, opt_state), loss

    (params, opt_state), losses = jax.lax.scan(step, (params, opt_state), (images, labels))
    return params, opt_state, losses


def init(seed: int = 0):
    key_net, key_codebook = jax.random.split(jax.random.PRNGKey(seed))
    codebook = fhrr.random_symbols(key_codebook, 10, DIMENSION)
    params = network.init(key_net, jnp.zeros((1, 28, 28, 1), jnp.uint8))
    return params, optimizer.init(params), codebook


def random_epoch(seed: int = 0):
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, (STEPS, BATCH, 28, 28, 1), dtype=np.uint8)
    labels = rng.integers(0, 10, (STEPS, BATCH))
    return images, labels


def time_loop(step_fn, images, labels) -> float:
    params, opt_state, codebook = init()
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


def main(repeats: int = 5) -> None:
    images, labels = random_epoch()
    variants = {
        "jitted step (notebook)": lambda: time_loop(update_plain, images, labels),
        "jitted step, donated buffers": lambda: time_loop(update_donated, images, labels),
        "one lax.scan per epoch": lambda: time_scan(images, labels),
    }
    print(f"notebook 02 training step, batch {BATCH}, D = {DIMENSION}, {STEPS} steps per epoch, "
          f"on {jax.devices()[0].platform}; {repeats} epochs per variant, interleaved")
    rates = {name: [] for name in variants}
    for _ in range(repeats):  # interleave, so that a slow spell of the machine hits all variants
        for name, run in variants.items():
            rates[name].append(run())
    for name, values in rates.items():
        print(f"  {name:<42} median {np.median(values):5.1f} steps/s, best {max(values):5.1f} "
              f"({STEPS / np.median(values):4.1f} s per epoch)")


if __name__ == "__main__":
    main()
