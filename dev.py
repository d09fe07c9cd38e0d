"""Set up, open and test the notebook collection with nothing but Python.

    python dev.py lab        # create .venv (first time only), open JupyterLab
    python dev.py test       # create .venv (first time only), run every test and notebook
    python dev.py test --other-machine [pytest args]   # the same, as an older one-core CPU would
    python dev.py execute [notebooks/NN_name.py ...]   # re-run notebooks, store outputs
    python dev.py bench      # run the speed benchmarks in benchmarks/
    python dev.py lock       # rewrite requirements-lock.txt from the current .venv

The environment lives in `.venv/` beside this file. It is built from
`pyproject.toml` with the exact versions of `requirements-lock.txt`, the set CI
tests, and rebuilt only when one of those two files changes.
Extra arguments after `lab` and `test` go to `jupyter lab` and `pytest`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
LOCK = ROOT / "requirements-lock.txt"
STAMP = VENV / "tutorial-environment.sha256"
# Where the offline copy of Fashion-MNIST sits when this repository is checked out
# beside the project's shared folder (as on the CI machine). Elsewhere TFDS downloads it.
SHARED_FASHION_MNIST = ROOT.parent / "shared" / "datasets" / "fashion_mnist"


def run(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def environment_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def setup() -> None:
    """Create `.venv` and install the locked dependencies, unless already done."""
    if not (3, 11) <= sys.version_info[:2] < (3, 14):
        sys.exit(f"Python 3.11, 3.12 or 3.13 is needed; this is {sys.version.split()[0]}.")
    wanted = environment_fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PYTHON.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-c", LOCK, "-e", ".[dev]")
    STAMP.write_text(wanted + "\n")


def data_environment() -> None:
    """Point the Fashion-MNIST loader at the shared offline copy when there is one."""
    if "FASHION_MNIST_DIR" not in os.environ and SHARED_FASHION_MNIST.is_dir():
        os.environ["FASHION_MNIST_DIR"] = str(SHARED_FASHION_MNIST)


def lab(extra: list[str]) -> None:
    setup()
    data_environment()
    os.chdir(ROOT)
    jupyter = BIN / "jupyter"
    os.execv(jupyter, [str(jupyter), "lab", *extra])


# What "another machine" means for `test --other-machine`: JAX compiled for the SSE4.2
# instruction set (no AVX, as on an older CPU) and everything on one core. Floating-point
# sums then run in another order, so trained results differ in their last digits, which is
# exactly what the notebooks' checks and their per-cell output exemptions must absorb.
OTHER_MACHINE_XLA_FLAGS = "--xla_cpu_max_isa=SSE4_2 --xla_cpu_multi_thread_eigen=false"


def simulate_other_machine() -> None:
    """Make this process and its children behave like an older one-core CPU."""
    if not hasattr(os, "sched_setaffinity"):
        sys.exit("--other-machine needs Linux (os.sched_setaffinity); run the tests without it.")
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    os.environ["XLA_FLAGS"] = " ".join(
        flag for flag in (os.environ.get("XLA_FLAGS", ""), OTHER_MACHINE_XLA_FLAGS) if flag)
    print(f"Simulating another machine: one core, XLA_FLAGS={os.environ['XLA_FLAGS']}", flush=True)


def test(extra: list[str]) -> int:
    setup()
    data_environment()
    if "--other-machine" in extra:
        extra.remove("--other-machine")
        simulate_other_machine()
    return subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT).returncode


def execute(paths: list[str]) -> None:
    """Run notebooks top to bottom and store their outputs in the .ipynb.

    The .py twin is the file to edit; its cells are copied into the .ipynb,
    the notebook is executed in place, and the .py is rewritten by jupytext so
    that the pair is byte-for-byte in sync.
    """
    setup()
    data_environment()
    stems = sorted({Path(p).with_suffix("") for p in paths}) or sorted(
        p.with_suffix("") for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.py")
    )
    for stem in stems:
        py, ipynb = stem.with_suffix(".py"), stem.with_suffix(".ipynb")
        run(BIN / "jupytext", "--to", "ipynb", "--update", py)
        run(BIN / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", ipynb)
        run(BIN / "jupytext", "--to", "py:percent", ipynb)


def bench() -> int:
    """Run every benchmark module in benchmarks/ and print what it measures."""
    setup()
    failures = 0
    for module in sorted((ROOT / "benchmarks").glob("[a-z]*.py")):
        failures += subprocess.run(
            [str(PYTHON), "-m", f"benchmarks.{module.stem}"], cwd=ROOT).returncode != 0
    return failures


def lock() -> None:
    """Record the exact versions installed in .venv as the tested set."""
    setup()
    frozen = subprocess.run(
        [str(PYTHON), "-m", "pip", "freeze", "--exclude-editable"],
        check=True, capture_output=True, text=True,
    ).stdout
    header = "# Exact versions tested in CI; written by `python dev.py lock`.\n"
    LOCK.write_text(header + frozen)
    STAMP.write_text(environment_fingerprint() + "\n")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"lab", "test", "execute", "bench", "lock", "setup"}:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if command == "lab":
        lab(extra)
    elif command == "test":
        return test(extra)
    elif command == "execute":
        execute(extra)
    elif command == "bench":
        return bench()
    elif command == "lock":
        lock()
    else:
        setup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
