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
