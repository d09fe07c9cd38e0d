"""The exported demo page of notebook 05, used in headless Chromium as a person uses it.

The page notebooks/dam_demo.html embeds the memory's weights and a JavaScript
version of the clamped-label step. Opened with every request other than the
page itself blocked, its controls are driven with clicks and key presses
(label buttons, a dot on the map, the three sliders, presets, noise, one step,
pause/run, restart) and what they produce is compared with JAX:
dam.ConditionalMemory.generate from the same state with the settings the page
shows gives the same states (JavaScript computes in float64, JAX in float32:
within 1e-5 grey levels, relative to the largest value once α > 2 makes them
grow), the energy falls for α < 2 and rises at the α the page warns about,
nothing is fetched, nothing is logged as an error, and a step with its drawing
fits in a 30-frames-per-second frame (33 ms).
"""

import ast
import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.decomposition import PCA

from offline_page import CHROMIUM, open_offline
from tutorial_support import dam

PAGE = Path(__file__).resolve().parent.parent / "notebooks" / "dam_demo.html"
TOLERANCE = 1e-5
STEP_BUDGET_MS = 33.0
PAGE_BUDGET_BYTES = 250_000


def _model(html: str) -> dict:
    match = re.search(r"const MODEL = (\{.*?\});\n", html)
    assert match, "the page embeds no MODEL"
    return json.loads(match.group(1))


