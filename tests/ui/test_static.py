"""The web studio's static side: served at / without shadowing the API, translations complete."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient


def _load_ui() -> ModuleType:
    # loaded by path: inside pytest the name `ui` is this test folder (tests/ui/__init__.py)
    path = Path(__file__).resolve().parents[2] / "ui" / "__init__.py"
    spec = importlib.util.spec_from_file_location("studio_web_ui", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


UI = _load_ui()
UI_DIR: Path = UI.UI_DIR
mount_ui = UI.mount_ui
PAGES_DIR = UI_DIR / "pages"
LANGS = ("en", "zh-CN")


def _strings(lang: str) -> dict[str, str]:
    return json.loads((UI_DIR / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))


def _sources() -> list[Path]:
    return sorted([*UI_DIR.glob("*.js"), *PAGES_DIR.glob("*.js")])


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()

    @app.get("/api/v1/ping")
    def ping() -> dict[str, str]:
        return {"answer": "api"}

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics")
    def metrics() -> str:
        return "metrics"

    mount_ui(app)
    return TestClient(app)


def test_home_is_the_studio_shell_and_assets_are_served(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert home.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/ui/app.js">' in home.text
    for asset, kind in (("/ui/app.js", "javascript"), ("/ui/styles.css", "text/css"),
                        ("/ui/i18n/zh-CN.json", "json"),
                        ("/ui/vendor/chartjs/chart.umd.min.js", "javascript")):
        answer = client.get(asset)
        assert answer.status_code == 200, asset
        assert kind in answer.headers["content-type"], asset


def test_the_studio_does_not_shadow_api_docs_health_or_metrics(client: TestClient) -> None:
    assert client.get("/api/v1/ping").json() == {"answer": "api"}
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/metrics").json() == "metrics"
    assert client.get("/docs").status_code == 200  # FastAPI's own docs stay reachable
    assert client.get("/openapi.json").json()["paths"].keys() >= {"/api/v1/ping", "/healthz"}
    assert "/" not in client.get("/openapi.json").json()["paths"]


def test_python_files_of_the_ui_package_are_not_served(client: TestClient) -> None:
    assert client.get("/ui/__init__.py").status_code == 404
    assert client.get("/ui/../api/main.py").status_code == 404


def test_both_languages_have_the_same_keys_and_no_empty_strings() -> None:
    english, chinese = _strings("en"), _strings("zh-CN")
    assert set(english) == set(chinese), set(english) ^ set(chinese)
    for lang, strings in (("en", english), ("zh-CN", chinese)):
        empty = [k for k, v in strings.items() if not v.strip()]
        assert not empty, f"{lang}: empty strings {empty}"
    # the Chinese file is a translation, not a copy: most strings contain CJK characters
    cjk = [k for k, v in chinese.items() if re.search(r"[\u4e00-\u9fff]", v)]
    assert len(cjk) > 0.9 * len(chinese)


def test_placeholders_match_between_languages() -> None:
    english, chinese = _strings("en"), _strings("zh-CN")
    for key, text in english.items():
        names = set(re.findall(r"\{(\w+)\}", text))
        assert names == set(re.findall(r"\{(\w+)\}", chinese[key])), key


def test_every_string_the_code_asks_for_exists() -> None:
    english = _strings("en")
    used: set[str] = set()
    for path in _sources():
        code = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\(\"([^\"]+)\"", code))
        for pair in re.findall(r"pageHeader\(\"([^\"]+)\", \"([^\"]+)\"", code):
            used |= set(pair)
    html = (UI_DIR / "index.html").read_text(encoding="utf-8")
    used |= set(re.findall(r'data-i18n(?:-aria)?="([^"]+)"', html))
    # keys built from a name: every page's nav label, every status the pages show
    app = (UI_DIR / "app.js").read_text(encoding="utf-8")
    pages = re.findall(r'^\s+"(\w+)",$', app.split("export const PAGES = [")[1].split("];")[0],
                       re.M)
    assert len(pages) == 16
    used |= {f"nav.{p}" for p in pages} | {f"{p}.intro" for p in pages}
    used |= {f"status.{s}" for s in ("succeeded", "failed", "running", "queued", "pending",
                                     "cancelled")}
    missing = sorted(k for k in used if k not in english)
    assert not missing, f"keys used by ui/ but missing from en.json: {missing}"
    for page in pages:
        assert (PAGES_DIR / f"{page}.js").is_file(), page


def test_no_page_builds_html_from_strings() -> None:
    # product titles and ad names are data: they must never reach innerHTML
    offenders = [p.name for p in _sources() if re.search(r"innerHTML|outerHTML|insertAdjacentHTML",
                                                         p.read_text(encoding="utf-8"))]
    assert not offenders


def test_vendored_libraries_carry_their_licences_and_versions() -> None:
    vendor = UI_DIR / "vendor"
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    chart = (vendor / "chartjs" / "chart.umd.min.js").read_text(encoding="utf-8")[:400]
    axe = (vendor / "axe-core" / "axe.min.js").read_text(encoding="utf-8")[:400]
    version = re.search(r"Chart\.js v(\d+\.\d+\.\d+)", chart)
    assert version and f"| {version.group(1)} |" in readme
    axe_version = re.search(r"axe v(\d+\.\d+\.\d+)", axe)
    assert axe_version and f"| {axe_version.group(1)} |" in readme
    assert (vendor / "chartjs" / "LICENSE.md").is_file()
    assert (vendor / "axe-core" / "LICENSE").is_file()


def test_translated_formulas_follow_the_server() -> None:
    # the ROI page shows formula.<name> instead of the server's English formula in other
    # languages: a formula changed on the server must be changed here too
    from studio.roi.formulas import FORMULAS

    english = _strings("en")
    ours = {k.removeprefix("formula."): v for k, v in english.items() if k.startswith("formula.")}
    assert ours == FORMULAS
