"""The notebooks on Colab's package versions, each set up by its own first cell.

Run by `python dev.py test --colab` (and by CI); a plain `pytest` skips it, because
it builds a second environment of about 3 GB. What it does:

1. Builds, once, a virtual environment on this machine's Python with the packages
   the notebooks import at the versions Colab had on 2026-08-19
   (`../shared/colab/pip-freeze-2026-08.txt`, copied from googlecolab/backend-info),
   Colab's Jupyter kernel and pytest, and nbval. Every other package takes Colab's
   version too, unless that version does not exist for this Python (Colab runs 3.13,
   this machine 3.11); such pins are dropped and listed. A stand-in `google.colab`
   module is imported at start-up: that is how a notebook's setup cell knows it runs
   on Colab. The environment is cached in ~/.cache/vsa-tutorials.
2. For each notebook: removes what an earlier setup cell added, runs the notebook
   under nbval in that environment (its setup cell installs `tutorial_support` from
   the repository address, which git redirects to this checkout, and the packages
   Colab lacks), then asserts that no package Colab has changed version. As on Colab,
   which opens notebooks from GitHub, the notebooks run as last committed, from a
   scratch copy: what they write (notebook 05's demo page, the TFDS data prepared
   with Colab's TFDS) stays out of the checkout, so the main test run can go on at
   the same time (.ci/run runs both at once).

`dev.py test --colab` also runs it as another machine would (one core, JAX compiled
for SSE4.2), so the stored outputs are compared where they are exact and the
notebooks' claims are checked on other library versions and another CPU at once.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
# The collection's notebooks and the worked solutions.
IPYNBS = [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
          *sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))]
# Notebooks left out of this run, as paths relative to the repository, separated by spaces.
# .ci/run leaves out the two slowest solutions to keep CI under 25 minutes (they still run
# in CI's main run); `python dev.py test --colab` on its own runs everything.
LEFT_OUT = set(os.environ.get("TUTORIAL_COLAB_LEAVE_OUT", "").split())
if unknown := LEFT_OUT - {p.relative_to(ROOT).as_posix() for p in IPYNBS}:
    raise ValueError(f"TUTORIAL_COLAB_LEAVE_OUT names no notebook of this collection: {sorted(unknown)}")
FREEZE = ROOT.parent / "shared" / "colab" / "pip-freeze-2026-08.txt"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "vsa-tutorials"
# Colab's packages that the notebooks and tutorial_support import, plus Colab's kernel
# stack and pytest: installed at exactly Colab's versions.
COLAB_PACKAGES = ["jax", "jaxlib", "numpy", "optax", "scikit-learn", "scikit-image", "matplotlib",
                  "tqdm", "tensorflow", "tensorflow-datasets", "protobuf", "packaging",
                  "ipykernel", "ipython", "jupyter-client", "nbformat", "pytest"]
TEST_TOOLS = ["nbval==0.11.0"]  # not on Colab: how this test runs the notebooks
# Colab runs Python 3.13; this machine may build the environment on an older Python.
# There, etils 1.14 (TFDS's path library) imports the importlib_resources backport,
# which Colab's 3.13 list lacks because it does not need it: add it, at the version of
# Colab's July 2026 list (../shared/colab/pip-freeze-2026-07-runtime.txt).
BACKPORTS = ["importlib_resources==7.1.0"] if sys.version_info < (3, 12) else []
# What the setup cell must add on Colab (everything else the notebooks import is there).
MUST_ADD = {"tutorial-support", "dm-haiku", "equinox"}
# A stand-in for Colab's own `google.colab` package: its presence in sys.modules is how
# a notebook (and JAX, which then imports google.colab.output) knows it runs on Colab.
STAND_IN = {
    "__init__.py": '"""Stand-in for Colab\'s google.colab (tests/test_colab.py)."""\n',
    "output.py": '"""Stand-in for google.colab.output, which JAX imports on Colab."""\n',
}

pytestmark = pytest.mark.skipif(
    os.environ.get("TUTORIAL_COLAB_RUN") != "1",
    reason="the Colab-like run builds a 3 GB environment; run it with `python dev.py test --colab`")

_spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)


def colab_pins() -> dict[str, str]:
    """{canonical name: version} of every `name==version` line of Colab's pip freeze."""
    pins = {}
    for line in FREEZE.read_text().splitlines():
        if re.fullmatch(r"[A-Za-z0-9_.-]+==\S+", line.strip()):
            name, version = line.strip().split("==")
            pins[canonicalize_name(name)] = version
    return pins


