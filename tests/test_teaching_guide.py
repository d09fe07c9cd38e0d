"""The teacher's guide explains every symbol the notebooks' markdown uses.

Symbols are found in the math ($...$ and $$...$$) of every markdown cell:
Greek letters, operator macros (bind, unbind, gradient, ...), named operators
(\\operatorname{sgn}, \\mathrm{sim}) and single capital letters. Each must
appear, written the same way, in the notation section of TEACHING.md.
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "TEACHING.md"
# Macros that only lay out or format math; they name no quantity or operation.
LAYOUT = {r"\Big", r"\big", r"\frac", r"\tfrac", r"\text", r"\qquad", r"\quad", r"\mathbf",
          r"\boldsymbol", r"\sum", r"\sqrt", r"\approx", r"\le", r"\ge", r"\ne", r"\in", r"\to",
          r"\leftarrow", r"\Longrightarrow", r"\mapsto", r"\dots", r"\cdot", r"\pm", r"\infty",
          r"\int", r"\max", r"\min", r"\underbrace", r"\operatorname", r"\mathrm", r"\mathcal",
          r"\rVert", r"\rfloor", r"\left", r"\right", r"\cos", r"\log", r"\ln", r"\cosh",
          r"\tanh", r"\binom", r"\begin", r"\end"}


def notebook_math() -> str:
    text = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "markdown":
                source = "".join(cell["source"])
                text += [a or b for a, b in re.findall(r"\$\$(.+?)\$\$|\$(.+?)\$", source, re.S)]
    return "\n".join(text)


def symbols() -> set[str]:
    math = notebook_math()
    found = set(re.findall(r"\\[A-Za-z]+", math)) - LAYOUT
    found |= {f"\\operatorname{{{n}}}" for n in re.findall(r"\\operatorname\{(\w+)\}", math)}
    found |= {f"\\mathrm{{{n}}}" for n in re.findall(r"\\mathrm\{(\w+)\}", math) if len(n) > 1}
    found |= set(re.findall(r"(?<![\\A-Za-z])([A-Z])(?![A-Za-z])", math))
    return found


def test_the_notebooks_use_symbols_at_all():
    assert {r"\circledast", r"\beta", "N"} <= symbols()


def test_every_symbol_is_in_the_notation_table():
    notation = GUIDE.read_text().split("## Notation", 1)[1]
    missing = sorted(s for s in symbols()
                     if not re.search(r"\$[^$\n]*" + re.escape(s) + r"(?![A-Za-z])[^$\n]*\$", notation))
    assert not missing, f"TEACHING.md's notation table lacks {missing}"


def test_the_readme_links_the_guide():
    assert "(TEACHING.md)" in (ROOT / "README.md").read_text()


def test_the_guide_lists_exactly_the_open_exercises():
    """Open exercises (no self-check) as the guide lists them = every exercise minus the checked."""
    import importlib.util

    from tutorial_support.exercises import EXERCISES

    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    every = set()
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        count = len(dev.exercises(json.loads(path.read_text())["cells"]))
        every |= {f"{path.name[:2]}.{k}" for k in range(1, count + 1)}
    paragraph = GUIDE.read_text().split("Open exercises have no self-check", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"\b\d\d\.\d+\b", paragraph))
    assert listed == every - set(EXERCISES), (
        f"TEACHING.md lists {sorted(listed)} as open; the exercises without a self-check are "
        f"{sorted(every - set(EXERCISES))}")
