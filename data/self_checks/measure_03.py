"""Measure the spread of the answers to self-checks 03.2, 03.3 and 03.5 (notebook 03, HD-Glue).

Runs the definitions of solutions/03_hd_glue.py (everything before its Exercise 1), then, for the 15 runs
of the solution's exercise 1 (split seeds 42-56, network and hypervector seeds 0-14):

* 03.2: the accuracy cost (summed similarities minus HD-Glue, points) at D = 500 of every run, with two
  correct methods (the first 500 components of the run's hypervectors, prototypes retrained; and fresh
  500-component hypervectors, the encodings and prototypes made anew), the means over 5-run blocks and
  the 15-run mean; wrong: the fraction instead of points, the sign flipped, the cost at D = 10 000.
  (The D = 10 000 prototypes cut to 500 components without retraining give about the same cost, so that
  shortcut is not a wrong answer the check can catch; its values are printed.)
* 03.3: the number of test images whose prediction changes when the keys are replaced by permutations,
  summed over the first 5 runs, for several correct choices of permutation (shifts by k, by k + 1, by -k,
  by 2k, by 100k, and three draws of fixed random permutations); wrong: the change in the number right
  summed over the same runs, and the sum of its absolute values. Single runs overlap (a run can change 4
  predictions and another move the number right by 10), which is why the check asks for the 5-run sum.
* 03.5: the change in accuracy (points) when the weak view joins HD-Glue with weights 1/spread, five views
  minus the four good views, mean over the 10 runs of section 8, with the spread as in the solution and
  as the standard deviation of the whole training similarity matrix; wrong: the fraction instead of
  points, the sign flipped, equal weights, SAMME weights (each over the same 10 runs). Other correct
  definitions of the spread: the std with ddof = 1, its median over images, the mean absolute deviation. Single runs range
  from about -0.4 to -9 points and overlap the wrong weightings, which is why the check asks for the
  10-run mean; all single-run values are printed.

Writes data/self_checks/03.json. Takes about 3 minutes on an idle 2-core machine (15 runs of 5 MLPs and
5 HD layers), about 4 to 5 minutes when other jobs share the cores.
Run with: .venv/bin/python data/self_checks/measure_03.py
"""

import json
import pathlib
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
source = (ROOT / "solutions" / "03_hd_glue.py").read_text()
definitions = source[:source.index("# ### Exercise 1")]
# the MLP on all 64 pixels is not used here: leave it out to save time (each MLP has its own seed, so
# nothing else changes)
definitions = definitions.replace('    nets["all pixels"] = train_network(ALL_PIXELS, seed, X_tr, y_tr)\n', "")
exec(compile(definitions, "solutions/03_hd_glue.py", "exec"))  # noqa: S102

start = time.perf_counter()
N_RUNS, D500 = 15, 500
SPLITS = [(42 + i, i) for i in range(N_RUNS)]
four = list(views)
out = {"03.2": {"correct": [], "wrong": []}, "03.3": {"correct": [], "wrong": []},
       "03.5": {"correct": [], "wrong": []}}
cost_truncated, cost_fresh, wrong_untrained, cost_full = [], [], [], []
five_spread, five_matrix_spread, five_equal, five_samme, five_test_spread = [], [], [], [], []
five_ddof1, five_median, five_mad = [], [], []
changes_wrong = []


def glue_perm(sets, shifts):
    return sum(binary.permute(p, s).astype(jnp.float32) for s, p in zip(shifts, sets))


def glue_index(sets, perms):
    return sum(p[:, perm].astype(jnp.float32) for perm, p in zip(perms, sets))


