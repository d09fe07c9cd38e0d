"""Speed of notebook 04's asynchronous recall: 5000 single-unit updates of a 784-unit network.

    python -m benchmarks.hopfield_recall        (or: python dev.py bench)

Stores notebook 04's two digits (data/hopfield_digits.npz), flips 10% of the
'9' and times `hopfield.async_recover` with 5000 updates after compilation,
with and without the energy trace. The target is under 50 ms per recall on a
2-core CPU. For comparison it also times a batch of 64 cues recalled together
(one shared unit order, the form notebook 04's capacity experiment uses).
"""

from __future__ import annotations

import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

from tutorial_support import hopfield

N_UPDATES = 5000
DIGITS = Path(__file__).resolve().parent.parent / "data" / "hopfield_digits.npz"

recall = jax.jit(hopfield.async_recover, static_argnums=(3, 4))


def time_call(function, repeats: int) -> list[float]:
    jax.block_until_ready(function())  # compile
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        jax.block_until_ready(function())
        times.append(time.perf_counter() - start)
    return times


def main(repeats: int = 20) -> None:
    patterns = jnp.asarray(np.load(DIGITS)["patterns"], jnp.float32)
    weights = hopfield.hebbian_weights(patterns)
    key_noise, key_order = jax.random.split(jax.random.PRNGKey(0))
    cue = hopfield.flip_noise(key_noise, patterns[0], 0.1)
    batch = hopfield.flip_noise(key_noise, jnp.tile(patterns[:1], (64, 1)), 0.1)
    variants = {
        "one cue": lambda: recall(weights, cue, key_order, N_UPDATES, False),
        "one cue, with energy trace": lambda: recall(weights, cue, key_order, N_UPDATES, True),
        "64 cues at once": lambda: recall(weights, batch, key_order, N_UPDATES, False),
    }
    print(f"asynchronous recall, N = {patterns.shape[1]} units, {N_UPDATES} updates, "
          f"on {jax.devices()[0].platform}; {repeats} runs each after compilation")
    for name, run in variants.items():
        times = np.array(time_call(run, repeats)) * 1e3
        print(f"  {name:<28} median {np.median(times):6.1f} ms, best {times.min():6.1f} ms")


if __name__ == "__main__":
    main()
