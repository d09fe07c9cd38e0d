"""What this machine can do for a given computation, measured in the same run.

A benchmark's figure alone (steps per second, milliseconds) does not say
whether it is good. Here each hot loop is set beside a limit derived in
process:

    t_limit = F / R_mm    (a loop whose work is matrix products), or
    t_limit = B / R_mem   (a loop that mostly moves data)

* F and B are the floating-point operations and the bytes the compiled
  function moves, from XLA's cost analysis (`jax.jit(f).lower(...).compile()
  .cost_analysis()`). XLA counts the body of a loop once, so a loop's cost is
  its body's cost times the number of iterations (`compiled_cost(..., times=)`).
* R_mm is float32 matrix-product throughput measured on the computation's own
  product shapes; R_mem is the rate at which the same reads run when done in
  bulk, with no step waiting for the previous one (`bulk_throughput`). Both
  are measured now, on this machine.

The ratio t_limit / t_measured is the fraction of the limit reached: 1 means
the computation runs as fast as its products (or its reads) allow on this
machine, 0.1 means nine tenths of the time goes elsewhere (small operations,
loop overhead, copies). The limit is an estimate, not a bound that cannot be
beaten: XLA's FLOP counts include element-wise work, and a product of one
shape can run faster than the average over the shapes given.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp
import numpy as np


def compiled_cost(function: Callable, *args, times: int = 1) -> tuple[float, float]:
    """(FLOPs, bytes accessed) of `function` compiled for `args`, times `times` (for a loop body)."""
    analysis = jax.jit(function).lower(*args).compile().cost_analysis()
    if isinstance(analysis, (list, tuple)):  # older JAX returns one dict per device
        analysis = analysis[0]
    return times * float(analysis.get("flops", 0.0)), times * float(analysis.get("bytes accessed", 0.0))


def best_seconds(function: Callable[[], object], repeats: int = 7, min_seconds: float = 0.02) -> float:
    """Best time of one call of `function` (after a warm-up call), calls repeated to last ≥ min_seconds."""
    jax.block_until_ready(function())
    calls = 1
    while True:  # enough calls per measurement that the timer's resolution does not matter
        start = time.perf_counter()
        for _ in range(calls):
            jax.block_until_ready(function())
        if time.perf_counter() - start >= min_seconds:
            break
        calls *= 2
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            jax.block_until_ready(function())
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def matmul_throughput(shapes: Sequence[tuple[int, int, int]]) -> float:
    """FLOP/s of float32 products (m, k) @ (k, n) of the given shapes: Σ 2mkn / Σ t."""
    flops, seconds = 0.0, 0.0
    product = jax.jit(jnp.matmul)
    for m, k, n in shapes:
        a = jax.random.normal(jax.random.PRNGKey(m), (m, k), jnp.float32)
        b = jax.random.normal(jax.random.PRNGKey(n), (k, n), jnp.float32)
        flops += 2.0 * m * k * n
        seconds += best_seconds(lambda a=a, b=b: product(a, b))
    return flops / seconds


def bulk_throughput(function: Callable, *args) -> tuple[float, float]:
    """(bytes, bytes/s) of `function(*args)`: XLA's byte count over its measured time.

    For a loop of small dependent steps, `function` does the same reads in bulk
    (all rows gathered, one product), so its rate is what the memory system
    delivers for this work when nothing waits on the previous step.
    """
    bytes_moved = compiled_cost(function, *args)[1]
    compiled = jax.jit(function)
    return bytes_moved, bytes_moved / best_seconds(lambda: compiled(*args))


def report(name: str, seconds: float, amount: float, rate: float, unit: str) -> float:
    """Print the measured time, the limit amount / rate for the same work and their ratio; return it.

    `unit` is "FLOP" (amount = F, rate = R_mm) or "B" (amount = bytes, rate = R_mem).
    """
    limit = amount / rate
    ratio = limit / seconds
    print(f"  {name}: measured {seconds * 1e3:.3f} ms; limit {limit * 1e3:.3f} ms "
          f"({amount / 1e6:.1f} M{unit} at {rate / 1e9:.1f} G{unit}/s, measured now); "
          f"ratio {ratio:.2f}")
    return ratio
