"""Set up, open and test the notebook collection with nothing but Python.

    python dev.py lab        # create .venv (first time only), open JupyterLab
    python dev.py test       # create .venv (first time only), run every test and notebook
    python dev.py test --other-machine [pytest args]   # the same, as an older one-core CPU would
    python dev.py execute [notebooks/NN_name.py ...]   # re-run notebooks (and solutions/), store outputs
    python dev.py test --colab         # the notebooks in a Colab-like environment (see tests/test_colab.py)
    python dev.py generate   # rewrite what is derived from one source (Colab badges and setup
                             # cells, the exercise statements quoted in solutions/)
    python dev.py bench      # run the speed benchmarks in benchmarks/ (figure, machine limit, ratio)
    python dev.py screenshot # picture of notebooks/dam_demo.html for the README (needs Chromium)
    python dev.py lock       # rewrite requirements-lock.txt from the current .venv

The environment lives in `.venv/` beside this file. It is built from
`pyproject.toml` with the exact versions of `requirements-lock.txt`, the set CI
tests, and rebuilt only when one of those two files changes.
Extra arguments after `lab` and `test` go to `jupyter lab` and `pytest`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
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
    if "--colab" in extra:
        # The Colab-like run doubles as the other-machine run (see tests/test_colab.py).
        extra.remove("--colab")
        os.environ["TUTORIAL_COLAB_RUN"] = "1"
        extra = extra or ["tests/test_colab.py", "-rA"]
        # The Colab run prepares Fashion-MNIST itself, with Colab's TFDS and in its own folder;
        # conftest.py's preparation (for the main run) would race with a main run going on
        # at the same time in the same TFDS folder.
        extra.append("--noconftest")
        if "--other-machine" not in extra:
            extra.append("--other-machine")
    if "--other-machine" in extra:
        extra.remove("--other-machine")
        simulate_other_machine()
    before = work_tree_status()
    status = subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT).returncode
    after = work_tree_status()
    if before is not None and after != before:
        changed = sorted(set(after.splitlines()) ^ set(before.splitlines()))
        print("dev.py test: the run changed the work tree (a test or notebook wrote into the "
              "repository; write to a temporary folder instead):\n  " + "\n  ".join(changed))
        return status or 1
    return status


def work_tree_status() -> str | None:
    """`git status --porcelain` (untracked files included) and a hash of the changes to tracked
    files (so that a file already modified before the run is seen changing again), or None
    outside a git checkout."""
    def git(*args: str) -> bytes:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout

    try:
        status = git("status", "--porcelain", "--untracked-files=all").decode()
        diff = hashlib.sha256(git("diff", "HEAD", "--binary")).hexdigest()[:12]
    except (OSError, subprocess.CalledProcessError):
        return None
    return status + f"(changes to tracked files: sha256 {diff})\n"


def execute(paths: list[str]) -> None:
    """Run notebooks top to bottom and store their outputs in the .ipynb.

    The .py twin is the file to edit; its cells are copied into the .ipynb,
    the notebook is executed in place, and the .py is rewritten by jupytext so
    that the pair is byte-for-byte in sync.
    """
    setup()
    data_environment()
    stems = sorted({Path(p).resolve().with_suffix("") for p in paths}) or [
        p.with_suffix("") for p in notebook_files()]
    for stem in stems:
        py, ipynb = stem.with_suffix(".py"), stem.with_suffix(".ipynb")
        run(BIN / "jupytext", "--to", "ipynb", "--update", py)
        run(BIN / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", ipynb)
        run(BIN / "jupytext", "--to", "py:percent", ipynb)


# ---------------------------------------------------------------------------------------
# Generated content. The repository's address is written once, in pyproject.toml
# ([project.urls] Repository, and [tool.tutorials] branch); every notebook's Colab badge
# and setup cell and the README's badges are derived from it by `python dev.py generate`,
# and tests/test_colab_links.py fails when any of them disagrees with it.

NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = ROOT / "solutions"
README = ROOT / "README.md"
BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_CELL_ID = "colab-badge"
# Colab links to a notebook in any repository, as the generator finds and rewrites them.
COLAB_LINK = re.compile(
    r"https://colab\.research\.google\.com/github/[^/\s)]+/[^/\s)]+/blob/[^/\s)]+/"
    r"(?P<name>(?:notebooks|solutions)/[0-9][0-9]_\w+\.ipynb)")
README_ROW = re.compile(
    r"^\| \[`(?P<stem>[0-9][0-9]_\w+)`\]\(notebooks/(?P=stem)\.ipynb\)"
    r"(?: \[!\[Open In Colab\]\([^)]*\)\]\([^)]*\))? \|", re.MULTILINE)
# A code cell of a notebook that its worked solution repeats word for word starts with
# this line; `generate` copies it into the solution cell that starts with the same line.
SHARED_CELL = re.compile(r'# Shared cell "(?P<name>[^"]+)"')
SETUP_CELL = """\
# NBVAL_IGNORE_OUTPUT
# Not compared: on Colab this cell reports what it installed; anywhere else it does nothing.
import subprocess
import sys

