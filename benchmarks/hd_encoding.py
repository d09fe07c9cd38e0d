"""Encoding speed of notebook 03: real embeddings -> bipolar hypervectors.

    python -m benchmarks.hd_encoding        (or: python dev.py bench)

Encodes 5 networks' embeddings (128 tanh units) of all 1 797 scikit-learn
digits with D = 10 000 and 100 levels, three ways:

* `binary.encode_levels`: the matrix-product form used in the notebook;
* `binary.encode`: the general vectorised gather over a codebook;
* a per-example, per-feature Python loop in the style of the source tutorial
  (look up the bin, bind it to the position key, collect, bundle), timed on a
  few examples and scaled up to the full set.

The embeddings are random tanh values of the right shape: encoding time does
not depend on what the networks learned.

`encode_levels` is set beside the machine's limit for the same work
(benchmarks/machine.py): its FLOPs from XLA's cost analysis, at the throughput
of its own product shape, measured now. For each of the levels 1 … L − 1 it
multiplies the thermometer code (examples, features) by the keys of the
components that flip at that level (features, step), step = D // (2(L − 1)).
"""

from __future__ import annotations

import time

import jax
import numpy as np

from benchmarks import machine
from tutorial_support import binary

D, LEVELS, FEATURES, EXAMPLES, NETWORKS = 10_000, 100, 128, 1797, 5


def loop_encode(codebook: np.ndarray, keys: np.ndarray, embedding: np.ndarray) -> np.ndarray:
    """One example, one feature at a time, as the source does."""
    bin_edges = np.linspace(-1, 1, LEVELS + 1)
    bound = []
    for f, value in enumerate(embedding):
        level = int(np.clip(np.digitize(value, bin_edges) - 1, 0, LEVELS - 1))
        bound.append(codebook[level] * keys[f])
    total = np.sum(bound, axis=0)
    return np.where(total >= 0, 1, -1).astype(np.int8)


def seconds(function, repeats: int = 3) -> float:
    jax.block_until_ready(function())  # compile / warm up
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        jax.block_until_ready(function())
        best = min(best, time.perf_counter() - start)
    return best


def main() -> dict[str, float]:
    levels = binary.make_levels(jax.random.PRNGKey(0), LEVELS, D)
    codebook = levels.hypervectors()
    keys = binary.random_hypervectors(jax.random.PRNGKey(1), FEATURES, D)
    ties = binary.random_hypervectors(jax.random.PRNGKey(2), 1, D)[0]
    rng = np.random.default_rng(0)
    embeddings = [np.tanh(rng.normal(size=(EXAMPLES, FEATURES))).astype(np.float32)
                  for _ in range(NETWORKS)]

    matmul = seconds(lambda: [binary.encode_levels(levels, keys, e, ties=ties) for e in embeddings])
    gather = seconds(lambda: [binary.encode(codebook, keys, e, ties=ties) for e in embeddings], repeats=1)
    codebook_np, keys_np, sample = np.asarray(codebook), np.asarray(keys), embeddings[0][:20]
    start = time.perf_counter()
    for embedding in sample:
        loop_encode(codebook_np, keys_np, embedding)
    loop = (time.perf_counter() - start) / len(sample) * EXAMPLES * NETWORKS

    print(f"encoding {NETWORKS} networks x {EXAMPLES} examples x {FEATURES} features, D = {D}:")
    print(f"  binary.encode_levels (matrix products)   {matmul:8.2f} s")
    print(f"  binary.encode (vectorised gather)        {gather:8.2f} s")
    print(f"  Python loop per example and feature      {loop:8.2f} s  (extrapolated from {len(sample)} examples)")
    print(f"  speed-up of encode_levels over the loop: {loop / matmul:.0f}x; of encode: {loop / gather:.0f}x")
    flops = machine.compiled_cost(lambda e: binary.encode_levels(levels, keys, e, ties=ties),
                                  embeddings[0], times=NETWORKS)[0]
    matmul_rate = machine.matmul_throughput([(EXAMPLES, FEATURES, levels.step)])
    print(f"limit: the FLOPs of encode_levels (XLA cost analysis) at the throughput of its "
          f"{levels.count - 1} products ({EXAMPLES}, {FEATURES}) @ ({FEATURES}, {levels.step}), "
          f"{matmul_rate / 1e9:.1f} GFLOP/s measured now")
    return {"binary.encode_levels": machine.report("encode_levels, all networks", matmul, flops,
                                                   matmul_rate)}


if __name__ == "__main__":
    main()
