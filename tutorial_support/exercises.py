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
        accepts=_one_of("euclidean"),
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
        asks="the class that the nearest-prototype classifier gives most often to the Shirt "
             "test images it gets wrong",
        accepts=_one_of("T-shirt/top"),
        hint="take the test images labelled Shirt whose prediction is not Shirt and count their "
             "predictions with np.bincount",
        kind=str),
    "00.4": Exercise(
        asks="the ratio of the first call's time of jax.jit(f)(x) to a later call's",
        accepts=lambda answer: float(answer) >= 10,
        hint="time the very first call of a freshly jitted function (it traces and compiles) "
             "and then a second call with an input of the same shape; block_until_ready()"),
    # --- notebook 01 ---
    # --- end of notebook 01 ---
    # --- notebook 02 ---
    # --- end of notebook 02 ---
    "03.1": Exercise(
        asks="the number of different states that recall from cues with p = 0.5 ends in",
        accepts=lambda answer: float(answer) == 4,
        hint="at p = 0.5 the cue carries no information; the energy satisfies E(s) = E(-s), "
             "so count the stored digits and their inverses among the final states"),
    "03.2": Exercise(
        asks="the mean fraction of pixels of the '9' that overwriting with +1 at p = 0.1 changes",
        accepts=_between(0.065, 0.080),
        hint="only a chosen pixel that was background (-1) changes; multiply p by the share of "
             "background pixels, or measure it over many draws"),
    "03.3": Exercise(
        asks="the longest cycle (in steps) that synchronous updates can end in when W is symmetric",
        accepts=lambda answer: float(answer) == 2,
        hint="the proof in section 4 shows that L(t) can stay constant only when s(t+1) = s(t-1)"),
    "03.4": Exercise(
        asks="the load P/N at which half of the recalls fail, for N = 800",
        accepts=_between(0.11, 0.18),
        hint="give the load as a fraction P/N, not P; interpolate between the two grid points "
             "where the success fraction crosses 1/2"),
    "03.6": Exercise(
        asks="the energy of the mixture of five random patterns divided by -N/2",
        accepts=_between(0.62, 0.78),
        hint="with Hebbian weights E = -(N/2) Σ m_μ² + P/2, and the mixture overlaps each "
             "pattern by about 3/8"),
    # --- notebook 04 ---
    # --- end of notebook 04 ---
}


def check_answer(exercise: str, answer: object) -> bool:
    """Print whether ``answer`` is right for ``exercise`` ("NN.k") and return True if it is.

    ``None`` means "not answered yet": the line says what to give. A wrong answer
    prints a hint; an answer of the wrong type (a string where a number is asked,
    NaN) says what type is expected.
    """
    if exercise not in EXERCISES:
        raise KeyError(f"no self-check named {exercise!r}; the checks are {sorted(EXERCISES)}")
    item = EXERCISES[exercise]
    if answer is None:
        print(f"{exercise}: no answer yet. Give {item.asks}.")
        return False
    if item.kind is Real:
        valid = isinstance(answer, Real) and not isinstance(answer, bool) and math.isfinite(answer)
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
