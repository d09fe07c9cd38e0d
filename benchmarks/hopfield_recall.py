"""Speed of notebook 04's asynchronous recall: 5000 single-unit updates of a 784-unit network.

    python -m benchmarks.hopfield_recall        (or: python dev.py bench)

Stores notebook 04's two digits (data/hopfield_digits.npz), flips 10% of the
'9' and times `hopfield.async_recover` with 5000 updates after compilation,
with and without the energy trace. The target is under 50 ms per recall on a
2-core CPU. For comparison it also times a batch of 64 cues recalled together
(one shared unit order, the form notebook 04's capacity experiment uses).

Each figure is set beside the machine's limit for the same work
(benchmarks/machine.py). An update reads a row of W and the state(s) to form
the field W_i · s, and writes one unit in place. The limit is the time of the
same 5000 reads done in bulk: the 5000 rows gathered and multiplied by the
starting state(s) in one product (bytes from XLA's cost analysis, rate
measured now). The ratio is then the fraction of the time the sequential loop
spends on that work rather than on waiting and loop overhead.
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


def fields_in_bulk(weights, columns, units):
    """The reads of all updates at once: the fields W_i · s for every unit i in `units`."""
    return weights[units] @ columns


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
    units = hopfield.sweep_order(key_order, patterns.shape[1], N_UPDATES)
    print(f"asynchronous recall, N = {patterns.shape[1]} units, {N_UPDATES} updates, "
          f"on {jax.devices()[0].platform}; {repeats} runs each after compilation")
    print(f"limit: the same {N_UPDATES} row reads and fields computed in bulk (XLA's bytes over the "
          "measured time of one gather and one product)")
    ratios, bulk = {}, {}
    for name, (run, states) in variants.items():
        times = np.array(time_call(run, repeats))
        if states.shape not in bulk:  # measured once per shape of the state(s)
            bulk[states.shape] = machine.bulk_throughput(fields_in_bulk, weights, states.T, units)
        bytes_moved, memory_rate = bulk[states.shape]
        print(f"{name}: median {np.median(times) * 1e3:6.1f} ms, best {times.min() * 1e3:6.1f} ms")
        ratios[name] = machine.report("one recall at the median time", float(np.median(times)),
                                      bytes_moved, memory_rate, "B")
    return ratios


if __name__ == "__main__":
    main()
