"""The editors' workflow: new records, translation status, notices, edit links, the reports page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO_URL, ROOT, copy_project, run_mkdocs_build

KB = str(ROOT / "scripts" / "kb.py")


def kb(*args, root: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, KB, *args, "--root", str(root)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def data_copy(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "themes.yml", tmp_path / "data" / "themes.yml")
    shutil.copytree(ROOT / "data" / "networks", tmp_path / "data" / "networks")
    return tmp_path


# --- kb.py new ---------------------------------------------------------------------------------

def test_new_network_writes_a_record_that_passes_once_filled_in(tmp_path):
    root = data_copy(tmp_path)
    result = kb("new", "network", "example-network", root=root)
    assert result.returncode == 0, result.stdout
    path = root / "data" / "networks" / "example-network.yml"
    assert "Wrote data/networks/example-network.yml" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/network.schema.json")
    for field in ("name", "albanian_name", "acronym", "founded", "structure", "secretariat",
                  "countries", "wider_region", "members", "themes", "status", "last_active",
                  "description", "notes", "website", "email", "sources", "last_verified"):
        assert f"\n{field}:" in text or f"\n# {field}:" in text, field

    # As written, the required fields are empty: the check names each of them.
    unfilled = kb("check", root=root)
    assert unfilled.returncode == 1
    for field in ("name.sq", "name.en", "albanian_name", "founded", "countries", "themes",
                  "status", "description.sq", "sources[1].url"):
        assert "example-network.yml:" in unfilled.stdout and f" {field}: " in unfilled.stdout, field

    filled = (text.replace('name:\n  sq: ""\n  en: ""',
                           'name:\n  sq: Rrjeti Shembull\n  en: Example Network')
                  .replace("\nfounded:\n", "\nfounded: 2010\n")
                  .replace("\nalbanian_name:\n", "\nalbanian_name: translated\n")
                  .replace("\nstatus:\n", "\nstatus: active\n")
                  .replace("# last_active:", "last_active: 2025")
                  .replace("# members:\n#   count:\n#   as_of:\n",
                           "members:\n  count: 12\n  as_of: 2025\n")
                  .replace("# secretariat:\n#   # city:", "secretariat:\n  # city:")
                  .replace("#   country:", "  country: AL")
                  .replace("countries: []", "countries: [AL, XK]")
                  .replace("themes: []", "themes: [human-rights]")
                  .replace('description:\n  sq: ""\n  en: ""',
                           'description:\n  sq: Një rrjet shembull.\n  en: An example network.')
                  .replace("  - url:\n    title:\n",
                           "  - url: https://example.org/about\n    title: About\n")
                  .replace("# website:", "website: https://example.org"))
    # Optional parts of a field stay commented out when the field itself is filled in.
    assert "\nmembers:\n  count: 12\n  as_of: 2025\n#   # includes_individuals:" in filled
    assert "\nsecretariat:\n  # city: {sq: \"\", en: \"\"}\n  country: AL\n" in filled
    path.write_text(filled, encoding="utf-8")
    passed = kb("check", root=root)
    assert passed.returncode == 0, passed.stdout
    assert "Checked " in passed.stdout


def test_new_report_writes_every_report_field(tmp_path):
    result = kb("new", "report", "example-report", root=tmp_path)
    assert result.returncode == 0
    text = (tmp_path / "data" / "reports" / "example-report.yml").read_text(encoding="utf-8")
    for field in ("title", "title_translated", "date", "authors", "publisher", "series",
                  "commissioned_by", "summary", "themes", "landing_page", "announcement", "files",
                  "not_online", "notes", "sources", "last_verified"):
        assert f"\n{field}:" in text or f"\n# {field}:" in text, field


def test_new_never_overwrites(tmp_path):
    root = data_copy(tmp_path)
    path = root / "data" / "networks" / "bcsdn.yml"
    before = path.read_bytes()
    result = kb("new", "network", "bcsdn", root=root)
    assert result.returncode == 1
    assert "already exists; nothing was written" in result.stdout
    assert path.read_bytes() == before


def test_new_refuses_an_id_the_directory_would_not_read(tmp_path):
    result = kb("new", "network", "My Network", root=tmp_path)
    assert result.returncode == 2
    assert "such as my-network" in result.stdout
    assert not (tmp_path / "data" / "networks").exists()


# --- kb.py translations ------------------------------------------------------------------------

def git(repo: Path, *args, when: str | None = None):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def docs_repo(tmp_path):
    """A repository whose history has a missing, an outdated and an English-first page."""
    repo = tmp_path
    git(repo, "init", "-q", "-b", "main")
    # The site's languages are those of mkdocs.yml.
    write(repo / "mkdocs.yml", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    write(repo / "docs" / "a.sq.md", "# A\n")
    write(repo / "docs" / "a.en.md", "# A\n")
    write(repo / "docs" / "guide" / "only.sq.md", "# Vetëm shqip\n")
    write(repo / "docs" / "first.en.md", "# Written in English first\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first pages", when="2026-01-10T12:00:00Z")
    write(repo / "docs" / "first.sq.md", "# Shkruar fillimisht në anglisht\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "translate first", when="2026-02-10T12:00:00Z")
    write(repo / "docs" / "a.sq.md", "# A\n\nNjë paragraf i ri.\n")
    git(repo, "commit", "-q", "-am", "change the original", when="2026-03-15T12:00:00Z")
    return repo


def test_translations_finds_missing_and_outdated_pages(docs_repo):
    result = kb("translations", root=docs_repo)
    lines = result.stdout.splitlines()
    assert result.returncode == 1  # a missing translation fails
    assert ("docs/guide/only.sq.md:1:1: error: translation: there is no English version of this "
            "page; create docs/guide/only.en.md") in result.stdout
    outdated = [line for line in lines if line.startswith("docs/a.en.md:1:1: warning: translation:")]
    assert len(outdated) == 1
    assert "changed on 2026-03-15, after this translation was last changed (2026-01-10)" in outdated[0]
    # A page written in English and translated into Albanian afterwards is up to date.
    assert "first" not in result.stdout.replace("first pages", "")
    assert lines[-1] == "3 pages: 1 missing a translation, 1 with a translation that may be out of date."


def test_a_change_marked_as_needing_no_translation_leaves_the_translation_up_to_date(docs_repo):
    write(docs_repo / "docs" / "first.sq.md", "# Shkruar fillimisht në *anglisht*\n")
    git(docs_repo, "commit", "-q", "-am", "Emphasis only\n\n[no translation needed]",
        when="2026-04-01T12:00:00Z")
    result = kb("translations", root=docs_repo)
    assert "docs/first.en.md" not in result.stdout
    # Without the marker, the same change makes the English page out of date.
    write(docs_repo / "docs" / "first.sq.md", "# Shkruar fillimisht në anglisht\n")
    git(docs_repo, "commit", "-q", "-am", "Plain again", when="2026-04-02T12:00:00Z")
    result = kb("translations", root=docs_repo)
    assert "docs/first.en.md:1:1: warning: translation:" in result.stdout


def test_translations_passes_when_every_page_is_translated(docs_repo):
    write(docs_repo / "docs" / "guide" / "only.en.md", "# English only now too\n")
    git(docs_repo, "add", ".")
    git(docs_repo, "commit", "-q", "-m", "translate", when="2026-04-01T12:00:00Z")
    write(docs_repo / "docs" / "a.en.md", "# A\n\nA new paragraph.\n")
    git(docs_repo, "commit", "-q", "-am", "update translation", when="2026-04-02T12:00:00Z")
    result = kb("translations", root=docs_repo)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "3 pages: 0 missing a translation, 0 with a translation that may be out of date."


def test_translations_on_this_repository_reports_no_missing_page():
    result = subprocess.run([sys.executable, KB, "translations"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout
    assert " 0 missing a translation" in result.stdout


# --- notices, dates and report links in a built project with history ---------------------------

@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    """This project, copied, with a git history in which one translation is missing and one is
    older than its original, plus a report with a known file address; then built."""
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "import", when="2026-01-10T12:00:00Z")
    membership = project / "docs" / "guide" / "membership.sq.md"
    membership.write_text(membership.read_text(encoding="utf-8") + "\nNjë paragraf i ri.\n",
                          encoding="utf-8")
    git(project, "commit", "-q", "-am", "change the Albanian page", when="2026-03-15T12:00:00Z")
    (project / "docs" / "guide" / "governance.en.md").unlink()
    write(project / "data" / "reports" / "with-file.yml", """\
