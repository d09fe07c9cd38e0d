"""Measure the spread of the answers to self-checks 05.1, 05.3 and 05.4 (notebook 05, Dense Associative Memory).

Runs the definitions of solutions/05_dense_associative_memory.py (everything before its Exercise 1, with
`measure` taking an explicit list of pattern-set seeds), then:

* 05.1: the first K that breaks (fraction recalled from 3 flips below one half) at β = 2, 2.5, 3 and 3.5,
  on a half-octave grid of K around the breaks, for five disjoint triples of pattern sets (seeds 0-14,
  8 starts each, as the solution) and for the notebook's sample (seeds 0-4, 16 starts); from each: the
  slope of log2 K against β on the half-octave grid, on the doubling grid K = 2^j, and with log2 K
  interpolated where the pooled fraction crosses one half. Wrong: the competition-of-sums estimate's
  slope (cosh and Gaussian forms), and the slope of ln K instead of log2 K.
* 05.3: on section 5's pattern sets and starts (seeds 0-4, 16 starts), the lowest fraction of stored
  patterns that stay put over section 5's K at tanh gain β_v = 50, with the solution's step and run
  time, with half the step, and with twice the run time; wrong: the same at β_v = 5 and 20, and the
  signal-to-noise estimate without simulation. Also, for the report, the same at β_v = 50 on other
  pattern sets (seeds 5-9 and 10-14), to show how much another sample moves it.
* 05.4: β|θ_coffee − θ_coins|² where the even blend stops being stable: from the Hessian (the covariance
  of the two photos, analytically and as the Hessian of the energy at the midpoint with jax.hessian),
  and from strong-clamp scans (65 and 200 values of β, starts 45 % and 40 % of the way, λ = 3000 and
  300, 400 and 1000 steps); wrong: β itself, |Δ| instead of |Δ|², the Hessian with Cov = ΔΔᵀ/2 or ΔΔᵀ,
  and the mean squared difference per pixel.

Writes data/self_checks/05.json. Takes about 4 minutes on an idle 2-core machine, about 10 minutes when
other jobs share the cores (load 15).
Run with: .venv/bin/python data/self_checks/measure_05.py
"""

import json
import pathlib
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
source = (ROOT / "solutions" / "05_dense_associative_memory.py").read_text()
preamble = source[:source.index("# ### Exercise 1")]
preamble = preamble.replace("for seed in range(seeds)", "for seed in seeds").replace("jnp.arange(seeds)", "jnp.asarray(seeds)")
exec(compile(preamble, "solutions/05_dense_associative_memory.py", "exec"))  # noqa: S102

start = time.perf_counter()
out = {}


def dense_trial(stored, k, seed, beta, alpha, n_steps, n_starts):
    used = jnp.arange(stored.shape[0]) < k
    log_weight = jnp.where(used, 0.0, -jnp.inf)

    def lagrangian(m):
        return energy.lse_lagrangian(beta * m + log_weight) / beta

    return trial(hopfield(stored, lagrangian), stored, k, seed, n_starts, alpha, n_steps)


# ---------------------------------------------------------------- 05.1
GRID = {2.0: (128, 181, 256), 2.5: (512, 724, 1024), 3.0: (2048, 2896, 4096), 3.5: (4096, 5793, 8192)}
BETAS = np.array(sorted(GRID))


def breaks(seeds, n_starts):
    groups = {1024: [], 4096: [], 8192: []}
    for beta, ks in GRID.items():
        for k in ks:
            groups[min(s for s in groups if k <= s)].append((k, beta))
    results, _, _ = measure(partial(dense_trial, n_starts=n_starts), groups,
                            lambda norm, beta: coupling(norm, beta / 2), seeds, f"05.1 seeds {seeds}")
    return results


def first_break(results, seed_index, half_octave=True):
    found = {}
    for beta, ks in GRID.items():
        grid = ks if half_octave else [k for k in ks if math.log2(k).is_integer()]
        pooled = [float(results[k, beta]["recalled"][seed_index].mean()) for k in grid]
        found[beta] = next((k for k, p in zip(grid, pooled) if p < 0.5), None)
    return found