for r, (split_seed, seed) in enumerate(SPLITS):
    run = prepare_run(split_seed, seed, keep_train_encodings=True)
    # --- 03.2: cost at D = 500
    first = slice(0, D500)
    protos = [train_prototypes(run.train_enc[v][:, first], run.y_tr, jax.random.fold_in(TIES, 1000 * run.seed + k))
              for k, v in enumerate(four)]
    test = [run.test_enc[v][:, first] for v in four]
    keys = run.codes.networks[:, first]

    def cost(protos, test, keys):
        bound = np.asarray(glue_query(test, keys=keys) @ glue(protos, keys=keys).T)
        summed = np.asarray(sum(binary.similarity_matrix(q, p) for p, q in zip(protos, test)))
        return 100 * (accuracy(summed.argmax(1), run.y_te) - accuracy(bound.argmax(1), run.y_te))

    cost_truncated.append(cost(protos, test, keys))
    wrong_untrained.append(cost([run.protos[v][:, first] for v in four], test, keys))
    cost_full.append(cost([run.protos[v] for v in four], [run.test_enc[v] for v in four], run.codes.networks))
    fresh = make_codes(jax.random.PRNGKey(10_000 + seed), D500)
    images = np.concatenate([run.X_tr, run.X_te])
    enc = [encode_levels(embed(run.nets[v], images, PIXEL_SETS[v]), fresh) for v in four]
    n_tr = len(run.X_tr)
    protos_f = [train_prototypes(e[:n_tr], run.y_tr, jax.random.fold_in(TIES, 1000 * run.seed + 50 + k))
                for k, e in enumerate(enc)]
    cost_fresh.append(cost(protos_f, [e[n_tr:] for e in enc], fresh.networks))
    # --- 03.3: keys replaced by permutations
    P, H = [run.protos[v] for v in four], [run.test_enc[v] for v in four]
    with_keys = np.asarray(glue_query(H, keys=run.codes.networks) @ glue(P, keys=run.codes.networks).T).argmax(1)
    rng = np.random.default_rng(seed)
    variants = {"shift k": [0, 1, 2, 3], "shift k + 1": [1, 2, 3, 4], "shift -k": [0, -1, -2, -3],
                "shift 2k": [0, 2, 4, 6], "shift 100k": [0, 100, 200, 300]}
    predictions = {name: np.asarray(glue_perm(H, s) @ glue_perm(P, s).T).argmax(1) for name, s in variants.items()}
    for t in range(3):
        perms = [np.arange(D)] + [rng.permutation(D) for _ in range(3)]
        predictions[f"random permutations {t}"] = np.asarray(glue_index(H, perms) @ glue_index(P, perms).T).argmax(1)
    for name, p in predictions.items():
        changed = int((p != with_keys).sum())
        right_change = int((p == run.y_te).sum()) - int((with_keys == run.y_te).sum())
        changes_wrong.append((r, name, changed, right_change))
    # --- 03.5: weak view with weights 1/spread
    def fused(names, weights):
        return accuracy(glued_predictions([run.protos[v] for v in names], [run.test_enc[v] for v in names],
                                          weights, keys=run.codes.networks), run.y_te)

    FIVE = [*four, "weak"]
    base = fused(four, None)
    train_sims = [binary.similarity_matrix(e, run.protos[v]) for v, e in
                  zip(FIVE, [*[run.train_enc[v] for v in four],
                             encode_levels(embed(run.nets["weak"], run.X_tr, border), run.codes)])]
    matrix_spread = np.array([float(jnp.std(s)) for s in train_sims])
    test_spread = np.array([float(binary.similarity_matrix(run.test_enc[v], run.protos[v]).std(axis=1).mean())
                            for v in FIVE])
    five_spread.append(100 * (fused(FIVE, 1 / run.spread) - base))
    five_matrix_spread.append(100 * (fused(FIVE, 1 / matrix_spread) - base))
    five_ddof1.append(100 * (fused(FIVE, 1 / np.array([float(jnp.std(s, axis=1, ddof=1).mean()) for s in train_sims])) - base))
    five_median.append(100 * (fused(FIVE, 1 / np.array([float(jnp.median(jnp.std(s, axis=1))) for s in train_sims])) - base))
    five_mad.append(100 * (fused(FIVE, 1 / np.array([float(jnp.abs(s - s.mean(axis=1, keepdims=True)).mean())
                                                      for s in train_sims])) - base))
    five_test_spread.append(100 * (fused(FIVE, 1 / test_spread) - base))
    five_equal.append(100 * (fused(FIVE, None) - base))
    five_samme.append(100 * (fused(FIVE, samme_weights(run.train_accuracy)) - base))
    print(f"run {r}: cost at 500 {cost_truncated[-1]:.2f} (fresh {cost_fresh[-1]:.2f}, untrained {wrong_untrained[-1]:.2f}); "
          f"03.3 changed {[c for rr, _, c, _ in changes_wrong if rr == r]}; "
          f"03.5 1/spread {five_spread[-1]:+.2f} matrix {five_matrix_spread[-1]:+.2f} test {five_test_spread[-1]:+.2f} "
          f"equal {five_equal[-1]:+.2f} samme {five_samme[-1]:+.2f}  ({time.perf_counter() - start:.0f} s)", flush=True)
    del run

