"""What the notebooks' first cell does on Colab: add what is missing, change nothing else.

Colab comes with JAX, TensorFlow, NumPy and most of what these notebooks import,
and its kernel has imported some of them before the first cell runs. Changing
one of them does harm: on a GPU runtime jax must keep the version of Colab's
``jax-cuda12-plugin``, and a new numpy needs a restart of the runtime. So the
first cell installs this package alone (``pip install --no-deps``) and calls
:func:`install_missing`, which

1. reads the project's requirements from this package's metadata, that is from
   ``pyproject.toml``;
2. compares each requirement Colab already meets with the range the project is
   tested in (lower end: Colab's versions, upper end: ``requirements-lock.txt``).
   An older package stops the cell with advice; a newer one gets a warning;
3. installs only the missing requirements, with every installed package pinned
   to its version (``pip install -c``), so pip can add packages but not change
   one, and then checks that nothing changed.

This module imports only the standard library and ``packaging`` (which Colab
has), so it runs before JAX, Haiku or Equinox are known to work. For the same
reason it checks its few inputs itself instead of with tutorial_support.validate,
which imports JAX.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

DISTRIBUTION = "tutorial_support"


class RuntimeTooOldError(RuntimeError):
    """The runtime has a package older than the range the notebooks are tested in."""


class Plan(NamedTuple):
    """What :func:`install_missing` will do, requirement by requirement."""

    missing: list[Requirement]  # not installed: pip adds them
    too_old: list[str]  # installed below the tested range: stop with advice
    too_new: list[str]  # installed above the tested range: warn and go on


def requirements(distribution: str = DISTRIBUTION) -> list[Requirement]:
    """The run-time requirements of an installed distribution (extras such as dev left out)."""
    if not isinstance(distribution, str) or not distribution:
        raise TypeError(f"distribution must be a package name such as {DISTRIBUTION!r}; got "
                        f"{distribution!r}.")
    try:
        listed = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        raise metadata.PackageNotFoundError(
            f"{distribution} is not installed, so its requirements are unknown. On Colab, run "
            "the notebook's first cell, which installs it; elsewhere see the README."
        ) from None
    parsed = [Requirement(line) for line in listed]
    return [r for r in parsed if r.marker is None or r.marker.evaluate({"extra": ""})]


def installed_versions() -> dict[str, str]:
    """{canonical name: version} of every installed distribution (the first on sys.path wins)."""
    found: dict[str, str] = {}
    for distribution in metadata.distributions():
        name = distribution.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), distribution.version)
    return found


def plan(wanted: list[Requirement | str], installed: dict[str, str]) -> Plan:
    """Sort requirements into missing, too old and too new for the installed versions.

    ``installed`` maps canonical names to versions, as :func:`installed_versions`
    returns them. A version is too old when it is below a ``>=`` (or ``>``) bound of
    its requirement, too new when it is outside the range otherwise.
    """
    if not isinstance(installed, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                   for k, v in installed.items()):
        raise TypeError(f"installed must map package names to version strings, as "
                        f"installed_versions() returns; got a {type(installed).__name__}.")
    if isinstance(wanted, (str, Requirement)) or not all(isinstance(r, (str, Requirement)) for r in wanted):
        raise TypeError("wanted must be a list of requirements (packaging Requirement objects or "
                        "strings such as 'jax>=0.4'), as requirements() returns.")
    try:
        wanted = [r if isinstance(r, Requirement) else Requirement(r) for r in wanted]
    except InvalidRequirement as error:
        raise ValueError(f"wanted holds a requirement pip cannot read: {error}") from None
    missing, too_old, too_new = [], [], []
    for requirement in wanted:
        have = installed.get(canonicalize_name(requirement.name))
        if have is None:
            missing.append(requirement)
            continue
        try:
            version = Version(have)
        except InvalidVersion:
            too_new.append(f"{requirement.name} {have} (an unreadable version; tested: "
                           f"{requirement.specifier})")
            continue
        if requirement.specifier.contains(version, prereleases=True):
            continue
        lower = [s for s in requirement.specifier if s.operator in (">=", ">")]
        below = any(not s.contains(version, prereleases=True) for s in lower)
        (too_old if below else too_new).append(
            f"{requirement.name} {have} (tested: {requirement.specifier})")
    return Plan(missing, too_old, too_new)


def _repository() -> str:
    """The project's address, from its metadata (pyproject.toml's [project.urls])."""
    for entry in metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "repository":
            return url.strip()
    return "the project's repository"


def install_missing() -> list[str]:
    """Install the requirements the runtime lacks, pinning everything it has.

    Returns the names of the distributions that were added. Raises
    :class:`RuntimeTooOldError` before installing anything if a preinstalled
    package is older than the tested range, and ``RuntimeError`` if pip changed a
    preinstalled package after all.
    """
    before = installed_versions()
    todo = plan(requirements(), before)
    if todo.too_old:
        raise RuntimeTooOldError(
            "This runtime's " + "; ".join(todo.too_old) + " is older than these notebooks are "
            "tested with. Do not pip-install another version: on Colab that breaks the GPU "
            "runtime (jax must match jax-cuda12-plugin) or needs a restart. Choose the newest "
            "runtime instead (Runtime > Change runtime type > Runtime version: Latest), or run "
            "the notebooks on your own computer (README: python dev.py lab).")
    for line in todo.too_new:
        print(f"Note: {line} is newer than these notebooks are tested with. They will most "
              "likely work; if a cell fails, pick an older runtime version (Runtime > Change "
              f"runtime type) and please report it at {_repository()}.")
    if todo.missing:
        with tempfile.TemporaryDirectory() as folder:
            pins = Path(folder) / "installed.txt"
            pins.write_text("".join(f"{name}=={version}\n" for name, version in before.items()))
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-c", str(pins),
                            *map(str, todo.missing)], check=True)
    after = installed_versions()
    changed = [f"{name} {version} -> {after.get(name, 'removed')}"
               for name, version in before.items() if after.get(name) != version]
    if changed:
        raise RuntimeError("pip changed preinstalled packages: " + ", ".join(changed)
                           + ". Restart the runtime (Runtime > Restart session) before going on.")
    added = sorted(set(after) - set(before))
    print("Added " + (", ".join(f"{name} {after[name]}" for name in added) or "nothing")
          + "; every preinstalled package kept its version.")
    return added
