"""Measure the spread of the answers to the self-checks 01.1, 01.2 and 01.3 (notebook 01, VSA foundations).

For each check it computes the answer as the worked solution does, the answers other correct
solutions reach, and the answers of the mistakes the hints warn about; writes data/self_checks/01.json.
Run: .venv/bin/python data/self_checks/measure_01.py (about 1 to 3 minutes on a loaded 2-core
machine; not run in CI).

* 01.1: 90 % capacity of the integer-sum MAP bundle, D = 1024, codebook of 1 000: the solution's
  grid and 100 bundles per n; 10 draws (codebooks and bundles), each alone and as the mean of 3;
  the nearest grid point (last n ≥ 0.9, first n < 0.9) instead of interpolation; 50 bundles per n;
  a finer grid; the theory. Wrong: the majority (thresholded) bundle, FHRR, the capacity per
  component (n / D), the n at which 90 % of the bundles give back ALL their members.
* 01.2 (exact): the clean-up of (R_USA ⊛ R_MEX) ⊛ dollar with MAP at D = 10 000 and 1 024, several
  symbol draws. Wrong: the query before binding with dollar (dollar itself), R_USA ⊛ dollar alone
  (gives the role CURRENCY), the mapping applied to usa.
* 01.3: length at which 90 % of the letters are read back from a sequence vector, D = 1024: the
  solution's lengths and 50 strings per length, 8 draws alone and as the mean of 3, 100 strings
  per length, ties of an even L set to +1 instead of at random, the nearest grid point, the
  theory with 25 distractors. Wrong: section 3's bundle against 1 000 distractors (its measured
  capacity), the length at which 90 % of the strings are read back without a single error, the
  read-out without shifting back, the length as a fraction of D.
"""

import json
import pathlib
import time
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from tutorial_support import binary, capacity, fhrr

OUT = pathlib.Path(__file__).with_name("01.json")
SCRIPT = "data/self_checks/measure_01.py"
started = time.time()
KEY = jax.random.key(2024)


def keys(name: str, n: int = 1):
    folded = jax.random.fold_in(KEY, sum(ord(c) * 31**i for i, c in enumerate(name)) % 2**31)
    return jax.random.split(folded, n)


result = {}
D = 1024
CODEBOOK_SIZE = 1000


# --- 01.1 ----------------------------------------------------------------------------------------
def majority_sims(codebook, members, mask, ties):
    totals = jnp.sum(jnp.where(mask, members.astype(jnp.int32), 0), axis=0)
    return binary.similarity_matrix(codebook, binary.sign_with_ties(totals, ties)[None, :])[:, 0]


def integer_sims(codebook, members, mask, ties):
    totals = jnp.sum(jnp.where(mask, members.astype(jnp.int32), 0), axis=0).astype(jnp.float32)
    return codebook.astype(jnp.float32) @ totals / (jnp.sqrt(codebook.shape[1]) * jnp.linalg.norm(totals))


def fhrr_sims(codebook, members, mask, ties):
    phasor_sum = jnp.sum(jnp.where(mask, jnp.exp(1j * jnp.pi * members), 0), axis=0)
    return fhrr.similarity_matrix(codebook, fhrr.wrap(jnp.angle(phasor_sum) / jnp.pi)[None, :])[:, 0]


FAMILIES = {"MAP": (binary.random_hypervectors, majority_sims),
            "MAP, integer sum": (binary.random_hypervectors, integer_sims),
            "FHRR": (fhrr.random_symbols, fhrr_sims)}


def returned(family, codebook, key, n, n_max):
    """(fraction of the n members that beat every non-member, 1 if all of them do)."""
    order_key, tie_key = jax.random.split(key)
    order = jax.random.permutation(order_key, codebook.shape[0])[:n_max]
    ties = jnp.where(jax.random.bernoulli(tie_key, 0.5, (codebook.shape[1],)), 1, -1).astype(jnp.int8)
    mask = (jnp.arange(n_max) < n)[:, None]
    sims = FAMILIES[family][1](codebook, codebook[order], mask, ties)
    is_member = jnp.zeros(codebook.shape[0], bool).at[order].set(jnp.arange(n_max) < n)
    best_other = jnp.max(jnp.where(is_member, -jnp.inf, sims))
    beats = (sims[order] > best_other) & (jnp.arange(n_max) < n)
    return jnp.sum(beats) / n, jnp.sum(beats) == n