def _floats(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4")


@pytest.fixture(scope="module")
def html() -> str:
    assert PAGE.exists(), "run notebooks/05_dense_associative_memory to export the page"
    return PAGE.read_text()


@pytest.fixture(scope="module")
def model(html) -> dict:
    return _model(html)


@pytest.fixture(scope="module")
def browser(html):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    with open_offline(html) as (page, blocked, errors):
        page.wait_for_function("window.dam.demo.t > 5")  # the animation runs on its own
        page.click("#pause")
        yield page, blocked, errors


def _state(page) -> np.ndarray:
    return np.array(page.evaluate("Array.from(window.dam.demo.x)"))


def _settings(page) -> dict:
    return page.evaluate("({...window.dam.settings})")


def _press(page, slider: str, key: str, times: int = 1) -> None:
    page.focus(f"#{slider}")
    for _ in range(times):
        page.keyboard.press(key)


def _steps_with_button(page, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Press "one step" n times; the n + 1 states and the n energies the page computed."""
    states = [_state(page)]
    for _ in range(n):
        page.click("#step")
        states.append(_state(page))
    energies = np.array(page.evaluate(f"window.dam.demo.energies.slice(-{n})"))
    return np.array(states), energies


def _jax_run(model, settings, start, n):
    """The same n steps in JAX, with the β, λ, α and label the page shows."""
    images = _floats(model["images"]).reshape(model["n"], model["d"])
    memory = dam.ConditionalMemory(images, np.eye(model["n"]), beta=settings["beta"],
                                   label_strength=settings["lambda"])
    states, energies = memory.generate(np.asarray(start, dtype=np.float32), settings["label"],
                                       settings["alpha"], n)
    return np.asarray(states, dtype=float), np.asarray(energies, dtype=float)


def test_page_embeds_the_notebook_memory(html, model):
    images = dam.load_images(model["side"], colour=model["channels"] == 3)
    np.testing.assert_array_equal(_floats(model["images"]).reshape(model["n"], model["d"]), images)
    assert model["names"] == list(dam.IMAGE_NAMES)
    print(f"page size: {len(html.encode()) / 1024:.0f} KiB ({model['channels']} channels)")
    assert len(html.encode()) < PAGE_BUDGET_BYTES


def _notebook_constants() -> dict:
    """The upper-case constants notebook 05 assigns from literals (ALPHA_IMAGE, PAGE_PRESETS, ...)."""
    source = (PAGE.parent / "05_dense_associative_memory.py").read_text()
    constants: dict = {}
    for node in ast.parse(source).body:
        targets = [t for a in getattr(node, "targets", []) for t in ast.walk(a) if isinstance(t, ast.Name)]
        if isinstance(node, ast.Assign) and targets and all(t.id.isupper() for t in targets):
            try:
                exec(compile(ast.Module([node], []), "notebook 05", "exec"), {}, constants)
            except NameError:  # computed from data, not a literal setting
                pass
    return constants


def test_tracked_page_is_the_current_export(html, model):
    """notebooks/dam_demo.html is what today's export code makes of notebook 05's settings.

    Tests write the notebook's page to a scratch folder (conftest.py), so the tracked
    copy changes only with `python dev.py execute notebooks/05_dense_associative_memory.py`.
    """
    assert dam.render_page(model) == html, ("the page was made by an older template or export "
                                            "code: run python dev.py execute notebooks/05_*.py")
    settings = _notebook_constants()
    assert model["alpha"] == settings["ALPHA_IMAGE"]
    assert model["labelStrength"] == settings["PAGE_LAMBDA"]
    assert model["presets"] == [[name, b, s] for name, (b, s) in settings["PAGE_PRESETS"].items()]
    images = _floats(model["images"]).reshape(model["n"], model["d"])
    pca = PCA(n_components=2, svd_solver="full").fit(images)
    # The principal components' last bits depend on the CPU's LAPACK: compared within 1e-5.
    np.testing.assert_allclose(_floats(model["pcaMean"]), pca.mean_, atol=1e-5)
    np.testing.assert_allclose(_floats(model["pcaComponents"]).reshape(2, -1), pca.components_,
                               atol=1e-5)


def test_label_buttons_and_map_dots_clamp_the_label(browser, model):
    page, _, _ = browser
    page.click("button.memory:has-text('coffee')")
    assert _settings(page)["label"] == model["names"].index("coffee")
    assert "clamped label: coffee" in page.text_content("#status")
    assert "clamped" in page.get_attribute("#memory-3", "class")
    moon = model["names"].index("moon")
    x, y = page.evaluate(f"window.dam.mapPoint({moon})")
    page.click("#map", position={"x": x, "y": y})
    assert _settings(page)["label"] == moon
    assert "clamped label: moon" in page.text_content("#status")


def test_sliders_show_their_values(browser, model):
    page, _, _ = browser
    page.click("button[data-preset='look-up']")
    assert page.text_content("#beta-value") == "1.00" and page.text_content("#lambda-value") == "400"
    _press(page, "beta", "ArrowLeft", 20)
    assert _settings(page)["beta"] == pytest.approx(0.1) and page.text_content("#beta-value") == "0.100"
    _press(page, "beta", "Home")
    assert _settings(page)["beta"] == pytest.approx(1e-3) and page.text_content("#beta-value") == "0.00100"
    _press(page, "lambda", "ArrowLeft", 4)
    assert _settings(page)["lambda"] == 380 and page.text_content("#lambda-value") == "380"
    _press(page, "alpha", "ArrowRight", 5)
    assert _settings(page)["alpha"] == pytest.approx(0.15) and page.text_content("#alpha-value") == "0.15"
    assert page.is_hidden("#alpha-warning")
    _press(page, "alpha", "End")
    assert _settings(page)["alpha"] == 2.5 and page.is_visible("#alpha-warning")


def test_pause_run_and_restart(browser, model):
    page, _, _ = browser
    t = page.evaluate("window.dam.demo.t")
    page.wait_for_timeout(300)
    assert page.evaluate("window.dam.demo.t") == t, "the paused page kept stepping"
    page.click("#pause")  # now "run"
    page.wait_for_function(f"window.dam.demo.t > {t + 5}")
    page.click("#pause")
    assert page.text_content("#pause") == "run"
    page.click("#reset")
    first = _state(page)
    page.click("#step")
    page.click("#reset")
    np.testing.assert_array_equal(_state(page), first)  # the same noise every time
    assert page.evaluate("window.dam.demo.t") == 0
    assert first.shape == (model["d"],) and 0 <= first.min() and first.max() < 1


def test_noise_button_mixes_in_fresh_noise(browser):
    page, _, _ = browser
    page.click("button.memory:has-text('camera')")
    for _ in range(5):
        page.click("#step")
    before = _state(page)
    page.click("#noise")
    added = _state(page) - 0.5 * before  # the page keeps half the image and adds half a uniform draw
    assert 0 <= added.min() and added.max() <= 0.5
    assert abs(added.mean() - 0.25) < 0.02
    assert abs(added.std() - 0.5 / np.sqrt(12)) < 0.01  # uniform on [0, 0.5]


def test_presets_set_the_exported_values(browser, model):
    page, _, _ = browser
    assert [name for name, _, _ in model["presets"]] == ["look-up", "nearest wins", "competition", "blend"]
    for name, beta, strength in model["presets"]:
        page.click(f"button[data-preset='{name}']")
        settings = _settings(page)
        assert settings["beta"] == pytest.approx(beta, rel=1e-9), name
        assert settings["lambda"] == strength, name
        assert float(page.text_content("#beta-value")) == pytest.approx(beta, rel=5e-3)
        assert float(page.text_content("#lambda-value")) == strength


def test_drawings_show_the_state(browser, model):
    """The image canvas shows x (colour channels in order), a thumbnail its picture, the map x's projection."""
    page, _, _ = browser
    page.click("button.memory:has-text('chelsea')")
    page.click("#reset")
    for _ in range(3):
        page.click("#step")
    x = _state(page)
    side, channels = model["side"], model["channels"]
    scale = page.evaluate("document.getElementById('image').width") // side
    centres = np.arange(side) * scale + scale // 2
    shown = np.array(page.evaluate(f"""() => {{
        const data = document.getElementById('image').getContext('2d')
            .getImageData(0, 0, {side * scale}, {side * scale}).data;
        const out = [];
        for (const r of {centres.tolist()}) for (const c of {centres.tolist()})
            out.push([0, 1, 2].map((k) => data[4 * (r * {side * scale} + c) + k]));
        return out;
    }}"""))
    expected = np.round(255 * np.clip(x.reshape(side * side, channels), 0, 1))
    if channels == 1:
        expected = np.repeat(expected, 3, axis=1)
    assert np.abs(shown - expected).max() <= 1, "the image canvas does not show the state x"
    images = _floats(model["images"]).reshape(model["n"], model["d"])
    mean, components = _floats(model["pcaMean"]), _floats(model["pcaComponents"]).reshape(2, -1)
    projected = page.evaluate("(x) => window.dam.project(x)", x.tolist())
    np.testing.assert_allclose(projected, (x - mean) @ components.T, rtol=1e-5, atol=1e-5)
    thumb = np.array(page.evaluate("""() => {
        const canvas = document.querySelector('#memory-2 canvas');
        return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data);
    }""")).reshape(48, 48, 4)
    picture = images[2].reshape(side, side, channels)  # drawn at 1.5 times: pixel 3k + 1 shows 2k
    assert np.abs(thumb[1::3, 1::3, :channels] - np.round(255 * picture[::2, ::2])).max() <= 1


# Settings reached with the page's own controls, and what the energy must do.
CASES = {
    "competition preset, camera": dict(preset="competition", label="camera", keys=[], falls=True,
                                       expect=(10 ** -1.5, 60, 0.1)),
    "keyboard: β 0.316, λ 60, α 1.00, moon": dict(
        preset="look-up", label="moon",
        keys=[("beta", "ArrowLeft", 10), ("lambda", "ArrowLeft", 68), ("alpha", "ArrowRight", 90)],
        falls=True, expect=(10 ** -0.5, 60, 1.0)),
    "blend preset, α 1.90, chelsea": dict(preset="blend", label="chelsea",
                                         keys=[("alpha", "ArrowRight", 180)], falls=True,
                                         expect=(10 ** -2.5, 900, 1.9)),
    "look-up, α 2.50 (warned), coffee": dict(preset="look-up", label="coffee",
                                            keys=[("alpha", "End", 1)], falls=False,
                                            expect=(1.0, 400, 2.5)),
}


@pytest.mark.parametrize("case", CASES)
def test_stepping_with_the_controls_matches_jax(browser, model, case):
    page, _, _ = browser
    spec, n = CASES[case], 20
    page.click(f"button[data-preset='{spec['preset']}']")
    _press(page, "alpha", "Home")
    _press(page, "alpha", "ArrowRight", 9)  # α = 0.10
    for slider, key, times in spec["keys"]:
        _press(page, slider, key, times)
    page.click(f"button.memory:has-text('{spec['label']}')")
    page.click("#reset")
    page.click("#noise")
    states, energies = _steps_with_button(page, n)
    settings = _settings(page)
    beta, strength, alpha = spec["expect"]
    assert settings["beta"] == pytest.approx(beta, rel=1e-9) and settings["lambda"] == strength
    assert settings["alpha"] == pytest.approx(alpha, rel=1e-12)
    assert settings["label"] == model["names"].index(spec["label"])
    jax_states, jax_energies = _jax_run(model, settings, states[0], n)
    scale = max(1.0, np.abs(jax_states).max())
    deviation = np.abs(states - jax_states).max() / scale
    print(f"{case}: β {settings['beta']:.4g}, λ {settings['lambda']:g}, α {settings['alpha']:g}; "
          f"largest JS − JAX state difference {deviation:.1e} (relative to {scale:.3g})")
    assert deviation < TOLERANCE, f"JS and JAX states differ by {deviation:.2e}"
    np.testing.assert_allclose(energies, jax_energies, rtol=1e-5, atol=1e-5 * np.abs(jax_energies).max())
    warned = page.is_visible("#alpha-warning")
    if spec["falls"]:
        assert not warned
        rises = np.diff(energies) / np.abs(energies).max()
        assert rises.max() <= 1e-12, f"the energy rose by {rises.max():.1e} of |E| at α < 2"
    else:
        assert warned, "α ≥ 2 but the page shows no warning"
        assert np.all(np.diff(energies) > 0), "at α = 2.5 the energy should rise at every step"


def test_one_step_fits_in_a_frame(browser):
    """A step alone, and a step with its drawing (mean and worst of 50) within 33 ms.

    Reading one pixel back from each canvas after the frame makes Chromium
    finish rasterising the drawings before the clock stops.
    """
    page, _, _ = browser
    timing = page.evaluate("""() => {
        const x = Float64Array.from(window.dam.demo.x);
        let t0 = performance.now();
        for (let k = 0; k < 200; k++) window.dam.step(x, 3);
        const step = (performance.now() - t0) / 200;
        const canvases = Array.from(document.querySelectorAll('canvas'));
        const frames = [];
        for (let k = 0; k < 50; k++) {
            t0 = performance.now();
            window.dam.frame();
            for (const c of canvases) c.getContext('2d').getImageData(0, 0, 1, 1);
            frames.push(performance.now() - t0);
        }
        return { step: step, mean: frames.reduce((a, b) => a + b) / 50, worst: Math.max(...frames) };
    }""")
    print(f"browser: {timing['step']:.3f} ms per step; with its drawing {timing['mean']:.3f} ms mean, "
          f"{timing['worst']:.3f} ms worst of 50")
    assert timing["step"] < STEP_BUDGET_MS
    assert timing["worst"] < STEP_BUDGET_MS


def test_a_diverging_state_stops_the_animation(browser, model):
    page, _, _ = browser
    page.click("button[data-preset='look-up']")
    _press(page, "alpha", "End")
    page.click("#reset")
    page.evaluate("() => { for (let k = 0; k < 200 && !window.dam.demo.diverged; k++) window.dam.frame(); }")
    assert page.evaluate("window.dam.demo.diverged")
    assert page.text_content("#pause") == "run" and "diverged" in page.text_content("#status")
    assert np.all(np.isfinite(_state(page)))
    page.click("#reset")
    assert not page.evaluate("window.dam.demo.diverged")


def test_no_network_request_and_no_error(browser):
    page, blocked, errors = browser
    assert blocked == [], f"the page asked for {blocked}"
    assert errors == [], f"the page reported {errors}"