samples = []
wide = breaks(list(range(15)), 8)
for t in range(5):
    samples.append((f"pattern sets {3 * t}-{3 * t + 2}, 8 starts each", wide, list(range(3 * t, 3 * t + 3))))
samples.append(("pattern sets 0-4, 16 starts each (the notebook's sample)", breaks(list(range(5)), 16), list(range(5))))
rows_51 = []
for label, results, index in samples:
    for half_octave in (True, False):
        found = first_break(results, index, half_octave)
        if any(v is None for v in found.values()):
            print(label, "grid misses a break:", found)
            continue
        log_k = np.log2([found[b] for b in BETAS])
        slope = float(np.polyfit(BETAS, log_k, 1)[0])
        grid_name = "half-octave grid" if half_octave else "doubling grid"
        rows_51.append({"from": f"{label}, {grid_name}", "slope": slope, "breaks": found})
        print(f"05.1 {label}, {grid_name}: breaks {found}, slope {slope:.2f}", flush=True)
    crossing = []  # log2 K interpolated where the pooled fraction crosses 1/2 on the half-octave grid
    for beta, ks in GRID.items():
        pooled = [float(results[k, beta]["recalled"][index].mean()) for k in ks]
        j = next(j for j, f in enumerate(pooled) if f < 0.5)
        x0, x1, f0, f1 = math.log2(ks[j - 1]), math.log2(ks[j]), pooled[j - 1], pooled[j]
        crossing.append(x0 + (x1 - x0) * (f0 - 0.5) / (f0 - f1))
    rows_51.append({"from": f"{label}, log2 K interpolated at the crossing of 1/2",
                    "slope": float(np.polyfit(BETAS, crossing, 1)[0]), "breaks": crossing})
    print(f"05.1 {label}, interpolated: {np.round(crossing, 2)}, slope {rows_51[-1]['slope']:.2f}", flush=True)
amplitude = math.tanh(BETA_VISIBLE / math.sqrt(D))


def estimated_log2_break(beta, gaussian=False):
    x = beta * amplitude * math.sqrt(D)
    log_mean = 0.5 * (beta * amplitude) ** 2 if gaussian else D * math.log(math.cosh(beta * amplitude / math.sqrt(D)))
    return math.log2(1 + math.exp(x - log_mean))


formula = {g: np.array([estimated_log2_break(b, g) for b in BETAS]) for g in (False, True)}
formula_slope = {g: float(np.polyfit(BETAS, formula[g], 1)[0]) for g in (False, True)}
print(f"05.1 formula slopes {formula_slope}, log2 K at β = 3: {formula[False][2]:.2f} / {formula[True][2]:.2f}"
      f"  ({time.perf_counter() - start:.0f} s)", flush=True)

# ---------------------------------------------------------------- 05.3
KS, STARTS = (2, 4, 8, 16, 32, 64, 128, 256), 16


def lowest_kept(gain, seeds, alpha_scale=1.0, time_scale=1.0):
    global ALPHA, RUN_TIME
    saved = ALPHA, RUN_TIME

    def gain_trial(stored, k, seed, g, alpha, n_steps):
        visible = lambda v: energy.tanh_lagrangian(g * v) / g  # noqa: E731
        return trial(hopfield(stored, energy.quadratic_lagrangian, visible), stored, k, seed, STARTS, alpha, n_steps,
                     unflipped=True)

    groups = {32: [(k, gain) for k in KS if k <= 32], 256: [(k, gain) for k in KS if k > 32]}
    ALPHA, RUN_TIME = saved[0] * alpha_scale, saved[1] * time_scale
    try:
        results, _, _ = measure(gain_trial, groups, lambda norm, g: coupling(norm, 1.0, g), seeds, f"05.3 gain {gain}")
    finally:
        ALPHA, RUN_TIME = saved
    return float(min(results[k, gain]["kept"].mean() for k in KS))