@partial(jax.jit, static_argnames=("family", "n_max"))
def mean_returned(family, codebook, trial_keys, n, n_max):
    fractions, all_back = jax.vmap(lambda k: returned(family, codebook, k, n, n_max))(trial_keys)
    return jnp.mean(fractions), jnp.mean(all_back)


def curve(family, ns, name, trials=100):
    codebook_key, trial_key = keys(name, 2)
    codebook = FAMILIES[family][0](codebook_key, CODEBOOK_SIZE, D)
    trial_keys = jax.random.split(trial_key, trials)
    out = np.array([[float(v) for v in mean_returned(family, codebook, trial_keys, jnp.asarray(n), max(ns))]
                    for n in ns])
    return out[:, 0], out[:, 1]


def nearest_grid(ns, values, fraction=0.9):
    i = int(np.argmax(np.asarray(values) < fraction))
    return float(ns[i - 1]), float(ns[i])


NS = [1, 10, 20, 30, 35, 40, 45, 50, 55, 60, 70, 80, 100]
FINE = [1, 10, 20, 30] + list(range(36, 66, 2)) + [70, 80, 100]
correct, wrong = [], []
singles = []
for draw in range(10):
    name = "capacity MAP, integer sum 1024" + (f" draw {draw}" if draw else "")
    values, all_back = curve("MAP, integer sum", NS, name)
    singles.append(capacity.capacity_at(0.9, NS, values))
    correct.append({"value": singles[-1], "from": f"one draw ({name!r}), 100 bundles per n, interpolated"})
    if draw < 3:
        last_above, first_below = nearest_grid(NS, values)
        correct.append({"value": last_above, "from": f"draw {draw}: last grid n with ≥ 0.9 (no interpolation)"})
        correct.append({"value": first_below, "from": f"draw {draw}: first grid n below 0.9 (no interpolation)"})
        wrong.append({"value": capacity.capacity_at(0.9, NS, all_back),
                      "why": f"draw {draw}: n at which 90 % of the bundles return ALL their members"})
for start in (0, 3, 6):
    correct.append({"value": float(np.mean(singles[start:start + 3])),
                    "from": f"mean of draws {start}..{start + 2}" + (" (the solution)" if start == 0 else "")})
for draw in range(3):
    values, _ = curve("MAP, integer sum", NS, f"half trials {draw}", trials=50)
    correct.append({"value": capacity.capacity_at(0.9, NS, values), "from": f"50 bundles per n, draw {draw}"})
    values, _ = curve("MAP, integer sum", FINE, f"fine grid {draw}")
    correct.append({"value": capacity.capacity_at(0.9, FINE, values), "from": f"grid of step 2, draw {draw}"})
fine_n = np.arange(1, 201)
theory = [capacity.retrieval_probability(1 / np.sqrt(n), max(np.sqrt((n - 1) / n) / np.sqrt(D), 1e-9),
                                         1 / np.sqrt(D), CODEBOOK_SIZE - n) for n in fine_n]
correct.append({"value": capacity.capacity_at(0.9, fine_n, theory), "from": "the theory of the solution"})
print(f"01.1 correct {min(c['value'] for c in correct):.1f}..{max(c['value'] for c in correct):.1f}  "
      f"{time.time() - started:.0f} s")
majority, _ = curve("MAP", [1, 5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 80], "capacity MAP 1024")
majority_capacity = capacity.capacity_at(0.9, [1, 5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 80], majority)
wrong.append({"value": majority_capacity, "why": "the majority (thresholded) bundle of section 3, not the integer sum"})
FHRR_NS = [1, 10, 20, 40, 60, 70, 80, 90, 100, 120, 150, 200]
fhrr_values, _ = curve("FHRR", FHRR_NS, "capacity FHRR 1024")
wrong.append({"value": capacity.capacity_at(0.9, FHRR_NS, fhrr_values), "why": "FHRR instead of the MAP integer sum"})
wrong.append({"value": float(np.mean(singles[:3])) / D, "why": "the capacity per component, n / D"})
print("01.1 wrong", [round(w["value"], 3) for w in wrong], f"{time.time() - started:.0f} s")
result["01.1"] = {
    "measured_by": f"{SCRIPT}: integer-sum MAP bundle, D = 1024, codebook of 1000, 100 bundles per n on the "
                   "solution's grid: 10 draws alone, means of 3, nearest grid points, 50 bundles per n, a grid "
                   "of step 2, the theory; wrong: majority bundle, FHRR, n / D, all members back in 90 % of bundles",
    "correct": correct,
    "wrong": wrong,
}

