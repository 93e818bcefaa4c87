"""Fixtures for the web-studio tests: a real `studio serve` (API + embedded worker) on a free
port with a temporary home, headless Debian Chromium, and helpers that check every page for
console errors and axe-core violations and save screenshots into test-artifacts/ui/.

The server's OpenAI settings point at a local fake (tests/fakes/openai_videos.py), so the
`sora` generator makes real (tiny) clips for the candidate picker without any cloud call.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (the browser: tests/conftest)

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "ui"
SAMPLES = REPO / "media" / "samples"
AXE = REPO / "ui" / "vendor" / "axe-core" / "axe.min.js"
EMAIL = "seller@example.com"
PASSWORD = "correct-horse-battery-9"
WIDTHS = {"phone": 390, "desktop": 1440}
CLOUD_SETTINGS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "GEMINI_API_KEY", "GOOGLE_API_KEY",
                  "GOOGLE_GEMINI_BASE_URL", "ARK_API_KEY", "ARK_BASE_URL", "ANTHROPIC_API_KEY",
                  "ANTHROPIC_BASE_URL")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Studio:
    base_url: str
    home: Path
    media: Path
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def client(self) -> httpx.Client:
        """An API client signed in as the seller, with the same session cookie the browser
        gets (sent by hand: the cookie is Secure and this server speaks plain http)."""
        answer = httpx.post(f"{self.base_url}/api/v1/auth/sign-in",
                            json={"email": EMAIL, "password": PASSWORD}, timeout=30)
        answer.raise_for_status()
        cookie = answer.headers["set-cookie"].split(";", 1)[0]
        return httpx.Client(base_url=self.base_url, timeout=60, headers={"Cookie": cookie})


def _studio_env(home: Path, media: Path, openai_url: str | None = None) -> dict[str, str]:
    # a developer's real cloud keys never reach the server under test
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("STUDIO_") and k not in CLOUD_SETTINGS}
    if openai_url:
        from tests.fakes.openai_videos import FakeOpenAI

        env.update(OPENAI_API_KEY=FakeOpenAI.API_KEY, OPENAI_BASE_URL=f"{openai_url}/v1")
    env.update(
        STUDIO_HOME=str(home),
        STUDIO_MEDIA_ROOT=str(media),
        STUDIO_SECRET_KEY="ui-tests-secret-key",
        # `ui` is not (yet) in the packaged modules; the repo on the path makes it importable
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p),
    )
    return env


@pytest.fixture(scope="session")
def fake_openai() -> Iterator[Any]:
    """The OpenAI API (Sora videos) on 127.0.0.1, for the whole session's server."""
    from tests.fakes.openai_videos import FakeOpenAI

    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture(scope="session")