blocks = [range(0, 5), range(5, 10), range(10, 15)]
print("03.2 single runs, first 500 components:", np.round(cost_truncated, 2))
print("03.2 single runs, fresh hypervectors:  ", np.round(cost_fresh, 2))
print("03.2 single runs, prototypes not retrained:", np.round(wrong_untrained, 2))
c32 = out["03.2"]
for r in range(N_RUNS):
    c32["correct"].append({"value": round(cost_truncated[r], 3), "from": f"single run {r}, first 500 components"})
    c32["correct"].append({"value": round(cost_fresh[r], 3), "from": f"single run {r}, fresh D = 500 hypervectors"})
for b in blocks:
    for name, values in (("first 500 components", cost_truncated), ("fresh hypervectors", cost_fresh)):
        c32["correct"].append({"value": round(float(np.mean([values[r] for r in b])), 3),
                               "from": f"mean of runs {b.start}-{b.stop - 1}, {name}"})
for name, values in (("first 500 components", cost_truncated), ("fresh hypervectors", cost_fresh)):
    c32["correct"].append({"value": round(float(np.mean(values)), 3), "from": f"mean of the 15 runs, {name}"})
for r in range(N_RUNS):
    c32["wrong"].append({"value": round(cost_truncated[r] / 100, 5), "why": f"run {r}: a fraction, not points"})
c32["wrong"].append({"value": round(-float(np.mean(cost_truncated)), 3), "why": "HD-Glue minus summed (sign flipped), 15 runs"})
c32["wrong"].append({"value": round(float(np.mean(cost_full)), 3), "why": "the cost at D = 10 000, not 500 (15 runs)"})

first5 = {}
for r, name, changed, right_change in changes_wrong:
    if r < 5:
        first5.setdefault(name, []).append((changed, right_change))
for name, rows in first5.items():
    out["03.3"]["correct"].append({"value": int(sum(c for c, _ in rows)), "from": f"runs 0-4 (split seeds 42-46), {name}"})
    out["03.3"]["wrong"].append({"value": int(sum(d for _, d in rows)), "why": f"runs 0-4, {name}: change in the number right, summed"})
    out["03.3"]["wrong"].append({"value": int(sum(abs(d) for _, d in rows)), "why": f"runs 0-4, {name}: |change in the number right|, summed"})
for b in blocks[1:]:
    sums = [(sum(c for rr, n, c, _ in changes_wrong if rr in b and n == name),
             sum(abs(d) for rr, n, _, d in changes_wrong if rr in b and n == name)) for name in first5]
    print(f"03.3 runs {b.start}-{b.stop - 1} (for comparison): sums changed {[s for s, _ in sums]}, sums |change in right| {[a for _, a in sums]}")
print("03.3 single runs over all choices: changed", min(c for *_, c, _ in changes_wrong), "to",
      max(c for *_, c, _ in changes_wrong), "; |change in number right| up to", max(abs(d) for *_, d in changes_wrong))

c35 = out["03.5"]
first10 = range(10)
for label, values in (("1/spread on the training images (std over classes, mean over images)", five_spread),
                      ("1/(std of the whole training similarity matrix)", five_matrix_spread),
                      ("1/spread with ddof = 1", five_ddof1), ("1/(median over images of the std over classes)", five_median),
                      ("1/(mean absolute deviation over classes)", five_mad)):
    c35["correct"].append({"value": round(float(np.mean([values[r] for r in first10])), 3), "from": f"runs 0-9, {label}"})
print("03.5 single runs, 1/spread:", np.round(five_spread, 2))
print("03.5 single runs, 1/(matrix std):", np.round(five_matrix_spread, 2))
print("03.5 single runs, 1/spread on the test images:", np.round(five_test_spread, 2))
for label, values in (("equal weights", five_equal), ("SAMME weights", five_samme)):
    c35["wrong"].append({"value": round(float(np.mean([values[r] for r in first10])), 3), "why": f"{label}, runs 0-9"})
m10 = float(np.mean([five_spread[r] for r in first10]))
c35["wrong"].append({"value": round(m10 / 100, 5), "why": "a fraction, not points (runs 0-9)"})
c35["wrong"].append({"value": round(-m10, 3), "why": "four views minus five (sign flipped), runs 0-9"})

doc = {"03.2": "single runs 0-14 (split seeds 42-56, seeds 0-14) with two methods, 5-run and 15-run means",
       "03.3": "runs 0-4 summed, 8 choices of permutation",
       "03.5": "runs 0-9 (the 10 runs of section 8), five definitions of the spread"}
result = {k: {"measured_by": f"data/self_checks/measure_03.py: {doc[k]}", **v} for k, v in out.items()}
(HERE / "03.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
print(f"wrote 03.json; took {time.perf_counter() - start:.0f} s")
