"""The exported demo page of notebook 05, run in real headless Chromium with no network.

The page notebooks/dam_demo.html embeds the memory's weights and a JavaScript
version of the clamped-label step. Here it must: load with every request other
than the page itself blocked; reproduce the JAX trajectory of
dam.ConditionalMemory.generate from the same start (JavaScript computes in
float64, JAX in float32: states agree to 1e-5 grey levels); lower the energy at
every step; and take a dynamics step (with its drawing) in under 33 ms, i.e.
keep up with 30 frames per second.
"""

import base64
import json
import os
import re
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from tutorial_support import dam

PAGE = Path(__file__).resolve().parent.parent / "notebooks" / "dam_demo.html"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
URL = "http://dam-demo.invalid/dam_demo.html"  # served from memory by the test itself
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOLERANCE = 1e-5
STEP_BUDGET_MS = 33.0


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
def browser_page(html):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    from playwright.sync_api import sync_playwright

    blocked, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))

        def only_the_page(route):
            if route.request.url == URL:
                route.fulfill(body=html, content_type="text/html; charset=utf-8")
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_the_page)
        page.goto(URL)
        page.wait_for_function("window.dam !== undefined && window.dam.demo.t > 5")
        page.evaluate("window.dam.stop()")
        yield page, blocked, errors
        browser.close()


def test_page_embeds_the_notebook_memory(html):
    model = _model(html)
    images = dam.load_images(model["side"])
    np.testing.assert_array_equal(_floats(model["images"]).reshape(model["n"], model["d"]), images)
    assert model["names"] == list(dam.IMAGE_NAMES)
    assert len(html.encode()) < 200_000


def test_page_runs_without_network_or_errors(browser_page):
    page, blocked, errors = browser_page
    assert blocked == [], f"the page asked for {blocked}"
    assert errors == []
    assert page.text_content("#label") in dam.IMAGE_NAMES


@pytest.mark.parametrize("label", [0, 5])
def test_javascript_trajectory_matches_jax(html, browser_page, label):
    page, _, _ = browser_page
    model = _model(html)
    memory = dam.ConditionalMemory(
        _floats(model["images"]).reshape(model["n"], model["d"]), np.eye(model["n"]),
        beta=model["beta"], label_strength=model["labelStrength"])
    start = jax.random.uniform(jax.random.PRNGKey(label), (model["d"],))
    n = 40
    states, energies = memory.generate(start, label, model["alpha"], n)
    result = page.evaluate("([start, label, n]) => window.runSteps(start, label, n)",
                           [np.asarray(start, dtype=float).tolist(), label, n])
    js_states, js_energies = np.array(result["states"]), np.array(result["energies"])
    assert js_states.shape == (n + 1, model["d"])
    deviation = np.abs(js_states - np.asarray(states)).max()
    print(f"label {label}: largest JS − JAX state difference {deviation:.2e}")
    assert deviation < TOLERANCE, f"JS and JAX states differ by {deviation:.2e}"
    np.testing.assert_allclose(js_energies, energies, rtol=1e-5)
    assert np.all(np.diff(js_energies) <= 1e-9), "the energy rose during the JS dynamics"
    assert np.abs(js_states[-1] - np.asarray(memory.images[label])).mean() < 0.01


def test_one_step_fits_in_a_frame(browser_page):
    page, _, _ = browser_page
    timing = page.evaluate("""() => {
        const x = Float64Array.from(window.dam.demo.x);
        let t0 = performance.now();
        for (let k = 0; k < 200; k++) window.dam.step(x, 3);
        const step = (performance.now() - t0) / 200;
        t0 = performance.now();
        for (let k = 0; k < 50; k++) window.dam.frame();
        return { step: step, frame: (performance.now() - t0) / 50 };
    }""")
    print(f"browser: {timing['step']:.3f} ms per step, {timing['frame']:.3f} ms per step with drawing")
    assert timing["step"] < STEP_BUDGET_MS
    assert timing["frame"] < STEP_BUDGET_MS
