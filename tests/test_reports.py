"""The reports library: where readers can get each report, in both languages, and what the check
says about it.

Each report is in one of three states, worked out from its record: a file to download (a file with
an address), the publisher's page (landing_page), or no online copy we can link to (with what is
known, from not_online). A built copy of the site with three made-up reports, one in each state,
shows all three; the real site shows that its counts and its words about downloads are true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_mkdocs_build
from test_check import (REAL_NETWORKS, REPORT, assert_no_traceback, check, data_copy, lines_of,
                        problem_prefix, report)
from test_editors import kb

LANGUAGES = {"sq": "", "en": "en/"}
# What a reader sees for each state: a sentence, not only a mark.
STATE_TEXT = {
    "download": {"sq": "Mund ta shkarkoni.", "en": "You can download it."},
    "publisher": {"sq": "Mund ta merrni te faqja e botuesit.",
                  "en": "You can get it from the publisher's page."},
    "offline": {"sq": "Nuk kemi asnjë kopje në internet që mund ta lidhim.",
                "en": "We have no online copy we can link to."},
}
WAYS = {"sq": ["me skedar për shkarkim", "te faqja e botuesit",
               "pa kopje në internet që mund ta lidhim"],
        "en": ["a file to download", "from the publisher's page", "no online copy we can link to"]}

TEMPORARY_REPORTS = {
    "temp-download": """\
title: {sq: Raport shembull me skedar, en: Example report with a file}
title_translated: sq
date: 2021-03
summary: {sq: Një përmbledhje., en: A summary.}
themes: [civil-society-development]
landing_page: {url: "https://example.org/reports/with-file/", title: Example – report page}
files:
  - label: {sq: Raporti, en: Report}
    url: https://example.org/files/report.pdf
    archive_url: https://web.archive.org/web/2021/https://example.org/files/report.pdf
    format: PDF
  - label: {sq: Shtojcat, en: Annexes}
    url: https://example.org/files/annexes.pdf
sources:
  - {title: Example source}
last_verified: 2026-11-01
""",
    "temp-publisher": """\
