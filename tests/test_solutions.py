"""Worked solutions: one per exercise, statements copied from the notebooks, no spoilers.

The text of each exercise exists once, in its notebook's "What to try next"
section. solutions/NN_name.ipynb quotes it (written by `python dev.py generate`)
and solves it; nbval executes the solutions like the notebooks. A student
opening a notebook sees the exercises and the self-check cell, never a solution.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

from tutorial_support.exercises import EXERCISES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
_spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)
# Notebooks whose worked solutions are still to be written.
PENDING = {
}


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def _text(path: Path) -> str:
    return "\n".join(dev.source(cell) for cell in _cells(path))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_has_its_worked_solution(notebook):
    if notebook.stem in PENDING:
        pytest.xfail(f"solutions/{notebook.name} is not written yet")
    solutions = ROOT / "solutions" / notebook.name
    assert solutions.exists(), f"{notebook.name} has no worked solutions in solutions/"
    statements = dev.exercises(_cells(notebook))
    numbered = [(dev.exercise_number(c), dev.source(c)) for c in _cells(solutions)
                if dev.exercise_number(c)]
    assert [number for number, _ in numbered] == list(range(1, len(statements) + 1)), (
        f"solutions/{notebook.name} must have one '### Exercise k' cell per exercise, in order")
    for (number, text), statement in zip(numbered, statements):
        assert text == dev.exercise_cell(number, statement), (
            f"exercise {number} in solutions/{notebook.name} differs from the notebook; "
            "run `python dev.py generate`")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_shared_cells_are_copies_of_the_notebook(notebook):
    """A solution cell marked `# Shared cell "name"` repeats the notebook's cell word for word."""
    solutions = ROOT / "solutions" / notebook.name
    shared = {dev.shared_cell_name(c): dev.source(c) for c in _cells(notebook) if dev.shared_cell_name(c)}
    for cell in _cells(solutions) if solutions.exists() else []:
        if name := dev.shared_cell_name(cell):
            assert name in shared, f"solutions/{notebook.name}: shared cell {name!r} is not in the notebook"
            assert dev.source(cell) == shared[name], (
                f"shared cell {name!r} in solutions/{notebook.name} differs from the notebook's; "
                "run `python dev.py generate`")


def test_every_self_check_belongs_to_an_exercise_and_is_used_on_both_sides():
    for exercise in EXERCISES:
        stem = next(p for p in NOTEBOOKS if p.name.startswith(exercise.split(".")[0] + "_"))
        number = int(exercise.split(".")[1])
        assert number <= len(dev.exercises(_cells(stem))), f"{exercise}: no such exercise"
        assert f'check_answer("{exercise}", None)' in _text(stem), (
            f"{stem.name} lacks the self-check cell for {exercise}")
        solved = re.search(rf'check_answer\("{re.escape(exercise)}", (?!None)', _text(
            ROOT / "solutions" / stem.name))
        assert solved, f"solutions/{stem.name} never calls the self-check of {exercise} with its answer"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_student_notebooks_show_no_solution(notebook):
    text = _text(notebook)
    assert not re.search(r'check_answer\("[\d.]+", (?!None)', text), "an answer is filled in"
    assert not re.search(r"^### Exercise \d+", text, re.M), "a worked solution is in the notebook"
