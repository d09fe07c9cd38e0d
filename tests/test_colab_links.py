"""One address: every Colab badge and setup cell agrees with pyproject.toml.

The repository's address is written once, in pyproject.toml ([project.urls]
Repository; [tool.tutorials] branch). `python dev.py generate` writes it into
every notebook (a badge cell at the top and the setup cell) and into the
README's badges. These tests fail when any of them was edited by hand, left
behind after the address changed, or is missing.
"""

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIX = "Run `python dev.py generate` to rewrite them from pyproject.toml."

_spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
dev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(dev)
IPYNBS = dev.notebook_files()  # the collection's notebooks and the worked solutions


def _name(ipynb: Path) -> str:
    return ipynb.relative_to(ROOT).as_posix()


def test_the_address_is_a_github_repository():
    repository, branch = dev.project_config()
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repository)
    assert branch


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: _name(p))
def test_notebook_opens_with_its_colab_badge(ipynb):
    first = nbformat.read(ipynb, as_version=4).cells[0]
    assert first.cell_type == "markdown" and first.source == dev.colab_badge(_name(ipynb)), (
        f"{_name(ipynb)} does not start with its Colab badge {dev.colab_link(_name(ipynb))}. {FIX}")


@pytest.mark.parametrize("ipynb", IPYNBS, ids=lambda p: _name(p))
def test_notebook_has_the_generated_setup_cell_first(ipynb):
    code = [c for c in nbformat.read(ipynb, as_version=4).cells if c.cell_type == "code"]
    setup = [number for number, cell in enumerate(code) if dev.is_setup_cell(cell)]
    assert setup == [0], f"{ipynb.name}: the setup cell must be the first code cell, once"
    assert code[0].source == dev.setup_cell(), (
        f"{ipynb.name}: the setup cell differs from the generated one. {FIX}")
    assert not code[0].outputs, f"{ipynb.name}: the setup cell prints nothing outside Colab"


def test_readme_has_a_badge_for_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for ipynb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert dev.colab_badge(_name(ipynb)) in readme, f"README lacks the badge of {ipynb.name}"


@pytest.mark.parametrize("path", [ROOT / "README.md", *IPYNBS, *(p.with_suffix(".py") for p in IPYNBS)],
                         ids=lambda p: _name(p))
def test_no_other_address_anywhere(path):
    """Every Colab link and every link to this project's GitHub repository is the configured one."""
    text = path.read_text()
    for match in dev.COLAB_LINK.finditer(text):
        assert match[0] == dev.colab_link(match["name"]), f"{path.name}: stale link {match[0]}. {FIX}"
    repository, _ = dev.project_config()
    owner = repository.split("/")[3]
    for url in re.findall(r"https://github\.com/" + re.escape(owner) + r"/[\w.-]+", text):
        assert url == repository, f"{path.name}: {url} is not the configured {repository}. {FIX}"
