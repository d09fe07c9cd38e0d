"""Every notebook is an executed .ipynb paired with an identical jupytext .py twin."""

from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "notebooks", ROOT / "solutions"]  # the collection, and its worked solutions
IPYNBS = sorted(p for folder in FOLDERS for p in folder.glob("[0-9][0-9]_*.ipynb"))
TWINS = sorted(p for folder in FOLDERS for p in folder.glob("[0-9][0-9]_*.py"))


def test_there_are_notebooks():
    assert IPYNBS, "no notebooks/NN_name.ipynb found"


def test_every_file_has_its_twin():
    assert [p.with_suffix("") for p in IPYNBS] == [p.with_suffix("") for p in TWINS]


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_py_twin_is_what_jupytext_writes_from_the_ipynb(ipynb):
    twin = ipynb.with_suffix(".py")
    expected = jupytext.writes(jupytext.read(ipynb), fmt="py:percent")
    assert twin.read_text() == expected, (
        f"{ipynb.name} and {twin.name} are out of sync. Edit the .py, then run "
        f"`python dev.py execute {twin.relative_to(ROOT)}`."
    )


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_ipynb_is_stored_executed_in_order(ipynb):
    notebook = nbformat.read(ipynb, as_version=4)
    counts = [cell.execution_count for cell in notebook.cells if cell.cell_type == "code"]
    assert None not in counts, f"{ipynb.name} has unexecuted cells; run `python dev.py execute`"
    assert counts == list(range(1, len(counts) + 1)), (
        f"{ipynb.name} was not executed top to bottom in one run"
    )


def _ignored_cells(ipynb: Path):
    notebook = nbformat.read(ipynb, as_version=4)
    for number, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        lines = [line.strip() for line in cell.source.splitlines()]
        if "# NBVAL_IGNORE_OUTPUT" in lines:
            yield number, lines


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_output_exempt_from_comparison_says_why(ipynb):
    """A cell whose output nbval does not compare says why on the line after the marker.

    The convention is two comment lines at the top of the cell:
        # NBVAL_IGNORE_OUTPUT
        # Not compared: <why this output differs between machines>; <where its claims are checked>.
    """
    for number, lines in _ignored_cells(ipynb):
        marker = lines.index("# NBVAL_IGNORE_OUTPUT")
        reason = lines[marker + 1] if marker + 1 < len(lines) else ""
        assert reason.startswith("# Not compared:") and len(reason) > len("# Not compared:") + 10, (
            f"{ipynb.name}, code cell {number}: the line after # NBVAL_IGNORE_OUTPUT must say "
            f"'# Not compared: <reason>'; found {reason!r}."
        )


def test_no_cell_is_skipped_or_checked_only_in_lax_mode():
    """Every cell runs under nbval; exemptions are per cell and visible, never global."""
    for ipynb in IPYNBS:
        for cell in nbformat.read(ipynb, as_version=4).cells:
            for marker in ("NBVAL_SKIP", "NBVAL_CHECK_OUTPUT"):
                assert marker not in cell.source, f"{ipynb.name} uses {marker}"
            assert not set(cell.metadata.get("tags", [])) & {"nbval-skip", "nbval-ignore-output"}, (
                f"{ipynb.name}: exempt cells with a visible '# NBVAL_IGNORE_OUTPUT' comment, not a tag"
            )
