"""`python dev.py test` must leave the work tree as it found it.

dev.py compares `work_tree_status()` before and after the run and fails when it
changed. These tests show, in a scratch git repository, that the status sees
each kind of change a test run could make: a new file, a tracked file changed,
and a tracked file that was already modified and changes again.
"""

import importlib.util
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)


@pytest.fixture()
def repository(tmp_path, monkeypatch):
    environment = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@t"}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "page.html").write_text("one")
    subprocess.run(["git", "add", "page.html"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "start"], cwd=tmp_path, check=True, env=os.environ)
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    return tmp_path


def test_status_sees_new_and_changed_files(repository):
    clean = dev.work_tree_status()
    (repository / "page.html").write_text("two")
    modified = dev.work_tree_status()
    assert modified != clean
    (repository / "page.html").write_text("three")  # modified before, and changed again
    assert dev.work_tree_status() != modified
    (repository / "new.txt").write_text("x")
    assert "new.txt" in dev.work_tree_status()


def test_status_is_none_outside_git(tmp_path, monkeypatch):
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert dev.work_tree_status() is None


def test_tests_write_exports_to_a_scratch_folder():
    folder = Path(os.environ["TUTORIAL_OUTPUT_DIR"])
    assert folder.is_dir() and ROOT not in folder.resolve().parents