# pip and the listing run outside the checkout, whose tutorial_support.egg-info (from
# the main environment's editable install) would otherwise look installed.
def pip(python: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pip", *args], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, cwd=python.parent)


def versions(python: Path) -> dict[str, str]:
    """{canonical name: version} of what is installed in the environment of `python`."""
    listing = subprocess.run(
        [str(python), "-I", "-c", "import json; from importlib import metadata; print(json.dumps("
         "{d.metadata['Name']: d.version for d in metadata.distributions()}))"],
        check=True, capture_output=True, text=True, cwd=python.parent).stdout
    return {canonicalize_name(name): version for name, version in json.loads(listing).items()}


def build(folder: Path) -> list[str]:
    """Create the Colab-like environment in `folder`; return the pins dropped for this Python."""
    pins = colab_pins()
    python = folder / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    probe = pip(python, "download", "--no-deps", "--quiet", "--dest", str(folder / "probe"),
                f"packaging=={pins['packaging']}")
    if probe.returncode != 0:
        shutil.rmtree(folder)
        pytest.skip("cannot build the Colab-like environment: the package registry did not "
                    "answer (pip download packaging failed):\n" + probe.stdout[-1000:])
    wanted = [f"{name}=={pins[canonicalize_name(name)]}" for name in COLAB_PACKAGES] + TEST_TOOLS + BACKPORTS
    dropped: list[str] = []
    while True:
        constraints = folder / "colab-constraints.txt"
        constraints.write_text("".join(f"{n}=={v}\n" for n, v in pins.items()))
        result = pip(python, "install", "--constraint", str(constraints), *wanted)
        if result.returncode == 0:
            break
        # A pin that has no release for this Python makes the whole set impossible:
        # pip names it as "The user requested (constraint) name==version".
        blocking = set(re.findall(r"The user requested \(constraint\) ([\w.-]+)==", result.stdout))
        blocking = {canonicalize_name(name) for name in blocking} - {
            canonicalize_name(name) for name in COLAB_PACKAGES}
        if not blocking:
            pytest.fail("Colab's versions cannot be installed on this Python:\n"
                        + result.stdout[-4000:])
        for name in sorted(blocking):
            dropped.append(f"{name}=={pins.pop(name)}")
    # The stand-in google.colab, imported when the interpreter starts (a .pth file).
    stand_in = folder / "colab-stand-in"
    (stand_in / "google" / "colab").mkdir(parents=True)
    for name, text in STAND_IN.items():
        (stand_in / "google" / "colab" / name).write_text(text)
    (site_packages,) = (folder / "lib").glob("python3.*/site-packages")
    (site_packages / "colab_stand_in.pth").write_text(f"{stand_in}\nimport google.colab\n")
    return dropped


@pytest.fixture(scope="module")
def colab_python() -> Path:
    """The Colab-like environment's Python, built or taken from the cache."""
    if not FREEZE.exists():
        pytest.skip(f"no copy of Colab's package list at {FREEZE}")
    recipe = json.dumps([COLAB_PACKAGES, TEST_TOOLS, BACKPORTS, STAND_IN, sys.version]).encode()
    key = hashlib.sha256(FREEZE.read_bytes() + recipe).hexdigest()[:12]
    folder = CACHE / f"colab-env-{key}"
    ready = folder / "ready.json"
    if not ready.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        dropped = build(folder)
        python = folder / "bin" / "python"
        ready.write_text(json.dumps({"baseline": versions(python), "dropped": dropped,
                                     "seconds": round(time.perf_counter() - started)}))
    record = json.loads(ready.read_text())
    print(f"Colab-like environment {folder}: built in {record['seconds']} s; Colab pins "
          f"without a release for Python {sys.version.split()[0]}: {record['dropped'] or 'none'}")
    return folder / "bin" / "python"


def test_colab_like_environment_has_colabs_versions(colab_python):
    pins, baseline = colab_pins(), versions(colab_python)
    for name in COLAB_PACKAGES:
        name = canonicalize_name(name)
        assert baseline[name] == pins[name], f"{name} {baseline[name]}, Colab has {pins[name]}"
    marked = subprocess.run([str(colab_python), "-c", "import sys; print('google.colab' in sys.modules)"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert marked == "True", "the stand-in google.colab is not imported at start-up"


def test_the_checkout_is_committed():
    """The setup cell installs tutorial_support from git, and the notebooks run as committed."""
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "tutorial_support", "pyproject.toml",
                            "notebooks/*.ipynb", "solutions", "data"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not dirty, ("uncommitted changes, which this run would not test (the setup cell clones "
                       "the last commit, and the notebooks run as committed). Commit first.\n" + dirty)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """The last commit's notebooks, solutions, data/ and pytest settings, in a fresh folder."""
    folder = tmp_path_factory.mktemp("colab-run")
    archive = subprocess.run(["git", "archive", "HEAD", "pyproject.toml", "notebooks", "solutions", "data"],
                             cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


@pytest.fixture(scope="module")
def colab_tfds(colab_python, scratch) -> Path:
    """A TFDS folder with Fashion-MNIST prepared by Colab's TFDS, from the offline archives.

    Prepared once, before the notebooks run: the first notebook would otherwise print
    TFDS's preparation messages, which its stored outputs do not have.
    """
    folder = scratch / ".tfds"
    prepare = ("import sys; sys.path.insert(0, sys.argv[1]); "
               "from tutorial_support.data import prepare_fashion_mnist; prepare_fashion_mnist()")
    result = subprocess.run([str(colab_python), "-c", prepare, str(ROOT)], cwd=scratch,
                            env=dict(os.environ, TFDS_DATA_DIR=str(folder)),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, "Colab's TFDS cannot prepare Fashion-MNIST:\n" + result.stdout[-4000:]
    return folder


@pytest.mark.parametrize("ipynb", [
    pytest.param(p, marks=pytest.mark.skip(reason="left out by TUTORIAL_COLAB_LEAVE_OUT (CI time); "
                                                  "it runs in the main test run"))
    if p.relative_to(ROOT).as_posix() in LEFT_OUT else p for p in IPYNBS],
    ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_runs_on_colab_and_its_setup_changes_no_colab_package(colab_python, scratch, colab_tfds,
                                                                         ipynb):
    baseline = json.loads((colab_python.parent.parent / "ready.json").read_text())["baseline"]
    # A fresh Colab runtime: remove what an earlier setup cell added, restore what it changed.
    now = versions(colab_python)
    if extra := sorted(set(now) - set(baseline)):
        pip(colab_python, "uninstall", "--yes", *extra)
    if changed := [f"{n}=={v}" for n, v in baseline.items() if now.get(n) != v]:
        pip(colab_python, "install", "--no-deps", *changed)
    assert versions(colab_python) == baseline, (
        f"cannot restore the Colab-like environment; delete {colab_python.parent.parent}")

    repository, _ = dev.project_config()
    environment = dict(os.environ, GIT_CONFIG_COUNT="1",
                       GIT_CONFIG_KEY_0=f"url.{ROOT.as_uri()}.insteadOf",
                       GIT_CONFIG_VALUE_0=repository, TFDS_DATA_DIR=str(colab_tfds))
    started = time.perf_counter()
    run = subprocess.run(
        [str(colab_python), "-m", "pytest", "--noconftest", "-q", str(ipynb.relative_to(ROOT))],
        cwd=scratch, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - started
    after = versions(colab_python)
    changed = {name: (version, after.get(name)) for name, version in baseline.items()
               if after.get(name) != version}
    added = {name: after[name] for name in sorted(set(after) - set(baseline))}
    print(f"{ipynb.relative_to(ROOT)}: {seconds:.0f} s on Colab's versions; the setup cell added {added}")

    assert not changed, f"the setup cell changed Colab's packages (before, after): {changed}"
    assert MUST_ADD <= set(added), f"the setup cell did not install {MUST_ADD - set(added)}"
    assert run.returncode == 0, f"{ipynb.name} failed on Colab's versions:\n{run.stdout[-6000:]}"


def test_lower_bounds_are_the_versions_the_colab_run_tests(colab_python):
    """pyproject.toml's lower bounds are exactly what this run installs (after a setup cell)."""
    installed = versions(colab_python)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for line in project["dependencies"]:
        requirement = Requirement(line)
        lower = [s.version for s in requirement.specifier if s.operator == ">="]
        have = installed.get(canonicalize_name(requirement.name))
        assert lower == [have], (f"{requirement.name}: lower bound {lower}, but the Colab-like run "
                                 f"tests {have}; set it to >={have} in pyproject.toml and environment.yml")