if "google.colab" in sys.modules:  # on Colab only: add what Colab lacks, change nothing it has
    REPOSITORY = "{repository}"
    pip_install = [sys.executable, "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip_install, "--no-deps", f"tutorial_support @ git+{{REPOSITORY}}"], check=True)
    from tutorial_support.colab import install_missing

    install_missing()  # stops with advice if Colab's versions are outside the tested range"""


def project_config() -> tuple[str, str]:
    """(repository address, branch) as configured in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    repository = config["project"]["urls"]["Repository"].rstrip("/")
    if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repository):
        sys.exit(f"[project.urls] Repository must look like https://github.com/OWNER/NAME, "
                 f"not {repository!r}: Colab opens notebooks from GitHub only.")
    return repository, config["tool"]["tutorials"]["branch"]


def colab_link(notebook: str) -> str:
    """Where Colab opens a notebook, given by its path in the repository (notebooks/NN_x.ipynb)."""
    repository, branch = project_config()
    return repository.replace("https://github.com/", "https://colab.research.google.com/github/") + (
        f"/blob/{branch}/{notebook}")


def colab_badge(notebook: str) -> str:
    return f"[![Open In Colab]({BADGE_IMAGE})]({colab_link(notebook)})"


def setup_cell() -> str:
    """The first code cell of every notebook (see tutorial_support/colab.py)."""
    return SETUP_CELL.format(repository=project_config()[0])


def is_setup_cell(cell: dict) -> bool:
    return cell["cell_type"] == "code" and '"google.colab" in sys.modules' in source(cell)


def source(cell: dict) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def notebook_files() -> list[Path]:
    """Every notebook: the collection's, then the worked solutions."""
    return [*sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")), *sorted(SOLUTIONS.glob("[0-9][0-9]_*.ipynb"))]


# Exercises. Their text is written once, in the "What to try next" section of each
# notebook (a numbered list). The worked solutions in solutions/NN_name.ipynb start each
# exercise with a cell "### Exercise k" whose quoted statement `generate` copies from there.
EXERCISE_HEADING = re.compile(r"^### Exercise (\d+)\n")


def exercises(cells: list[dict]) -> list[str]:
    """The numbered items of a notebook's "What to try next" section, as markdown."""
    (section,) = [source(c) for c in cells
                  if c["cell_type"] == "markdown" and re.search(r"^#+ .*What to try next", source(c), re.M)]
    items: list[list[str]] = []
    for line in section.split("What to try next", 1)[1].splitlines():
        if match := re.match(r"^(\d+)\. (.*)", line):
            if int(match[1]) != len(items) + 1:
                sys.exit(f"exercise {match[1]} is out of order")
            items.append([match[2]])
        elif items and line.startswith("   "):
            items[-1].append(line[3:])
        elif items and line.strip():
            break
    return ["\n".join(item) for item in items]


def exercise_number(cell: dict) -> int | None:
    match = EXERCISE_HEADING.match(source(cell) + "\n") if cell["cell_type"] == "markdown" else None
    return int(match[1]) if match else None


def exercise_cell(number: int, statement: str) -> str:
    quoted = "\n".join(f"> {line}" if line else ">" for line in statement.splitlines())
    return f"### Exercise {number}\n\n{quoted}"


def shared_cell_name(cell: dict) -> str | None:
    """The name of a code cell whose first line is the shared-cell marker, else None."""
    if cell["cell_type"] != "code":
        return None
    match = SHARED_CELL.match(source(cell))
    return match["name"] if match else None


def generate() -> None:
    """Rewrite every Colab badge and setup cell from the address in pyproject.toml.

    Also rewrite what solutions/ repeats from its notebook: the quoted exercise
    statements, and every code cell marked as shared (first line
    `# Shared cell "name": ...`), copied from the notebook cell with that marker.

    The .ipynb files are edited in place (outputs and execution counts kept: neither
    cell has output outside Colab) and written as Jupyter writes them; then each .py
    twin is rewritten by jupytext.
    """
    setup()
    for ipynb in notebook_files():
        # First bring each pair in sync, so that an edit of the .py is not lost.
        run(BIN / "jupytext", "--quiet", "--sync", ipynb)
    for ipynb in notebook_files():
        notebook = json.loads(ipynb.read_text())
        cells = notebook["cells"]
        name = ipynb.relative_to(ROOT).as_posix()
        badge = {"cell_type": "markdown", "id": BADGE_CELL_ID, "metadata": {},
                 "source": colab_badge(name).splitlines(keepends=True)}
        if cells and cells[0].get("id") == BADGE_CELL_ID:
            cells[0] = badge
        else:
            cells.insert(0, badge)
        setup_cells = [cell for cell in cells if is_setup_cell(cell)]
        if len(setup_cells) != 1:
            sys.exit(f"{name}: expected one setup cell, found {len(setup_cells)}")
        setup_cells[0]["source"] = setup_cell().splitlines(keepends=True)
        if ipynb.parent == SOLUTIONS:
            notebook_cells = json.loads((NOTEBOOKS / ipynb.name).read_text())["cells"]
            statements = exercises(notebook_cells)
            shared = {shared_cell_name(cell): source(cell) for cell in notebook_cells
                      if shared_cell_name(cell)}
            for cell in cells:
                if number := exercise_number(cell):
                    cell["source"] = exercise_cell(number, statements[number - 1]).splitlines(
                        keepends=True)
                if name_of_cell := shared_cell_name(cell):
                    if name_of_cell not in shared:
                        sys.exit(f"{name}: shared cell {name_of_cell!r} is not in notebooks/{ipynb.name}")
                    cell["source"] = shared[name_of_cell].splitlines(keepends=True)
        ipynb.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        run(BIN / "jupytext", "--quiet", "--to", "py:percent", ipynb)
    # The README's table: each notebook's row starts with its link and its badge.
    readme = README.read_text()
    readme = README_ROW.sub(
        lambda row: f"| [`{row['stem']}`](notebooks/{row['stem']}.ipynb) "
                    f"{colab_badge('notebooks/' + row['stem'] + '.ipynb')} |", readme)
    README.write_text(COLAB_LINK.sub(lambda match: colab_link(match["name"]), readme))
    print("Colab badges, setup cells and exercise statements are up to date; badges open",
          colab_link("notebooks/NN_name.ipynb"))


def bench() -> int:
    """Run every benchmark module in benchmarks/ and print what it measures."""
    setup()
    data_environment()  # the im2col comparison trains on real Fashion-MNIST
    failures = 0
    for module in sorted((ROOT / "benchmarks").glob("[a-z]*.py")):
        if module.stem == "machine":  # the shared measurements, not a benchmark
            continue
        failures += subprocess.run(
            [str(PYTHON), "-m", f"benchmarks.{module.stem}"], cwd=ROOT).returncode != 0
    return failures


def screenshot() -> None:
    """Open the exported demo page in headless Chromium, offline, and save the README's picture."""
    setup()
    run(PYTHON, ROOT / "tests" / "offline_page.py", ROOT / "notebooks" / "dam_demo.html",
        ROOT / "notebooks" / "dam_demo.png")


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
    if not argv or argv[0] not in {"lab", "test", "execute", "generate", "bench", "lock", "setup",
                                       "screenshot"}:
        print(__doc__)
        return 2
    command, extra = argv[0], argv[1:]
    if command == "lab":
        lab(extra)
    elif command == "test":
        return test(extra)
    elif command == "execute":
        execute(extra)
    elif command == "generate":
        generate()
    elif command == "bench":
        return bench()
    elif command == "lock":
        lock()
    elif command == "screenshot":
        screenshot()
    else:
        setup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