# --- 01.2 ----------------------------------------------------------------------------------------
ROLES = ["NAME", "CAPITAL", "CURRENCY"]
FILLERS = {"usa": ["usa", "washington", "dollar"], "mexico": ["mexico", "mexico_city", "peso"]}
SYMBOLS = ROLES + FILLERS["usa"] + FILLERS["mexico"]


def dollar_of_mexico(key, dimension):
    symbol = dict(zip(SYMBOLS, binary.random_hypervectors(key, len(SYMBOLS), dimension)))
    book = jnp.stack([symbol[s] for s in SYMBOLS])

    def record(country):
        return binary.bundle(jnp.stack([binary.bind(symbol[r], symbol[f]) for r, f in zip(ROLES, FILLERS[country])]))

    def clean(x):
        return SYMBOLS[int(jnp.argmax(binary.similarity_matrix(book, x[None, :])[:, 0]))]

    usa, mexico = record("usa"), record("mexico")
    mapping = binary.bind(usa, mexico)
    return {"right": clean(binary.bind(mapping, symbol["dollar"])),
            "usa only": clean(binary.bind(usa, symbol["dollar"])),
            "mapping on usa": clean(binary.bind(mapping, symbol["usa"]))}


correct, wrong = [], []
for dimension in (10_000, 1024):
    for draw in range(5):
        key = keys("dollar of mexico")[0] if draw == 0 else jax.random.key(1200 + draw)
        answers = dollar_of_mexico(key, dimension)
        correct.append({"value": answers["right"], "from": f"MAP, D = {dimension}, symbol draw {draw}"
                        + (" (the solution's keys)" if draw == 0 and dimension == 10_000 else "")})
        if draw == 0:
            wrong.append({"value": answers["usa only"],
                          "why": f"R_USA ⊛ dollar without R_MEX (D = {dimension}): unbinds the role"})
            wrong.append({"value": answers["mapping on usa"],
                          "why": f"the mapping applied to usa instead of dollar (D = {dimension})"})
for spelling in ("Peso", " PESO "):
    correct.append({"value": spelling, "from": "accepted spelling"})
wrong.append({"value": "dollar", "why": "the query before binding with the mapping"})
print("01.2", sorted({c["value"] for c in correct}), [w["value"] for w in wrong], f"{time.time() - started:.0f} s")
result["01.2"] = {
    "measured_by": f"{SCRIPT}: MAP records bundled from three role ⊛ filler pairs, D = 10000 and 1024, 5 symbol "
                   "draws each; wrong: R_USA ⊛ dollar alone, the mapping applied to usa, dollar itself",
    "correct": correct,
    "wrong": wrong,
}

# --- 01.3 ----------------------------------------------------------------------------------------
LENGTHS = [10, 20, 30, 40, 45, 50, 55, 60, 65, 70, 80, 100, 120]
L_MAX = max(LENGTHS)
alphabet = binary.random_hypervectors(keys("alphabet")[0], 26, D)


def sequence_vector(letters, length, key, random_ties=True):
    shifted = jax.vmap(binary.permute)(alphabet[letters], jnp.arange(L_MAX))
    totals = jnp.sum(jnp.where((jnp.arange(L_MAX) < length)[:, None], shifted.astype(jnp.int32), 0), axis=0)
    ties = jnp.where(jax.random.bernoulli(key, 0.5, totals.shape), 1, -1).astype(jnp.int8)
    return binary.sign_with_ties(totals, ties if random_ties else jnp.ones_like(ties))


def read_back(sequence, unshift=True):
    unshifted = jax.vmap(lambda i: binary.permute(sequence, -i if unshift else 0))(jnp.arange(L_MAX))
    return jnp.argmax(binary.similarity_matrix(unshifted, alphabet), axis=1)