title: {sq: Raport me skedar, en: Report with a file}
date: 2020-05
summary: {sq: Një përmbledhje., en: A summary.}
themes: [civil-society-development]
files:
  - label: {sq: Raporti, en: Report}
    url: https://example.org/files/report.pdf
    format: PDF
    language: en
    size: 1.2 MB
sources:
  - {title: Example source}
last_verified: 2026-11-01
""")
    site_dir = tmp_path_factory.mktemp("history-site")
    # As in CI, where a clone with the whole history (this one) must build.
    result = run_mkdocs_build(site_dir, cwd=project, CI="true")
    assert result.returncode == 0, result.stderr
    assert "shallow clone" not in result.stderr

    def page(path):
        return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    return page


def test_outdated_translation_shows_a_notice_in_the_readers_language(history_site):
    notice = history_site("en/guide/membership").select_one(".kb-translation-notice")
    assert notice is not None
    assert notice.get_text(" ", strip=True) == (
        "This translation may be out of date: the Albanian original was changed on 15 March 2026, "
        "after the translation was last updated (10 January 2026).")
    # The original itself, and pages translated after their last change, have no notice.
    assert history_site("guide/membership").select_one(".kb-translation-notice") is None
    assert history_site("en/guide/why-network").select_one(
        ".kb-translation-notice") is None


def test_missing_translation_shows_the_original_marked_as_albanian(history_site):
    page = history_site("en/guide/governance")
    notice = page.select_one(".kb-translation-notice")
    assert notice.get_text(strip=True) == (
        "This page has not been translated into English yet. You are reading the Albanian original.")
    assert page.html["lang"] == "en"
    wrapped = page.select_one("article div[lang=sq]")
    assert wrapped is not None and "Qeverisja" in wrapped.get_text()


def test_pages_say_when_they_last_changed(history_site):
    assert "Ndryshuar së fundi më 15 mars 2026" in history_site("guide/membership").get_text(" ")
    assert "Last changed on 10 January 2026" in history_site("en/guide/why-network").get_text(" ")


def test_report_files_link_to_the_file_and_no_archive_copy_the_record_lacks(history_site):
    for prefix, label in (("", "Raporti"), ("en/", "Report")):
        section = history_site(f"{prefix}reports").find(id="with-file")
        links = {a.get_text(strip=True): a["href"] for a in section.select("li a")}
        assert links == {label: "https://example.org/files/report.pdf"}
        assert "PDF" in section.get_text() and "1.2 MB" in section.get_text()
    assert "anglisht" in history_site("reports").find(id="with-file").get_text()
    assert "in English" in history_site("en/reports").find(id="with-file").get_text()


# --- the real site ------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["sq", "en"])
def test_every_page_has_an_edit_link_to_its_own_source_file(site, language):
    prefix = f"{REPO_URL}/edit/main/"
    for path in site.page_paths(language):
        link = site.page(path).select_one("a.md-content__button[href]")
        assert link is not None, path
        href = link["href"]
        assert href.startswith(prefix), (path, href)
        source = ROOT / href[len(prefix):]
        assert source.is_file(), (path, href)
        if source.suffix == ".md":
            assert source.name.endswith(f".{language}.md"), (path, href)


@pytest.mark.parametrize("language", ["sq", "en"])
def test_reports_page_lists_every_report(site, language):
    page = site.page("reports/" if language == "sq" else "en/reports/")
    for record in sorted((ROOT / "data" / "reports").glob("*.yml")):
        section = page.find(id=record.stem)
        assert section is not None, record.stem
        assert section.find("h2") is not None
        assert section.select_one(".kb-report__state").get_text(strip=True), record.stem


def test_guide_chapters_link_the_reports_they_draw_on(site):
    for prefix in ("", "en/"):
        chapter = site.page(f"{prefix}guide/why-network/")
        targets = {a["href"] for a in chapter.select("article a[href]")}
        assert any("reports/#regional-cso-networks-2016" in t for t in targets), targets


# --- a clone without the whole history ----------------------------------------------------------

SHALLOW_MESSAGE = "this clone has only the newest part of the git history (a shallow clone)"


@pytest.fixture(scope="module")
def shallow_clone(tmp_path_factory):
    """This project with two commits, cloned with only the newest one (git clone --depth 1)."""
    origin = copy_project(tmp_path_factory.mktemp("origin"))
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "import", when="2026-01-10T12:00:00Z")
    page = origin / "docs" / "guide" / "membership.sq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNjë paragraf i ri.\n", encoding="utf-8")
    git(origin, "commit", "-q", "-am", "change a page", when="2026-03-15T12:00:00Z")
    clone = tmp_path_factory.mktemp("clone") / "shallow"
    git(origin, "clone", "-q", "--depth", "1", origin.as_uri(), str(clone))
    return clone


@pytest.mark.parametrize("variable", ["CI", "GITHUB_ACTIONS"])
def test_a_shallow_clone_stops_the_build_in_ci(shallow_clone, tmp_path, variable):
    result = run_mkdocs_build(tmp_path / "site", cwd=shallow_clone,
                              **{"CI": "", "GITHUB_ACTIONS": "", variable: "true"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert SHALLOW_MESSAGE in output and "'fetch-depth: 0'" in output, output
    assert "git fetch --unshallow" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_shallow_clone_builds_with_a_warning_outside_ci(shallow_clone, tmp_path):
    result = run_mkdocs_build(tmp_path / "site", cwd=shallow_clone, CI="", GITHUB_ACTIONS="")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(SHALLOW_MESSAGE) == 1, result.stderr
    assert "git fetch --unshallow" in result.stderr
    assert (tmp_path / "site" / "index.html").exists()
