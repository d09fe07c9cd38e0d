"""Every notebook is an executed .ipynb paired with an identical jupytext .py twin."""

from pathlib import Path

import jupytext
import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
IPYNBS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
TWINS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))


def test_there_are_notebooks():
    assert IPYNBS, "no notebooks/NN_name.ipynb found"


def test_every_file_has_its_twin():
    assert [p.stem for p in IPYNBS] == [p.stem for p in TWINS]


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_py_twin_is_what_jupytext_writes_from_the_ipynb(ipynb):
    twin = ipynb.with_suffix(".py")
    expected = jupytext.writes(jupytext.read(ipynb), fmt="py:percent")
    assert twin.read_text() == expected, (
        f"{ipynb.name} and {twin.name} are out of sync. Edit the .py, then run "
        f"`python dev.py execute {twin.relative_to(NOTEBOOKS.parent)}`."
    )


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.stem)
def test_ipynb_is_stored_executed_in_order(ipynb):
    notebook = nbformat.read(ipynb, as_version=4)
    counts = [cell.execution_count for cell in notebook.cells if cell.cell_type == "code"]
    assert None not in counts, f"{ipynb.name} has unexecuted cells; run `python dev.py execute`"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{ipynb.name} was not executed top to bottom in one run"
    )
