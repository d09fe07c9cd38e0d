"""One source of truth for dependencies: pyproject.toml, environment.yml and the lock agree."""

import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _specs(lines):
    """{canonical name: specifier set} for a list of requirement strings."""
    result = {}
    for line in lines:
        requirement = Requirement(line)
        result[canonicalize_name(requirement.name)] = requirement.specifier
    return result


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _pyproject_requirements():
    project = _pyproject()
    return _specs(project["dependencies"] + project["optional-dependencies"]["dev"])


def _environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def _lock():
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_environment_yml_lists_the_same_requirements_as_pyproject():
    (pip_section,) = [d["pip"] for d in _environment()["dependencies"] if isinstance(d, dict)]
    listed = [line for line in pip_section if not line.startswith("-e")]
    assert _specs(listed) == _pyproject_requirements()
    assert "-e ." in pip_section, "environment.yml must install the package itself"


def test_environment_yml_python_is_allowed_by_pyproject():
    (python,) = [d for d in _environment()["dependencies"]
                 if isinstance(d, str) and d.startswith("python=")]
    version = Version(python.split("=")[1] + ".0")
    assert version in SpecifierSet(_pyproject()["requires-python"])


def test_lock_pins_every_requirement_within_its_bounds():
    pins = _lock()
    for name, specifier in _pyproject_requirements().items():
        assert name in pins, f"{name} is a dependency but requirements-lock.txt does not pin it"
        assert pins[name] in specifier, f"lock pins {name}=={pins[name]}, outside {specifier}"


def test_upper_bounds_stop_after_the_locked_release_series():
    """Each run-time dependency's upper bound is the next minor release after the lock's.

    The lock is the newest set CI tests, so the range ends right after its release
    series: jax 0.10.2 gives <0.11, numpy 2.4.6 gives <2.5, dm-haiku 0.0.17 gives <0.1.
    (The lower bounds are checked against the Colab-like run in tests/test_colab.py.)
    """
    pins = _lock()
    for line in _pyproject()["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        major, minor = (pins[name].release + (0,))[:2]
        uppers = [s.version for s in requirement.specifier if s.operator == "<"]
        assert uppers == [f"{major}.{minor + 1}"], (
            f"{requirement.name}: upper bound {uppers}, but the lock tests {pins[name]}: "
            f"use <{major}.{minor + 1}")
