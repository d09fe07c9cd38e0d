"""Speed of notebook 04's asynchronous recall: 5000 single-unit updates of a 784-unit network.

    python -m benchmarks.hopfield_recall        (or: python dev.py bench)

Stores notebook 04's two digits (data/hopfield_digits.npz), flips 10% of the
'9' and times `hopfield.async_recover` with 5000 updates after compilation,
with and without the energy trace. The target is under 50 ms per recall on a
2-core CPU. For comparison it also times a batch of 64 cues recalled together
(one shared unit order, the form notebook 04's capacity experiment uses).

Each figure is set beside the machine's limit for the same work
(benchmarks/machine.py). An update computes the field W_i · s of one unit, a
(1, N) @ (N, B) product for B cues: its FLOPs come from XLA's cost analysis of
one update's field, times 5000. The rate is that of the same products stacked
into one, W @ s, an (N, N) @ (N, B) product reading the same W, measured now:
the ratio is the fraction of the loop's time that the products themselves
would need if none waited for the previous one.
"""

from __future__ import annotations

import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np

from benchmarks import machine
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


def field(weights, columns, i):
    """The product of one asynchronous update: the field W_i · s of unit i (for every cue)."""
    return weights[i] @ columns


def main(repeats: int = 20) -> dict[str, float]:
    patterns = jnp.asarray(np.load(DIGITS)["patterns"], jnp.float32)
    weights = hopfield.hebbian_weights(patterns)
    key_noise, key_order = jax.random.split(jax.random.PRNGKey(0))
    cue = hopfield.flip_noise(key_noise, patterns[0], 0.1)
    batch = hopfield.flip_noise(key_noise, jnp.tile(patterns[:1], (64, 1)), 0.1)
    variants = {
        "one cue": (lambda: recall(weights, cue, key_order, N_UPDATES, False), cue),
        "one cue, with energy trace": (lambda: recall(weights, cue, key_order, N_UPDATES, True), cue),
        "64 cues at once": (lambda: recall(weights, batch, key_order, N_UPDATES, False), batch),
    }
    units = patterns.shape[1]
    print(f"asynchronous recall, N = {units} units, {N_UPDATES} updates, "
          f"on {jax.devices()[0].platform}; {repeats} runs each after compilation")
    print(f"limit: the FLOPs of {N_UPDATES} fields W_i · s (XLA cost analysis of one) at the rate of "
          f"the stacked product W @ s, measured now")
    ratios, rates = {}, {}
    for name, (run, states) in variants.items():
        times = np.array(time_call(run, repeats))
        cues = 1 if states.ndim == 1 else states.shape[0]
        if cues not in rates:  # measured once per number of cues
            rates[cues] = machine.matmul_throughput([(units, units, cues)])
        flops = machine.compiled_cost(field, weights, states.T, 7, times=N_UPDATES)[0]
        print(f"{name}: median {np.median(times) * 1e3:6.1f} ms, best {times.min() * 1e3:6.1f} ms")
        ratios[name] = machine.report("one recall at the median time", float(np.median(times)),
                                      flops, rates[cues])
    return ratios


if __name__ == "__main__":
    main()