def one_update_estimate(k, flips, d=D):
    if k == 1:
        return 1.0
    sigma = math.sqrt((k - 1) * (d - 1)) / d
    phi = lambda z: 0.5 * (1 + math.erf(z / math.sqrt(2)))  # noqa: E731
    right, flipped = (d - 2 * flips + k - 1) / d, (d - 2 * flips - k + 1) / d
    return phi(right / sigma) ** (d - flips) * phi(flipped / sigma) ** flips


SECTION_5 = list(range(5))
correct_53 = [(lowest_kept(50.0, SECTION_5), "β_v = 50, the solution's step 0.05 and 20 time constants"),
              (lowest_kept(50.0, SECTION_5, alpha_scale=0.5), "β_v = 50, half the step (0.025)"),
              (lowest_kept(50.0, SECTION_5, time_scale=2.0), "β_v = 50, 40 time constants")]
wrong_53 = [(lowest_kept(5.0, SECTION_5), "β_v = 5, the notebook's gain"),
            (lowest_kept(20.0, SECTION_5), "β_v = 20, the other gain of the exercise"),
            (min(one_update_estimate(k, 0) for k in KS), "the signal-to-noise estimate, not simulated")]
other_seeds_53 = [(lowest_kept(50.0, list(range(5 * t, 5 * t + 5))), f"β_v = 50 on pattern sets {5 * t}-{5 * t + 4}")
                  for t in (1, 2)]
other_seeds_20 = [(lowest_kept(20.0, list(range(5 * t, 5 * t + 5))), f"β_v = 20 on pattern sets {5 * t}-{5 * t + 4}")
                  for t in (1, 2)]
print("05.3 correct", correct_53, "\nwrong", wrong_53, "\nother seeds", other_seeds_53, other_seeds_20,
      f"({time.perf_counter() - start:.0f} s)", flush=True)

# ---------------------------------------------------------------- 05.4
images = dam.load_images(32)
names = list(dam.IMAGE_NAMES)
N_IMAGES, PIXELS = images.shape
PAIR = (names.index("coffee"), names.index("coins"))
label_names = [name for name in names if name != "coins"]
shared_labels = np.zeros((N_IMAGES, len(label_names)), dtype=np.float32)
for mu, name in enumerate(names):
    shared_labels[mu, label_names.index("coffee" if name == "coins" else name)] = 1.0
COFFEE_LABEL = label_names.index("coffee")
pair_images = jnp.asarray(images)[jnp.array(PAIR)]
delta = np.asarray(images[PAIR[0]] - images[PAIR[1]], dtype=np.float64)
delta_squared = float(delta @ delta)
one_hot = jax.nn.one_hot(COFFEE_LABEL, len(label_names))


def scan_threshold(n_betas, t0, strength, n_steps, tolerance=0.05):
    betas = np.geomspace(0.03, 0.15, n_betas)
    start_x = ((1 - t0) * pair_images[0] + t0 * pair_images[1])[None]

    def final_along(beta):
        memory = dam.ConditionalMemory(images, shared_labels, beta=beta, label_strength=strength)
        x = jax.lax.fori_loop(0, n_steps, lambda _, s: memory.image_step(s, one_hot, 1.0)[0], start_x[0])
        return (x - pair_images[0]) @ (pair_images[1] - pair_images[0]) / delta_squared

    along = np.asarray(jax.jit(jax.vmap(final_along))(jnp.asarray(betas)))
    stays = np.abs(along - 0.5) < tolerance
    return float(betas[stays].max() * delta_squared)