def studio(tmp_path_factory: pytest.TempPathFactory, fake_openai: Any) -> Iterator[Studio]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    home = tmp_path_factory.mktemp("ui-studio")
    media = home / "media"
    shutil.copytree(SAMPLES / "photos", media / "photos")
    env = _studio_env(home, media, fake_openai.url)
    command = [sys.executable, "-m", "studio"]
    for args in (["db", "upgrade"], ["keys", "add-user", EMAIL, "--password", PASSWORD]):
        done = subprocess.run(command + args, env=env, cwd=media, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, f"studio {' '.join(args)} failed:\n{done.stderr}"
    port = _free_port()
    log = home / "serve.log"
    with log.open("wb") as out:
        # cwd = media root: relative product image paths then resolve the same way for the
        # API's previews (media root) and for the worker (its working folder)
        server = subprocess.Popen(
            command + ["serve", "--port", str(port), "--concurrency", "2"],
            env=env, cwd=media, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    studio = Studio(f"http://127.0.0.1:{port}", home, media, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                pytest.fail(f"studio serve exited ({server.returncode}):\n{studio.log_tail()}")
            try:
                if httpx.get(f"{studio.base_url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"studio serve did not answer /healthz in 90 s:\n{studio.log_tail()}")
            time.sleep(0.3)
        yield studio
    finally:
        # the server and its embedded worker share the process group this test started
        with _suppress_lookup():
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            pass
        # a Celery worker in warm shutdown can outlive its parent (waiting on chord retries):
        # whatever is left of the group this fixture started goes now
        with _suppress_lookup():
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


class _suppress_lookup:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, value: Any, tb: Any) -> bool:
        return kind is ProcessLookupError


def _images(row: dict[str, str]) -> list[str]:
    if row.get("images"):
        return [i.strip() for i in row["images"].split("|") if i.strip()]
    return [row[c] for c in ("image", "image_2") if row.get(c)]


def sample_products() -> list[dict[str, Any]]:
    """The sample catalog's first rows as API products (images relative to the media root)."""
    rows = list(csv.DictReader((SAMPLES / "catalog.csv").open(encoding="utf-8")))
    products = []
    for row in rows[:4]:
        products.append({
            "title": row["title"], "description": row["description"], "price": row["price"],
            "currency": row["currency"], "category": row["category"],
            "compare_at_price": row["compare_at_price"] or None, "cost": row["cost"] or None,
            "images": _images(row),
        })
    return products


@pytest.fixture(scope="session")
def products(studio: Studio) -> list[dict[str, Any]]:
    """At least the sample products in the workspace (made through the API when none exist)."""
    with studio.client() as client:
        existing = client.get("/api/v1/products", params={"limit": 100}).json()
        if existing["count"] == 0:
            for body in sample_products():
                client.post("/api/v1/products", json=body).raise_for_status()
            existing = client.get("/api/v1/products", params={"limit": 100}).json()
    return existing["data"]


@dataclass
class StudioPage:
    """A browser tab on the studio that remembers every console error and page error."""

    page: Any
    base_url: str
    width: int
    errors: list[str] = field(default_factory=list)

    def watch(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def open(self, hash_route: str = "") -> None:
        self.page.goto(f"{self.base_url}/{hash_route}")
        self.page.wait_for_selector("body[data-ready]")

    def sign_in(self, email: str = EMAIL, password: str = PASSWORD) -> None:
        """Sign in (the shared seller unless told another) from the sign-in page."""
        self.open()
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_selector("main[data-page=catalog]")

    def go(self, name: str, *rest: str) -> None:
        route = "/".join(["#", name, *rest])
        self.page.evaluate("route => { location.hash = route; }", route)
        self.page.wait_for_selector(f"main[data-page={name}]:not([data-busy])")
        # the page's own data requests have finished when no "Loading…" is left
        self.page.wait_for_function(
            "() => !document.querySelector('main .loading')", timeout=30_000
        )

    def axe_violations(self) -> list[str]:
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        found = self.page.evaluate(
            """async () => {
                // a toast or a panel half-way through its fade has half its contrast: what
                // a seller reads is the settled screen (running finite transitions end first)
                await Promise.all(document.getAnimations()
                    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                    .map(a => a.finished.catch(() => null)));
                const result = await axe.run(document, { resultTypes: ["violations"] });
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ")),
                }));
            }"""
        )
        return [
            f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
            for v in found
            if v["impact"] in ("serious", "critical")
        ]

    def check_phone_tables(self, where: str) -> int:
        """On a phone nothing hides sideways inside a table either: a wide one is a card per
        row, each value under its column's name (it used to hide its right-hand columns behind
        a sideways scroll), its caption as wide as the cards, no column's name without a
        value beside it. Returns how many tables were checked."""
        tables = self.page.evaluate(
            """() => [...document.querySelectorAll('main .table-wrap')].map((w) => {
                const cell = w.querySelector('td[data-label]');
                const caption = w.querySelector('caption');
                const cells = [...w.querySelectorAll('td[data-label]')]
                    .filter((td) => td.offsetParent !== null);
                return { hidden: w.scrollWidth - w.clientWidth,
                         label: cell && getComputedStyle(cell, '::before').content,
                         column: cell && cell.dataset.label,
                         caption: caption && !caption.classList.contains('visually-hidden')
                             ? caption.getBoundingClientRect().width / w.clientWidth : null,
                         bare: cells.filter((td) => !td.innerText.trim()
                             && !td.querySelector('img, video, input, button, select'))
                             .map((td) => td.dataset.label) }; })"""
        )
        for shown in tables:
            assert shown["hidden"] <= 1, f"{where}: a table hides {shown['hidden']}px sideways"
            if shown["column"]:
                assert shown["label"] == f'"{shown["column"]}"', (where, shown)
            # a caption one character a line: squeezed beside the cards
            assert shown["caption"] is None or shown["caption"] > 0.5, (where, shown)
            assert not shown["bare"], f"{where}: column names without values {shown['bare']}"
        return len(tables)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}-{self.width}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def tab_factory(chromium: Any, studio: Studio) -> Iterator[Any]:
    contexts = []

    def make(width: int = 1440, locale: str = "en-US") -> StudioPage:
        context = chromium.new_context(
            viewport={"width": width, "height": 900}, locale=locale, accept_downloads=True
        )
        contexts.append(context)
        tab = StudioPage(context.new_page(), studio.base_url, width)
        tab.watch()
        return tab

    yield make
    for context in contexts:
        context.close()