title: {sq: Raport shembull te botuesi, en: Example report at the publisher}
title_translated: en
summary: {sq: Një përmbledhje., en: A summary.}
themes: [civil-society-development]
landing_page: {url: "https://example.org/reports/at-publisher/", title: Example – publisher's page}
announcement: {url: "https://example.org/news/at-publisher/", title: Example – news item}
sources:
  - {title: Example source}
last_verified: 2026-11-01
""",
    "temp-offline": """\
title: {sq: Raport shembull pa kopje, en: Example report without a copy}
summary: {sq: Një përmbledhje., en: A summary.}
themes: [civil-society-development]
not_online:
  sq: Botuesi e paraqiti në një takim në vitin 2019.
  en: The publisher presented it at a meeting in 2019.
announcement: {url: "https://example.org/news/presented/", title: Example – presentation}
sources:
  - {title: Example source}
last_verified: 2026-11-01
""",
}


def expected_state(record: dict) -> str:
    """The rule the page must follow, written out once more from the records."""
    if any(item.get("url") for item in record.get("files", [])):
        return "download"
    return "publisher" if record.get("landing_page") else "offline"


def records_in(folder: Path) -> dict:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.yml"))}


def state_counts(folder: Path) -> dict:
    states = [expected_state(r) for r in records_in(folder).values()]
    return {state: states.count(state) for state in STATE_TEXT}


def shown_counts(page: BeautifulSoup, language: str) -> dict:
    """The numbers in the list at the top of /reports/, by state."""
    items = [li.get_text(" ", strip=True) for li in page.select(".kb-reports__ways li")]
    assert len(items) == 3, items
    counts = {}
    for state, words, item in zip(STATE_TEXT, WAYS[language], items):
        label, _, number = item.rpartition(": ")
        assert label == words, item
        counts[state] = int(number)
    return counts


@pytest.fixture(scope="module")
def copied_site(tmp_path_factory):
    """This project, copied, with the three made-up reports added to the real ones; then built."""
    project = tmp_path_factory.mktemp("reports-project")
    copy_project(project)
    for record_id, text in TEMPORARY_REPORTS.items():
        (project / "data" / "reports" / f"{record_id}.yml").write_text(text, encoding="utf-8")
    site_dir = tmp_path_factory.mktemp("reports-site")
    result = run_mkdocs_build(site_dir, cwd=project)
    assert result.returncode == 0, result.stderr

    def page(language):
        path = site_dir / LANGUAGES[language] / "reports" / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    page.data = project / "data" / "reports"
    return page


# --- the three states ---------------------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_with_a_file_can_be_downloaded(copied_site, language):
    section = copied_site(language).find(id="temp-download")
    assert section["data-state"] == "download"
    assert section.select_one(".kb-report__state").get_text(strip=True) == STATE_TEXT["download"][
        language]
    links = [(a.get_text(strip=True), a["href"]) for a in section.select(".kb-report__files a")]
    label, annexes, archive = {"sq": ("Raporti", "Shtojcat", "Raporti: kopja në arkivin e internetit"),
                               "en": ("Report", "Annexes", "Report: web-archive copy")}[language]
    # The archive copy is shown for the one file whose record has one, and for no other.
    assert links == [
        (label, "https://example.org/files/report.pdf"),
        (archive, "https://web.archive.org/web/2021/https://example.org/files/report.pdf"),
        (annexes, "https://example.org/files/annexes.pdf")]
    publisher = section.select_one(".kb-report__landing a")
    assert publisher["href"] == "https://example.org/reports/with-file/"
    assert section.select_one(".kb-report__not-online") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_with_a_publishers_page_points_there(copied_site, language):
    section = copied_site(language).find(id="temp-publisher")
    assert section["data-state"] == "publisher"
    assert section.select_one(".kb-report__state").get_text(strip=True) == STATE_TEXT["publisher"][
        language]
    assert section.select_one(".kb-report__landing a")["href"] == (
        "https://example.org/reports/at-publisher/")
    assert section.select_one(".kb-report__announcement a")["href"] == (
        "https://example.org/news/at-publisher/")
    assert section.select(".kb-report__files") == []
    assert STATE_TEXT["download"][language] not in section.get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_report_with_no_online_copy_says_what_is_known(copied_site, language):
    section = copied_site(language).find(id="temp-offline")
    assert section["data-state"] == "offline"
    assert section.select_one(".kb-report__state").get_text(strip=True) == STATE_TEXT["offline"][
        language]
    known = {"sq": "Botuesi e paraqiti në një takim në vitin 2019.",
             "en": "The publisher presented it at a meeting in 2019."}[language]
    assert section.select_one(".kb-report__not-online").get_text(strip=True) == known
    assert section.select_one(".kb-report__announcement a")["href"] == (
        "https://example.org/news/presented/")
    assert section.select(".kb-report__files") == [] and section.select(".kb-report__landing") == []


def test_a_title_we_translated_is_marked_as_ours(copied_site):
    albanian = copied_site("sq").find(id="temp-download")
    note = albanian.select_one(".kb-report__title-note")
    assert note.get_text(" ", strip=True) == (
        "Titulli në shqip është përkthimi ynë. Titulli origjinal, në anglisht: "
        "Example report with a file")
    assert note.select_one("span[lang=en]").get_text() == "Example report with a file"
    # English readers see the report's own title, and nothing of our Albanian translation.
    english = copied_site("en").find(id="temp-download")
    assert english.select_one(".kb-report__title-note") is None
    assert "Raport shembull" not in english.get_text()
    # The other way round: an English title that is our translation of an Albanian one.
    note = copied_site("en").find(id="temp-publisher").select_one(".kb-report__title-note")
    assert note.get_text(" ", strip=True) == (
        "The English title is our translation. Original title, in Albanian: "
        "Raport shembull te botuesi")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_report_shows_the_state_its_record_gives(copied_site, language):
    page = copied_site(language)
    for record_id, record in records_in(copied_site.data).items():
        section = page.find(id=record_id)
        state = expected_state(record)
        assert section["data-state"] == state, record_id
        assert section.select_one(".kb-report__state").get_text(strip=True) == STATE_TEXT[state][
            language], record_id


# --- the counts and the words about downloads are true -----------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_counts_match_the_records_with_a_downloadable_report(copied_site, language):
    counts = shown_counts(copied_site(language), language)
    assert counts == state_counts(copied_site.data)
    assert counts["download"] == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_counts_on_the_real_site_match_its_records(site, language):
    page = site.page(f"{LANGUAGES[language]}reports/")
    assert shown_counts(page, language) == state_counts(ROOT / "data" / "reports")
    total = len(list((ROOT / "data" / "reports").glob("*.yml")))
    intro = {"sq": f"Biblioteka ka {total} raporte dhe studime.",
             "en": f"The library holds {total} reports and studies."}[language]
    assert intro in page.select_one(".kb-reports__count").get_text()


# Words that would promise a download or an archive copy that no record gives.
DOWNLOAD_PROMISES = {
    "sq": ["lidhje për shkarkim", "lidhjet për shkarkim", "skedarët për shkarkim", "arkiv"],
    "en": ["download links", "files to download", "archive"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_reports_pages_promise_no_download_that_is_not_listed(site, language):
    records = records_in(ROOT / "data" / "reports").values()
    downloads = sum(expected_state(r) == "download" for r in records)
    archived = sum(bool(f.get("archive_url")) for r in records for f in r.get("files", []))
    for path in ("", "reports/"):
        page = site.page(LANGUAGES[language] + path)
        links = [a["href"] for a in page.select("article a[href]")]
        # The hand-written text; the generated list is held to the records by the counts above.
        article = BeautifulSoup(str(page.select_one("article")), "html.parser")
        for generated in article.select(".kb-reports"):
            generated.decompose()
        text = " ".join(article.get_text(" ").split())
        for phrase in DOWNLOAD_PROMISES[language]:
            if phrase in ("arkiv", "archive") and archived:
                continue
            if phrase not in ("arkiv", "archive") and downloads:
                continue
            assert phrase not in text, (path, phrase)
        assert sum("web.archive.org" in href for href in links) == archived, path
    # The home page describes the reports, and says nothing of a download it could not keep.
    home = " ".join(site.page(LANGUAGES[language]).select_one("article").get_text(" ").split())
    assert {"sq": "nëse mund ta shkarkoni", "en": "whether you can download it"}[language] in home


# --- the check ----------------------------------------------------------------------------------

WITHOUT_FILES = ("files:\n  - label: {sq: Raporti, en: Report}\n"
                 "    url: https://example.org/report.pdf\n    format: PDF\n")
LANDING_PAGE = 'landing_page: {url: "https://example.org/reports/test/", title: Example page}\n'
NOT_ONLINE = "not_online: {sq: E paraqiti në një takim., en: It was presented at a meeting.}\n"


@pytest.mark.parametrize("way", [LANDING_PAGE, NOT_ONLINE], ids=["landing-page", "not-online"])
def test_a_publishers_page_or_a_not_online_note_is_enough(tmp_path, way):
    result = check(data_copy(tmp_path, {REPORT: report((WITHOUT_FILES, way))}))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert lines_of(result) == [
        f"Checked {REAL_NETWORKS + 2} files ({REAL_NETWORKS} networks, 1 report): no problems."]


def test_a_not_online_note_beside_a_publishers_page_is_a_warning(tmp_path):
    result = check(data_copy(tmp_path, {REPORT: report((WITHOUT_FILES, LANDING_PAGE + NOT_ONLINE))}))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    warning, summary = lines_of(result)
    assert warning.startswith(problem_prefix(REPORT, 10, 13, "not_online", "warning")), warning
    assert "the page does not show this text, because the record has landing_page" in warning
    assert summary.endswith("no problems, 1 warning.")


def test_a_file_without_an_address_is_an_error_that_says_not_to_guess(tmp_path):
    result = check(data_copy(tmp_path, {REPORT: report(
        ("    url: https://example.org/report.pdf\n", ""))}))
    assert_no_traceback(result)
    assert result.returncode == 1, result.stdout
    error = lines_of(result)[0]
    assert error.startswith(problem_prefix(REPORT, 10, 5, "files[1].url")), error
    assert "this field is missing" in error and "never guess an address" in error
    assert "not_online" in error


# --- kb.py new report ---------------------------------------------------------------------------

def test_a_new_report_filled_in_with_what_is_known_passes(tmp_path):
    root = data_copy(tmp_path, {})
    result = kb("new", "report", "example-report", root=root)
    assert result.returncode == 0, result.stdout
    path = root / "data" / "reports" / "example-report.yml"
    text = path.read_text(encoding="utf-8")
    for field in ("title_translated", "series", "landing_page", "announcement", "files",
                  "not_online"):
        assert f"\n# {field}:" in text, field
    assert "#     archive_url:" in text
    filled = (text.replace('title:\n  sq: ""\n  en: ""',
                           "title:\n  sq: Raport shembull\n  en: Example report")
                  .replace("# title_translated:", "title_translated: sq")
                  .replace('summary:\n  sq: ""\n  en: ""',
                           "summary:\n  sq: Një përmbledhje.\n  en: A summary.")
                  .replace("themes: []", "themes: [civil-society-development]")
                  .replace("  - url:\n    title:\n", "  - title: Example source\n")
                  .replace('# not_online:\n#   sq: ""\n#   en: ""',
                           "not_online:\n  sq: U paraqit në një takim.\n"
                           "  en: It was presented at a meeting."))
    path.write_text(filled, encoding="utf-8")
    passed = kb("check", root=root)
    assert passed.returncode == 0, passed.stdout
    assert passed.stdout.rstrip().endswith("no problems."), passed.stdout
