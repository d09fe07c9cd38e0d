"""Every self-check passes a right answer and catches a wrong one."""

import numpy as np
import pytest

from tutorial_support.exercises import EXERCISES, check_answer

# exercise: (a right answer, a wrong answer). Every self-check must appear here.
EXAMPLES = {
    "00.1": ("euclidean", "cosine"),
    "00.2": (0.9998, 0.95),
    "00.3": ("T-shirt/top", "Pullover"),
    "00.4": (350.0, 3.3),
    # --- notebook 01 ---
    "01.1": (49.0, 31),
    "01.2": ("peso", "dollar"),
    "01.3": (56.8, 31),
    # --- end of notebook 01 ---
    # --- notebook 02 ---
    "02.1": ("outfit read-back", "accuracy"),
    "02.2": (180, 30),
    "02.4": (0.95, 0.5),
    "02.5": ("cross-entropy", "similarity"),
    # --- end of notebook 02 ---
    # --- notebook 03 ---
    "03.2": (10.2, 0.10),
    "03.3": (65, 12),
    "03.5": (-4.98, -8.8),
    # --- end of notebook 03 ---
    "04.1": (4, 2),
    "04.2": (0.072, 0.1),
    "04.3": (2, 4),
    "04.4": (0.14, 14.0),
    "04.6": (0.70, 1.0),
    # --- notebook 05 ---
    "05.1": (3.4, 3.73),
    "05.3": (0.475, 0.4125),
    "05.4": (3.95, 2.0),
    # --- end of notebook 05 ---
    # --- notebook 06 ---
    "06.1": (0.76, 0.835),
    "06.2": (3.4, 1.0),
    "06.3": (0.975, 1.0),
    # --- end of notebook 06 ---
}


def test_every_self_check_has_examples():
    assert set(EXAMPLES) == set(EXERCISES)


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_right_answer_passes(exercise, capsys):
    assert check_answer(exercise, EXAMPLES[exercise][0]) is True
    assert capsys.readouterr().out == f"✓ {exercise}: right.\n"


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_wrong_answer_fails_with_a_hint(exercise, capsys):
    assert check_answer(exercise, EXAMPLES[exercise][1]) is False
    assert capsys.readouterr().out.startswith(f"✗ {exercise}: not quite. Hint: ")


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_no_answer_says_what_to_give(exercise, capsys):
    assert check_answer(exercise, None) is False
    assert capsys.readouterr().out == f"{exercise}: no answer yet. Give {EXERCISES[exercise].asks}.\n"


@pytest.mark.parametrize("exercise", sorted(EXERCISES))
def test_an_answer_of_the_wrong_type_is_refused(exercise, capsys):
    numeric = isinstance(EXAMPLES[exercise][0], (int, float))
    wrong_type = "0.5" if numeric else 0.5
    assert check_answer(exercise, wrong_type) is False
    assert "expected a" in capsys.readouterr().out


def test_names_are_compared_without_case_or_spaces():
    assert check_answer("00.3", "  t-shirt/TOP ")


def test_numpy_numbers_are_answers_and_nan_is_not():
    assert check_answer("00.2", np.float32(0.9998))
    assert not check_answer("00.2", float("nan"))
    assert not check_answer("00.2", True)


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(KeyError, match="no self-check named '99.1'.*00.1"):
        check_answer("99.1", 1.0)
