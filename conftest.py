"""Shared pytest set-up for the unit tests (tests/) and the notebooks (nbval).

Offline machines such as CI use the shared copy of Fashion-MNIST that sits
beside this repository; set FASHION_MNIST_DIR to use another folder. The
dataset is prepared once before any notebook runs, so that no notebook's
output depends on whether it was the first to touch the data.
"""

import os
from pathlib import Path

SHARED_FASHION_MNIST = Path(__file__).resolve().parent.parent / "shared" / "datasets" / "fashion_mnist"

if "FASHION_MNIST_DIR" not in os.environ and SHARED_FASHION_MNIST.is_dir():
    os.environ["FASHION_MNIST_DIR"] = str(SHARED_FASHION_MNIST)


def pytest_sessionstart(session):
    from tutorial_support import prepare_fashion_mnist

    prepare_fashion_mnist()
