"""Every self-check accepts the measured answers of correct solutions and rejects the named mistakes.

The measurements are in data/self_checks/NN.json, made by data/self_checks/measure_NN.py (not run
here: they take minutes). Each entry holds the answers of correct solutions ("correct": other
seeds, single runs, other reasonable methods) and of the mistakes the hint warns about ("wrong").
"""

import json
import pathlib

import pytest

from tutorial_support.exercises import EXERCISES, check_answer

FOLDER = pathlib.Path(__file__).resolve().parent.parent / "data" / "self_checks"
FILES = sorted(FOLDER.glob("*.json"))
ENTRIES = {name: (path.name, entry) for path in FILES
           for name, entry in json.loads(path.read_text(encoding="utf-8")).items()}
MEASURED = sorted(name for name in ENTRIES if name in EXERCISES)


def _cases(side: str) -> list:
    return [pytest.param(name, item["value"], item.get("from", item.get("why", "")),
                         id=f"{name}-{side}-{i}")
            for name in MEASURED for i, item in enumerate(ENTRIES[name][1].get(side, []))]


def test_measurements_exist():
    assert FILES, f"no measurement files in {FOLDER}"


@pytest.mark.parametrize(("exercise", "value", "source"), _cases("correct"))
def test_a_measured_correct_answer_passes(exercise, value, source):
    assert check_answer(exercise, value) is True, (
        f"{exercise} rejects {value!r}, the measured answer of a correct solution ({source}); "
        f"see {ENTRIES[exercise][0]}")


@pytest.mark.parametrize(("exercise", "value", "source"), _cases("wrong"))
def test_a_named_wrong_answer_fails(exercise, value, source):
    assert check_answer(exercise, value) is False, (
        f"{exercise} accepts {value!r}, the answer of a named mistake ({source}); see {ENTRIES[exercise][0]}")


def test_every_entry_is_complete():
    problems = []
    for name, (file, entry) in sorted(ENTRIES.items()):
        if name not in EXERCISES:
            problems.append(f"{file}: {name!r} is not an exercise of tutorial_support.exercises")
            continue
        if not str(entry.get("measured_by", "")).strip():
            problems.append(f"{file}: {name} has no measured_by")
        for side in ("correct", "wrong"):
            items = entry.get(side, [])
            if not items:
                problems.append(f"{file}: {name} has no {side!r} value")
            elif not all(isinstance(item, dict) and "value" in item for item in items):
                problems.append(f"{file}: {name} has a {side!r} item without a value")
    assert not problems, "\n".join(problems)


def test_every_exercise_has_a_measured_spread():
    missing = sorted(set(EXERCISES) - set(ENTRIES))
    assert not missing, (f"self-checks without a measured spread in data/self_checks/*.json: "
                         f"{', '.join(missing)}")
