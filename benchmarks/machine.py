"""What this machine can do for a given computation, measured in the same run.

A benchmark's figure alone (steps per second, milliseconds) does not say
whether it is good. Here each hot loop is set beside a limit derived in
process:

    t_limit = F / R

* F is the number of floating-point operations of the compiled function, from
  XLA's cost analysis (`jax.jit(f).lower(...).compile().cost_analysis()`).
  XLA counts the body of a loop once, so a loop of n identical steps costs n
  times the analysis of one step (`compiled_cost(..., times=n)`).
* R is float32 matrix-product throughput measured now, on this machine, on the
  computation's own product shapes (`matmul_throughput`). For a loop of small
  dependent products (one row times the state, as in asynchronous recall) the
  shape is the same products stacked into one, reading the same matrix: what
  the machine does with this work when no product waits for the previous one.

The ratio t_limit / t_measured is the fraction of the limit reached: 1 means
the computation runs as fast as its products allow on this machine, 0.1 means
nine tenths of the time goes elsewhere (small operations, loop overhead,
copies). The limit is an estimate, not a bound that cannot be beaten: XLA's
FLOP counts include element-wise work, and one product of a shape can run
faster than the average over the shapes given. Figures are medians of several
runs; throughputs are best-of timings (`best_seconds`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import jax
import jax.numpy as jnp


def compiled_cost(function: Callable, *args, times: int = 1) -> tuple[float, float]:
    """(FLOPs, bytes accessed) of `function` compiled for `args`, multiplied by `times`.

    Use `times` for work repeated n times that XLA would count once: the body
    of a loop, or one call of a function that a benchmark makes n times.
    """
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


def report(name: str, seconds: float, flops: float, rate: float) -> float:
    """Print the measured time, the limit t_limit = F / R for the same work and their ratio; return it."""
    limit = flops / rate
    ratio = limit / seconds
    print(f"  {name}: measured {seconds * 1e3:.3f} ms; limit {limit * 1e3:.3f} ms "
          f"({flops / 1e6:.1f} MFLOP at {rate / 1e9:.1f} GFLOP/s, measured now); ratio {ratio:.2f}")
    return ratio
