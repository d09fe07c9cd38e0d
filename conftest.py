"""Shared pytest set-up for the unit tests (tests/) and the notebooks (nbval).

Offline machines such as CI use the shared copy of Fashion-MNIST that sits
beside this repository; set FASHION_MNIST_DIR to use another folder. The
dataset is prepared once before any notebook runs, so that no notebook's
output depends on whether it was the first to touch the data.
"""

import os
import shutil
import tempfile
from pathlib import Path

SHARED_FASHION_MNIST = Path(__file__).resolve().parent.parent / "shared" / "datasets" / "fashion_mnist"

if "FASHION_MNIST_DIR" not in os.environ and SHARED_FASHION_MNIST.is_dir():
    os.environ["FASHION_MNIST_DIR"] = str(SHARED_FASHION_MNIST)


# Files a notebook exports (notebook 05's dam_demo.html) go to a scratch folder
# under test, not into the work tree: a test run must leave `git status` clean.
# The notebooks' kernels inherit this variable. `python dev.py execute` does not
# set it, so there the page is written beside the notebook, as for a reader.
_SCRATCH = None
if "TUTORIAL_OUTPUT_DIR" not in os.environ:
    _SCRATCH = tempfile.mkdtemp(prefix="tutorial-output-")
    os.environ["TUTORIAL_OUTPUT_DIR"] = _SCRATCH


def pytest_sessionfinish(session):
    if _SCRATCH is not None:
        shutil.rmtree(_SCRATCH, ignore_errors=True)


def pytest_sessionstart(session):
    from tutorial_support import prepare_fashion_mnist

    prepare_fashion_mnist()


# Wall-clock time per notebook (the sum of its cells' run times), printed at the end of a
# run, so that the README and the teacher's guide can quote the times of the run they name.
_NOTEBOOK_SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _NOTEBOOK_SECONDS[path] = _NOTEBOOK_SECONDS.get(path, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter):
    if _NOTEBOOK_SECONDS:
        terminalreporter.write_sep("-", "notebook run times (all cells, this run)")
        for path, seconds in _NOTEBOOK_SECONDS.items():
            terminalreporter.write_line(f"{path}: {seconds:.0f} s")