covariance = 0.25 * np.outer(delta, delta)  # Cov of two points with weight 1/2 each
hessian_analytic = float(delta_squared / np.linalg.eigvalsh(covariance).max())  # β* |Δ|², β* = 1 / λ_max(Cov)
memory_probe = dam.ConditionalMemory(images, shared_labels, beta=0.05, label_strength=3000.0)
midpoint = 0.5 * (pair_images[0] + pair_images[1])
rows_54 = [(hessian_analytic, "Hessian I − β Cov at the midpoint, Cov = ΔΔᵀ/4 (eigenvalue)")]
# the Hessian of the energy at the midpoint, from the memory's own step: with α = 1 the step is the
# weighted average, whose Jacobian is β Cov_p(θ); the blend is stable while its largest eigenvalue < 1
step_jacobian = jax.jacobian(lambda x: memory_probe.image_step(x, one_hot, 1.0)[0])(midpoint)
largest = float(np.linalg.eigvalsh(0.5 * (np.asarray(step_jacobian) + np.asarray(step_jacobian).T)).max())
rows_54.append((delta_squared * 0.05 / largest, "Jacobian of the memory's step at the midpoint (jax.jacobian), β = 0.05"))
for n_betas, t0, strength, n_steps in ((65, 0.45, 3000.0, 400), (200, 0.45, 3000.0, 400), (65, 0.40, 3000.0, 400),
                                       (65, 0.45, 300.0, 400), (200, 0.45, 3000.0, 1000), (200, 0.49, 3000.0, 400)):
    rows_54.append((scan_threshold(n_betas, t0, strength, n_steps),
                    f"strong-clamp scan: {n_betas} β from 0.03 to 0.15, start {t0:.2f} of the way, λ = {strength:g}, {n_steps} steps"))
wrong_54 = [(4 / delta_squared, "β itself, not β|Δ|²"), (4 / delta_squared * math.sqrt(delta_squared), "β|Δ| (not squared)"),
            (2.0, "the Hessian with Cov = ΔΔᵀ/2 (the weights' 1/2 counted once)"), (1.0, "the Hessian with Cov = ΔΔᵀ"),
            (4 / delta_squared * delta_squared / PIXELS, "β times the mean squared difference per pixel")]
print("05.4", rows_54, wrong_54, f"({time.perf_counter() - start:.0f} s)", flush=True)
out = {
    "05.1": {"measured_by": "data/self_checks/measure_05.py: β = 2, 2.5, 3, 3.5 on a half-octave grid of K around the "
                            "breaks; 5 disjoint triples of pattern sets (seeds 0-14, 8 starts each) and seeds 0-4 with "
                            "16 starts; half-octave grid, doubling grid, interpolated crossing",
             "correct": [{"value": round(r["slope"], 4), "from": r["from"]} for r in rows_51],
             "wrong": [{"value": round(formula_slope[False], 4), "why": "the competition-of-sums estimate (cosh form), not simulated"},
                       {"value": round(formula_slope[True], 4), "why": "the competition-of-sums estimate (Gaussian form), not simulated"},
                       {"value": round(rows_51[0]["slope"] * math.log(2), 4), "why": "slope of ln K, not log2 K"}]},
    "05.3": {"measured_by": "data/self_checks/measure_05.py: section 5's pattern sets and starts (seeds 0-4, 16 starts), "
                            "K = 2 ... 256; step 0.05 or 0.025, 20 or 40 time constants. On other pattern sets "
                            f"(seeds 5-9, 10-14) β_v = 50 gives {', '.join(f'{v:.4f}' for v, _ in other_seeds_53)} and "
                            f"β_v = 20 gives {', '.join(f'{v:.4f}' for v, _ in other_seeds_20)}: they overlap, hence the seeds are fixed",
             "correct": [{"value": round(v, 4), "from": w} for v, w in correct_53],
             "wrong": [{"value": round(v, 4), "why": w} for v, w in wrong_53]},
    "05.4": {"measured_by": "data/self_checks/measure_05.py: the Hessian (analytic eigenvalue and jax.jacobian of the "
                            "memory's step at the midpoint) and 6 strong-clamp scans",
             "correct": [{"value": round(v, 4), "from": w} for v, w in rows_54],
             "wrong": [{"value": round(v, 4), "why": w} for v, w in wrong_54]},
}
(HERE / "05.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
print(f"wrote 05.json; took {time.perf_counter() - start:.0f} s")
