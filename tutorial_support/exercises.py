"""Self-checks for the exercises: immediate feedback on an answer, offline, no server.

Each notebook ends with exercises ("What to try next"). Where an exercise has a
checkable answer (a number, a name, a sign), its notebook has a cell such as ::

    check_answer("00.2", None)   # replace None by your answer

which prints ``✓`` when the answer is right, and otherwise a hint of what to
look at. The worked solutions (folder ``solutions/``) call the same function
with the computed answer, so every check is executed in CI; tests/test_exercises.py
proves that a right answer passes and a wrong one fails, for every check.

An exercise is named ``"NN.k"``: notebook NN, exercise k of its list.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real

from tutorial_support import validate


@dataclass(frozen=True)
class Exercise:
    """One checkable answer: what to give, when it is right, and a hint when it is not."""

    asks: str  # what the answer is, in one line
    accepts: Callable[[object], bool]  # True for a right answer (called only on a valid type)
    hint: str  # what to look at when the answer is wrong
    kind: type = Real  # the type an answer must have (Real or str)


def _between(low: float, high: float) -> Callable[[object], bool]:
    return lambda answer: low <= float(answer) <= high


def _one_of(*names: str) -> Callable[[object], bool]:
    wanted = {name.casefold() for name in names}
    return lambda answer: answer.strip().casefold() in wanted


EXERCISES: dict[str, Exercise] = {
    "00.1": Exercise(
        asks="the distance that gives the more accurate nearest-prototype classifier on raw "
             "pixels: 'cosine' or 'euclidean'",
        accepts=_one_of("euclidean", "euclidean distance", "the euclidean distance"),
        hint="compute both test accuracies on the full test set; with argmin of the squared "
             "distance to each mean image, and argmax of the cosine similarity",
        kind=str),
    "00.2": Exercise(
        asks="the mean over the 10 classes of the cosine similarity between a class's mean "
             "training image and its mean test image",
        accepts=_between(0.999, 1.0),
        hint="average the test images of each class (pixels scaled to 0..1, flattened), then "
             "take the cosine with the training prototype of the same class, and average the 10"),
    "00.3": Exercise(
        asks="the class that the notebook's nearest-prototype classifier (argmax of the cosine "
             "similarity) gives most often to the Shirt test images it gets wrong",
        accepts=_one_of("T-shirt/top", "t-shirt", "tshirt/top", "t-shirt / top"),
        hint="with the notebook's cosine classifier (not the Euclidean one of exercise 1), take the "
             "test images labelled Shirt whose prediction is not Shirt and count their predictions "
             "with np.bincount",
        kind=str),
    "00.4": Exercise(
        asks="the ratio of the first call's time of jax.jit(f)(x) to a later call's, for a small "
             "input such as the notebook's x = (1, 2, 3)",
        accepts=lambda answer: float(answer) >= 50,
        hint="time the very first call of a freshly jitted function (it traces and compiles; the "
             "notebook's f was compiled already, so define a new function) and then a later call "
             "with an input of the same shape, each with time.perf_counter and block_until_ready(); "
             "%timeit hides the first call in its average"),
    # --- notebook 01 ---
    "01.1": Exercise(
        asks="the number of symbols an integer (un-thresholded) MAP bundle holds at 90 % returned, "
             "D = 1024, codebook of 1 000",
        accepts=_between(42, 58),
        hint="keep the int32 sum of the members, rank the codebook by cosine with it, count a "
             "member as returned when it beats every non-member, average over about 100 bundles "
             "per n, and interpolate the n where that fraction crosses 0.9",
    ),
    "01.2": Exercise(
        asks="the symbol the clean-up returns for (R_USA ⊛ R_MEX) ⊛ dollar",
        accepts=_one_of("peso"),
        hint="bundle each record from its three role ⊛ filler pairs, bind the two records, bind "
             "the result with dollar, and give the name of the most similar of the six fillers "
             "and three roles",
        kind=str),
    "01.3": Exercise(
        asks="the string length at which 90 % of the letters are still read back from a "
             "sequence vector, D = 1024",
        accepts=_between(48, 66),
        hint="average over many random strings per length; the sequence is a majority bundle "
             "of L permuted letters, and each read-out competes with the 25 other letters; give "
             "the length L, interpolated where the fraction of letters read back crosses 0.9",
    ),
    # --- end of notebook 01 ---
    # --- notebook 02 ---
    "02.1": Exercise(
        asks="which of the three measurements suffers first as D shrinks: 'accuracy', "
             "'membership' or 'outfit read-back'",
        # compared with case, spaces, hyphens and underscores dropped: "Read back" = "read-back"
        accepts=lambda answer: "".join(c for c in answer.casefold() if c.isalnum()).removeprefix("the") in {
            "outfitreadback", "readback", "outfit", "outfits", "record", "records", "outfitrecord",
            "outfitrecords", "recordreadback", "readbackfromtherecord", "readbackfromrecords"},
        hint="networks trained for the same number of steps differ in training as well as in D; "
             "for each measurement, ask which of its errors depend on D itself, and try a small D "
             "such as 64",
        kind=str),
    "02.2": Exercise(
        asks="the number of slots at which the read-back accuracy with codebook fillers (D = 1024, "
             "ten classes) falls below 0.9",
        # measured 175-186 (seeds, grids, 1 000 or 5 000 read-backs, the sqrt(pi/4n) formula 181);
        # the formula with 1/sqrt(n) gives 230, image fillers 43 (data/self_checks/02.json)
        accepts=_between(160, 210),
        hint="use the class symbols themselves as fillers, one random role per slot, and read "
             "every slot back as the most similar of the ten class symbols; the member similarity "
             "of a bundle of n falls like sqrt(pi/4n), the noise of the nine others is 1/sqrt(2D)"),
    "02.4": Exercise(
        asks="the area under the ROC curve for telling Bag test images from test images of the "
             "nine known classes by their largest similarity to the nine known class symbols",
        accepts=_between(0.85, 0.995),  # measured 0.955-0.964 (5 seeds, one and ten epochs)
        hint="score each test image by its largest similarity to a known class symbol (low means "
             "'none of the above') and compute the AUC, e.g. with sklearn.metrics.roc_auc_score; "
             "0.5 would mean no separation at all"),
    "02.5": Exercise(
        asks="the loss that gives the higher test accuracy after the same training: "
             "'cross-entropy' or 'similarity'",
        # cross-entropy in all 5 seeds after one epoch (+5 to +7 points) and after ten (seed 0, +2)
        accepts=lambda answer: "".join(c for c in answer.casefold() if c.isalnum()).removeprefix("the") in {
            "crossentropy", "crossentropyloss", "ce", "softmaxcrossentropy", "thecrossentropyloss"},
        hint="train both losses with the same seed, codebook, batches and number of steps, and "
             "compare their test accuracies after the same number of steps",
        kind=str),
    # --- end of notebook 02 ---
    # --- notebook 03 ---
    "03.2": Exercise(
        asks="the accuracy cost of the crosstalk at D = 500, in percentage points: test accuracy of the "
             "summed similarities minus that of HD-Glue of the 4 views, mean over your runs",
        accepts=_between(5, 24),
        hint="give percentage points (10 for 0.10); at D = 500 retrain the prototypes, score the summed "
             "similarities and HD-Glue on the same test images and networks, and average their difference "
             "over your runs (single runs range from about 7 to 22 points)"),
    "03.3": Exercise(
        asks="the number of test images whose predicted class changes when the network keys are replaced "
             "by permutations, summed over the first 5 runs of SPLITS (540 test images each)",
        accepts=lambda answer: float(answer).is_integer() and 30 <= answer <= 120,
        hint="in each of the first 5 runs count the test images whose predictions with keys and with "
             "permutations differ, and add the 5 counts; not the change in the number right, which is far "
             "smaller since changes go both ways; use ρ^k(P^(k)) in G and ρ^k(H^(k)) in Q, with the same "
             "prototypes and encodings as with the keys"),
    "03.5": Exercise(
        asks="the change in test accuracy, in percentage points, when the weak view joins HD-Glue with "
             "weights 1/spread: five views minus the four good views, mean over the 10 runs of section 8",
        accepts=_between(-5.7, -4.2),
        hint="give percentage points; take each network's spread (std over the classes, averaged over "
             "images) on the training images, weight every view by 1/spread (not equal or SAMME weights), "
             "and compare with HD-Glue of the four good views on the same 10 runs of SPLITS; single runs "
             "vary from about 0 to -9 points, so use all 10"),
    # --- end of notebook 03 ---
    "04.1": Exercise(
        asks="the number of different states that recall from cues with p = 0.5 ends in",
        accepts=lambda answer: float(answer) == 4,
        hint="at p = 0.5 the cue carries no information; the energy satisfies E(s) = E(-s), "
             "so count the stored digits and their inverses among the final states"),
    "04.2": Exercise(
        asks="the mean fraction of pixels of the '9' that overwriting with +1 at p = 0.1 changes",
        accepts=_between(0.065, 0.080),
        hint="only a chosen pixel that was background (-1) changes; multiply p by the share of "
             "background pixels, or measure it over many draws"),
    "04.3": Exercise(
        asks="the longest cycle (in steps) that synchronous updates can end in when W is symmetric",
        accepts=lambda answer: float(answer) == 2,
        hint="the proof in section 4 shows that L(t) can stay constant only when s(t+1) = s(t-1)"),
    "04.4": Exercise(
        asks="the load P/N at which half of the recalls fail, for N = 800",
        accepts=_between(0.11, 0.18),
        hint="give the load as a fraction P/N, not P; interpolate between the two grid points "
             "where the success fraction crosses 1/2"),
    "04.6": Exercise(
        asks="the energy of the mixture of five random patterns divided by -N/2",
        accepts=_between(0.62, 0.78),
        hint="with Hebbian weights E = -(N/2) Σ m_μ² + P/2, and the mixture overlaps each "
             "pattern by about 3/8"),
    # --- notebook 05 ---
    "05.1": Exercise(
        asks="the slope of log2 of the first K that breaks against β, fitted over β = 2 to 3.5 "
             "(doublings of K per unit of β)",
        accepts=_between(3.15, 3.58),
        hint="for each β take the first K of your grid where the fraction recalled from 3 flips "
             "falls below one half in your simulation, then fit a straight line to log2 K against β "
             "(base 2, not e); the competition-of-sums estimate is not a measurement: its slope, about "
             "3.6 to 3.7, is steeper than the simulated one"),
    "05.3": Exercise(
        asks="the lowest fraction of stored patterns that stay put, over the K of section 5, "
             "for the classical network at tanh gain β_v = 50, on section 5's pattern sets and starts "
             "(its seeds, 5 sets of 16)",
        accepts=_between(0.45, 0.505),
        hint="simulate, starting from the unflipped stored patterns of section 5's seeds, with the visible "
             "Lagrangian (1/β_v) Σ log cosh(β_v v) at β_v = 50, and take the minimum of the kept fraction "
             "over K; not the signal-to-noise estimate, and not gain 5 or 20 (on other pattern sets the "
             "answer moves by about 0.04, as much as the gap to gain 20)"),
    "05.4": Exercise(
        asks="the value of β |θ₁ − θ₂|² (squared Euclidean distance between the two photos) at "
             "which their even blend stops being stable",
        accepts=_between(3.5, 4.5),
        hint="look at the Hessian I − β Cov_p(θ) at the midpoint of the two photos, with the "
             "weight split evenly between them; or scan β with a very strong clamp"),
    # --- end of notebook 05 ---
    # --- notebook 06 ---
    "06.1": Exercise(
        asks="the fraction of the notebook's 200 queries (M = 128, p = 0.2) that asynchronous "
             "Hopfield recall (5 sweeps) cleans up (overlap ≥ 0.95)",
        accepts=_between(0.70, 0.82),
        hint="store the codebook with hopfield.hebbian_weights, run "
             "hopfield.async_recover(weights, queries, key, 5 * D) on the notebook's 200 queries for "
             "M = 128 and p = 0.2 (built from the keys of its grid cell), count the outputs with "
             "overlap ≥ 0.95 with their targets, and compare with the synchronous rate at the same "
             "point",
    ),
    "06.2": Exercise(
        asks="the smallest β · sqrt(D) at which the dense memory (M = 4096, p = 0.4) cleans up "
             "at least 99 % of what the nearest symbol cleans up",
        accepts=_between(1.5, 4.2),
        hint="give β · sqrt(D), not β; on the notebook's queries for M = 4096 and p = 0.4, count the "
             "queries the dense memory cleans up at each β · sqrt(D) from 1 to 8 in steps of 0.1, and "
             "take the first value whose count reaches 0.99 times (not all of) the nearest symbol's "
             "count on the same queries",
    ),
    "06.3": Exercise(
        asks="the fraction of 200 random four-factor problems (D = 1024, M = 16) that the resonator "
             "solves within 100 iterations",
        accepts=_between(0.85, 0.99),
        hint="build four codebooks of 16 symbols and s as the product of four symbols, one from each; "
             "run resonator.factorize(books, s, 100) on 200 such problems (jax.vmap) and count a problem "
             "solved only when all four decoded factors are right. Three factors of 16 are solved every "
             "time, so an answer of 1 usually means that three factors ran",
    ),
    # --- end of notebook 06 ---
}


def _as_real(answer: object) -> float | None:
    """A number given as Python, NumPy or a one-value (0-d) NumPy/JAX array, as a float; else None."""
    if isinstance(answer, bool) or validate.is_traced(answer):
        return None
    if isinstance(answer, Real):
        return float(answer)
    dtype, shape = getattr(answer, "dtype", None), getattr(answer, "shape", None)
    if shape == () and dtype is not None and dtype.kind in "iuf":
        return float(answer)
    return None


def check_answer(exercise: str, answer: object) -> bool:
    """Print whether ``answer`` is right for ``exercise`` ("NN.k") and return True if it is.

    ``None`` means "not answered yet": the line says what to give. A wrong answer
    prints a hint; an answer of the wrong type (a string where a number is asked,
    NaN) says what type is expected. A number may be a Python or NumPy number or a
    one-value (0-d) NumPy or JAX array, such as the result of jnp.mean.
    """
    if not isinstance(exercise, str):
        raise TypeError(f"exercise must be the name of a self-check, a string such as '01.2'; got "
                        f"{validate.describe(exercise)}.")
    if exercise not in EXERCISES:
        raise KeyError(f"no self-check named {exercise!r}; the checks are {sorted(EXERCISES)}")
    item = EXERCISES[exercise]
    if answer is None:
        print(f"{exercise}: no answer yet. Give {item.asks}.")
        return False
    if item.kind is Real:
        answer = _as_real(answer)
        valid = answer is not None and math.isfinite(answer)
    else:
        valid = isinstance(answer, str)
    if not valid:
        expected = "a finite number" if item.kind is Real else "a string"
        print(f"{exercise}: expected {expected}, got {answer!r}. Give {item.asks}.")
        return False
    if item.accepts(answer):
        print(f"✓ {exercise}: right.")
        return True
    print(f"✗ {exercise}: not quite. Hint: {item.hint}.")
    return False
