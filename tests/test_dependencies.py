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