@partial(jax.jit, static_argnames=("strings", "random_ties", "unshift"))
def letters_right(key, length, strings=50, random_ties=True, unshift=True):
    """(fraction of letters read back, fraction of strings read back without an error)."""
    letter_key, tie_key = jax.random.split(key)
    text = jax.random.randint(letter_key, (strings, L_MAX), 0, 26)
    seqs = jax.vmap(sequence_vector, in_axes=(0, None, 0, None))(text, length, jax.random.split(tie_key, strings),
                                                                random_ties)
    right = (jax.vmap(read_back, in_axes=(0, None))(seqs, unshift) == text) & (jnp.arange(L_MAX) < length)
    wrong_letters = jnp.sum((jnp.arange(L_MAX) < length) & ~right, axis=1)
    return jnp.sum(right) / (strings * length), jnp.mean(wrong_letters == 0)


def length_curve(name, lengths=LENGTHS, **options):
    out = np.array([[float(v) for v in letters_right(keys(f"{name} {L}")[0], L, **options)] for L in lengths])
    return out[:, 0], out[:, 1]


correct, wrong = [], []
singles = []
for draw in range(8):
    # the solution's keys are keys(f"strings {length} draw {k}"); other draws use other names
    values = np.array([float(letters_right(keys(f"strings {L} draw {draw}")[0], L)[0]) for L in LENGTHS])
    singles.append(capacity.capacity_at(0.9, LENGTHS, values))
    correct.append({"value": singles[-1], "from": f"draw {draw}, 50 strings per length, interpolated"})
    if draw < 3:
        last_above, first_below = nearest_grid(LENGTHS, values)
        correct.append({"value": last_above, "from": f"draw {draw}: last grid length with ≥ 0.9"})
        correct.append({"value": first_below, "from": f"draw {draw}: first grid length below 0.9"})
correct.append({"value": float(np.mean(singles[:3])), "from": "mean of draws 0..2 (the solution)"})
correct.append({"value": float(np.mean(singles[3:6])), "from": "mean of draws 3..5"})
for draw in range(2):
    values, all_right = length_curve(f"hundred strings {draw}", strings=100)
    correct.append({"value": capacity.capacity_at(0.9, LENGTHS, values), "from": f"100 strings per length, draw {draw}"})
    if draw == 0:
        whole = [2, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
        _, all_right = length_curve("whole strings", lengths=whole, strings=100)
        wrong.append({"value": capacity.capacity_at(0.9, whole, all_right),
                      "why": "the length at which 90 % of the STRINGS are read back without a single error"})
    values, _ = length_curve(f"ties plus one {draw}", random_ties=False)
    correct.append({"value": capacity.capacity_at(0.9, LENGTHS, values),
                    "from": f"ties of an even L set to +1, draw {draw}"})
fine_L = np.arange(1, L_MAX + 1)


def majority_theory(n, distractors):
    mu = capacity.majority_similarity(int(n))
    return capacity.retrieval_probability(mu, max(np.sqrt(1 - mu**2) / np.sqrt(D), 1e-9), 1 / np.sqrt(D), distractors)


correct.append({"value": capacity.capacity_at(0.9, fine_L, [majority_theory(L, 25) for L in fine_L]),
                "from": "the theory of section 3 with 25 distractors"})
wrong.append({"value": majority_capacity, "why": "section 3's bundle against the codebook of 1 000 (measured)"})
wrong.append({"value": capacity.capacity_at(0.9, fine_L, [majority_theory(L, 1000 - L) for L in fine_L]),
              "why": "the theory with 1 000 - L distractors instead of 25"})
short = [1, 2, 3, 4, 5, 6, 8, 10]
values, _ = length_curve("no shift back", lengths=short, unshift=False)
wrong.append({"value": capacity.capacity_at(0.9, short, values), "why": "read-out without shifting back (ρ^-i)"})
wrong.append({"value": float(np.mean(singles[:3])) / D, "why": "the length as a fraction of D"})
print(f"01.3 correct {min(c['value'] for c in correct):.1f}..{max(c['value'] for c in correct):.1f}; wrong "
      f"{[round(w['value'], 3) for w in wrong]}  {time.time() - started:.0f} s")
result["01.3"] = {
    "measured_by": f"{SCRIPT}: sequences of random strings, majority of permuted letters, D = 1024: 8 draws of 50 "
                   "strings per length alone, means of 3, nearest grid points, 100 strings, ties set to +1, the "
                   "theory with 25 distractors; wrong: 1 000 distractors (measured and theory), whole strings "
                   "without error, no shift back, L / D",
    "correct": correct,
    "wrong": wrong,
}

OUT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {OUT} in {time.time() - started:.0f} s")
