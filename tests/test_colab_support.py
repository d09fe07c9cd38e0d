"""tutorial_support.colab: what the setup cell installs, keeps and refuses, without pip.

The whole path (pip, a Colab-like environment, every notebook) is tested in
tests/test_colab.py; here the decisions are tested on made-up installed versions.
"""

import subprocess
import sys

import pytest
from packaging.requirements import Requirement

from tutorial_support import colab

WANTED = [Requirement("jax>=0.7.2,<0.11"), Requirement("dm-haiku>=0.0.17,<0.1"),
          Requirement("numpy>=2.1.3,<2.5")]


def test_requirements_come_from_the_package_metadata_without_extras():
    names = {r.name for r in colab.requirements()}
    assert {"jax", "dm-haiku", "equinox", "tensorflow-datasets", "packaging"} <= names
    assert not names & {"pytest", "nbval", "jupyterlab"}, "dev extras are not run-time needs"


def test_requirements_of_a_missing_distribution_say_what_to_do():
    with pytest.raises(Exception, match="not installed.*first cell"):
        colab.requirements("no-such-distribution-here")


def test_a_colab_like_runtime_only_misses_what_colab_lacks():
    todo = colab.plan(WANTED, {"jax": "0.7.2", "numpy": "2.1.3", "tensorflow": "2.20.0"})
    assert [r.name for r in todo.missing] == ["dm-haiku"]
    assert todo.too_old == [] and todo.too_new == []


def test_older_than_the_tested_range_is_too_old():
    todo = colab.plan(WANTED, {"jax": "0.6.2", "dm-haiku": "0.0.17", "numpy": "2.1.3"})
    assert todo.too_old == ["jax 0.6.2 (tested: <0.11,>=0.7.2)"]
    assert todo.too_new == [] and todo.missing == []


def test_newer_than_the_tested_range_is_too_new():
    todo = colab.plan(WANTED, {"jax": "0.12.0", "dm-haiku": "0.0.17", "numpy": "2.1.3"})
    assert todo.too_new == ["jax 0.12.0 (tested: <0.11,>=0.7.2)"]
    assert todo.too_old == []


def test_names_are_compared_in_canonical_form():
    todo = colab.plan([Requirement("Scikit_Learn>=1.6.1")], {"scikit-learn": "1.6.1"})
    assert todo == colab.Plan([], [], [])


def test_prereleases_inside_the_range_are_accepted():
    todo = colab.plan([Requirement("jax>=0.7.2,<0.11")], {"jax": "0.10.3rc1"})
    assert todo == colab.Plan([], [], [])


def test_an_unreadable_version_is_reported_not_crashed_on():
    todo = colab.plan([Requirement("jax>=0.7.2")], {"jax": "not-a-version"})
    assert todo.too_new and "unreadable" in todo.too_new[0]


def test_installed_versions_include_this_environment():
    installed = colab.installed_versions()
    assert installed["pytest"] == pytest.__version__
    assert "tutorial-support" in installed


def test_importing_the_colab_module_needs_neither_jax_nor_equinox():
    """The setup cell imports it before Haiku and Equinox are installed."""
    code = ("import sys; import tutorial_support.colab; "
            "print(sorted(m for m in ('jax', 'equinox', 'haiku', 'tensorflow') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_install_missing_with_nothing_missing_changes_nothing(capsys):
    """In this (complete) environment the setup cell's helper installs nothing."""
    assert colab.install_missing() == []
    assert "Added nothing; every preinstalled package kept its version." in capsys.readouterr().out


def test_install_missing_stops_before_pip_when_the_runtime_is_too_old(monkeypatch):
    real = colab.installed_versions()
    monkeypatch.setattr(colab, "installed_versions", lambda: {**real, "jax": "0.6.2"})
    monkeypatch.setattr(colab.subprocess, "run", lambda *a, **k: pytest.fail("pip must not run"))
    with pytest.raises(colab.RuntimeTooOldError, match=r"jax 0\.6\.2 .*Do not pip-install.*Latest"):
        colab.install_missing()


def test_install_missing_warns_when_the_runtime_is_newer(monkeypatch, capsys):
    real = colab.installed_versions()
    monkeypatch.setattr(colab, "installed_versions", lambda: {**real, "numpy": "2.7.0"})
    colab.install_missing()
    assert "Note: numpy 2.7.0 (tested: <2.5,>=2.1.3) is newer" in capsys.readouterr().out
