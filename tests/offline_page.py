"""Open an HTML page in headless Chromium with every network request blocked.

Shared by tests/test_dam_browser.py and `python dev.py screenshot`, which runs
this file: `python tests/offline_page.py PAGE.html PICTURE.png` opens the page,
pauses its animation, clamps the label named in SCREENSHOT_LABEL, takes
SCREENSHOT_STEPS steps with the page's own "one step" button, and saves a
screenshot. The state shown is therefore the same on every run.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
URL = "http://dam-demo.invalid/dam_demo.html"  # served from memory, never from a network
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT_LABEL, SCREENSHOT_STEPS = "chelsea", 25


@contextlib.contextmanager
def open_offline(html: str, viewport: dict | None = None):
    """Yield (page, blocked requests, errors) for `html` loaded at URL with no network."""
    from playwright.sync_api import sync_playwright

    blocked, errors = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("websocket", lambda socket: blocked.append(socket.url))  # page.route does not see these
        # Console errors (not warnings: the tests' own canvas read-backs make Chromium warn).
        page.on("console", lambda message: message.type == "error"
                and errors.append(f"console {message.type}: {message.text}"))

        def only_the_page(route):
            if route.request.url == URL:
                route.fulfill(body=html, content_type="text/html; charset=utf-8")
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_the_page)
        page.goto(URL)
        page.wait_for_function("window.dam !== undefined")
        try:
            yield page, blocked, errors
        finally:
            browser.close()


def screenshot(html_path: Path, png_path: Path) -> None:
    """Save a screenshot of the page after SCREENSHOT_STEPS steps towards SCREENSHOT_LABEL."""
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM}: install it (Debian: apt-get install chromium) "
                 "or set CHROMIUM to its path.")
    with open_offline(html_path.read_text(), {"width": 1100, "height": 760}) as (page, blocked, errors):
        page.click("#pause")
        page.click("#reset")
        page.click(f"button.memory:has-text('{SCREENSHOT_LABEL}')")
        for _ in range(SCREENSHOT_STEPS):
            page.click("#step")
        page.screenshot(path=str(png_path), full_page=True)
    if blocked or errors:
        sys.exit(f"the page asked for {blocked} or reported {errors}; screenshot not trusted.")
    print(f"wrote {png_path} ({png_path.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
