"""Shared fixtures: the site is built once per test session, the way GitHub Actions builds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

# The editors' messages follow the locale (kb/messages.py). The tests, and every command they run,
# read them in English, as on a machine set to C, whatever the machine running the tests is set
# to; a test that wants Albanian says so (tests/test_messages.py).
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "KB_LANG"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"
# A GitHub Pages project address, so the tests also cover a site that does not live at a domain's root.
SITE_URL = "https://example-org.github.io/cso-networks/"
REPO_URL = "https://github.com/example-org/cso-networks"
LANGUAGES = ("sq", "en")
SITE_PATH = urlsplit(SITE_URL).path  # "/cso-networks/"


def resolve(page_path: str, href: str) -> str:
    """The site path a link on a page leads to, or '' when it leaves the site."""
    absolute = urljoin(SITE_URL + page_path, href)
    if not absolute.startswith(SITE_URL):
        return ""
    return urlsplit(absolute).path[len(SITE_PATH):]


# What a copy of the project needs to build and check: every tracked folder the site is made from.
PROJECT_PARTS = ("docs", "overrides", "scripts", "kb", "data", "mkdocs.yml")


def replaced(text: str, *replacements: tuple[str, str]) -> str:
    """text with each (old, new) replaced once; old must be in it, so a typo in a test shows."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def copy_project(target: Path) -> Path:
    """A copy of the project in target (made if missing), without caches; returns target."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, target / name)
    return target


def run_mkdocs_build(site_dir: Path, cwd: Path = ROOT, **env_overrides) -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": SITE_URL, "REPO_URL": REPO_URL, **env_overrides}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
    )


@dataclass(frozen=True)
class BuiltSite:
    root: Path
    log: str

    def path_of(self, url_path: str) -> Path:
        """The file behind a site path such as 'guide/' or 'en/guide/membership/'."""
        target = self.root / url_path.lstrip("/")
        return target / "index.html" if url_path.endswith("/") or url_path == "" else target

    @cache
    def page(self, url_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.path_of(url_path).read_text(encoding="utf-8"), "html.parser")

    def page_paths(self, language: str) -> list[str]:
        """Site paths of every HTML page of one language ('' is the home page)."""
        paths = []
        for html in sorted(self.root.rglob("index.html")):
            rel = html.parent.relative_to(self.root).as_posix()
            rel = "" if rel == "." else rel + "/"
            is_english = rel.startswith("en/")
            if rel.startswith("assets/") or rel.startswith("search/"):
                continue
            if (language == "en") == is_english:
                paths.append(rel)
        return paths


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return BuiltSite(root=site_dir, log=result.stderr)
