"""The whole guide as one PDF per language, read back with a PDF reader: its cover, contents with
the right page numbers, chapters in the navigation's order, sources, licence and real Albanian text."""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfReader

from kb.git_history import in_ci
from conftest import ROOT, SITE_URL, resolve, run_mkdocs_build
from kb.documents.handbook import pdf_support_problem
from test_guide import CHAPTERS

PREFIX = {"sq": "", "en": "en/"}
LANGUAGE_NAMES = {"sq": "Shqip", "en": "English"}
# Pages that link to the PDF; each link must show the file's size.
PAGES_LINKING_THE_PDF = ["templates/", "guide/", ""]
MAX_SIZE = 3_000_000


def pdf_path(site, language) -> Path:
    return site.root / f"{PREFIX[language]}guide/handbook.pdf"


@pytest.fixture(scope="module")
def needs_pdf():
    """Like the browser tests: without Pango the PDF tests are skipped here, but never in CI."""
    problem = pdf_support_problem()
    if problem and not in_ci():
        pytest.skip(f"no PDF on this computer: {problem}")


@pytest.fixture(scope="module")
def handbooks(site, needs_pdf):
    return {language: PdfReader(pdf_path(site, language)) for language in PREFIX}


def chapter_titles(site, language) -> list[str]:
    titles = []
    for chapter in CHAPTERS:
        heading = site.page(f"{PREFIX[language]}guide/{chapter}/").select_one("article h1")
        titles.append(" ".join(heading.find(string=True, recursive=False).split()))
    return titles


def page_texts(reader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.mark.parametrize("language", ["sq", "en"])
def test_pdf_is_small_a4_and_tagged_with_its_language(site, handbooks, language):
    assert pdf_path(site, language).stat().st_size < MAX_SIZE
    reader = handbooks[language]
    assert 15 <= len(reader.pages) <= 200
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)   # A4 in points
    assert reader.trailer["/Root"]["/Lang"] == language
    site_name = site.page(f"{PREFIX[language]}guide/").select_one("title").get_text()
    assert reader.metadata.title.split(":")[0] in site_name


@pytest.mark.parametrize("language", ["sq", "en"])
def test_cover_names_title_language_date_address_and_licence(handbooks, language):
    cover = page_texts(handbooks[language])[0]
    assert {"sq": "Menaxhimi i rrjeteve të OSHC-ve", "en": "Managing CSO networks"}[language] in cover
    assert LANGUAGE_NAMES[language] in cover
    assert re.search(r"\b20\d\d\b", cover)                     # the date of the build
    assert SITE_URL in cover
    assert "CC BY 4.0" in cover


@pytest.mark.parametrize("language", ["sq", "en"])
def test_contents_list_every_chapter_with_the_page_it_starts_on(site, handbooks, language):
    texts = page_texts(handbooks[language])
    contents = texts[1]
    titles = chapter_titles(site, language)
    previous = 0
    for title in titles:
        match = re.search(re.escape(title) + r"\s*\.*\s*(\d+)", contents)
        assert match, f"{title!r} not in the contents: {contents}"
        number = int(match.group(1))
        assert number > previous, "chapters out of the navigation's order"
        previous = number
        # The page number printed in the contents is the page where the chapter begins.
        assert texts[number - 1].startswith(title) or title in texts[number - 1][:200], title
    sources_heading = {"sq": "Burimet", "en": "Sources"}[language]
    licence_heading = {"sq": "Licenca", "en": "Licence"}[language]
    assert sources_heading in contents and licence_heading in contents


@pytest.mark.parametrize("language", ["sq", "en"])
def test_bookmarks_follow_the_chapters(site, handbooks, language):
    top_level = [item.title for item in handbooks[language].outline if not isinstance(item, list)]
    titles = chapter_titles(site, language)
    assert [t for t in top_level if t in titles] == titles


@pytest.mark.parametrize("language", ["sq", "en"])
def test_sources_and_licence_close_the_handbook(handbooks, language):
    texts = page_texts(handbooks[language])
    end = " ".join(texts[-6:])
    assert "Creative Commons Attribution 4.0" in end
    assert "https://creativecommons.org/licenses/by/4.0/" in end
    assert "Smodlaka Krajnović" in end           # a source the chapters cite
    assert "monitoringmatrix.net" in end          # its address, written out for print


def test_albanian_letters_are_real_text_in_embedded_fonts(handbooks):
    reader = handbooks["sq"]
    text = " ".join(page_texts(reader))
    for word in ("Çfarë është një rrjet", "Qëndrueshmëria", "llogaridhënie", "çdo"):
        assert word in text, word
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"] if "/FontDescriptor" in font else \
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), \
                f"{font['/BaseFont']} is not embedded"
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert all(name.startswith("DejaVu") for name in fonts), fonts


@pytest.mark.parametrize("path", PAGES_LINKING_THE_PDF)
@pytest.mark.parametrize("language", ["sq", "en"])
def test_links_to_the_pdf_show_its_size(site, needs_pdf, path, language):
    page_path = PREFIX[language] + path
    links = [a for a in site.page(page_path).select("article a[href]")
             if a["href"].endswith("handbook.pdf")]
    assert links, f"{page_path} has no link to the PDF"
    for link in links:
        assert resolve(page_path, link["href"]) == f"{PREFIX[language]}guide/handbook.pdf"
        after = link.next_sibling or ""
        assert re.match(r"\s*\(PDF, \d+([.,]\d)? (kB|MB)\)", str(after)), after


# --- where WeasyPrint cannot run ------------------------------------------------------------

@pytest.fixture(scope="module")
def project_without_pango(tmp_path_factory):
    """A copy of the project, and a `weasyprint` that fails as it does without Pango."""
    project = tmp_path_factory.mktemp("no-pango")
    for name in ("docs", "overrides", "kb", "data"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    fake = project / "fake-packages" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0'\")\n", encoding="utf-8")
    return project


def test_without_pango_the_build_passes_and_says_plainly_that_it_skipped_the_pdf(
        project_without_pango, tmp_path):
    env = {"PYTHONPATH": str(project_without_pango / "fake-packages"), "CI": "",
           "GITHUB_ACTIONS": ""}
    result = run_mkdocs_build(tmp_path / "site", cwd=project_without_pango, **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if "PDF was not made" in line]
    assert len(skipped) == 1, result.stderr
    assert "sudo apt-get install libpango-1.0-0" in skipped[0]
    assert not list((tmp_path / "site").rglob("*.pdf"))
    # The link's words stay, without a link that would lead nowhere.
    templates = (tmp_path / "site" / "templates" / "index.html").read_text(encoding="utf-8")
    assert "handbook.pdf" not in templates and "një PDF të vetëm për ta printuar" in templates
    assert (tmp_path / "site" / "templates" / "membership-policy.docx").exists()


def test_in_ci_a_missing_pdf_fails_the_build_in_the_editors_language(project_without_pango,
                                                                    tmp_path):
    env = {"PYTHONPATH": str(project_without_pango / "fake-packages"), "CI": "true",
           "KB_LANG": "sq"}
    result = run_mkdocs_build(tmp_path / "site", cwd=project_without_pango, **env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("PDF-ja e udhëzuesit nuk mund të krijohej: WeasyPrint nuk mund të ngarkojë "
            "bibliotekën Pango") in result.stderr, result.stderr


# --- `serve` -------------------------------------------------------------------------------------

from test_serve import fetch, served_project, wait_for  # noqa: E402,F401  (the fixture too)


def fetch_bytes(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def test_serve_makes_no_pdf_but_the_word_documents_and_stops_at_a_broken_template(served_project):
    project, url, log_path, server = served_project
    wait_for(lambda: fetch(url + "templates/decision-log/"), "the first build")
    assert fetch_bytes(url + "guide/handbook.pdf") is None
    assert "handbook.pdf" not in fetch(url + "templates/")
    assert fetch_bytes(url + "en/templates/decision-log.docx").startswith(b"PK")
    assert "PDF was not made" not in log_path.read_text(encoding="utf-8")

    template = project / "docs" / "templates" / "decision-log.sq.md"
    original = template.read_text(encoding="utf-8")
    template.write_text(original.replace("[[emri i rrjetit]]", "[[emri i rrjetit"), encoding="utf-8")
    message = "docs/templates/decision-log.sq.md:6:43: error: a gap opened with [[ is not closed"
    wait_for(lambda: message in log_path.read_text(encoding="utf-8"), "the template's problem")
    assert server.poll() is None

    template.write_text(original.replace("[[emri i rrjetit]]", "[[emri i rrjetit tuaj]]"),
                        encoding="utf-8")
    wait_for(lambda: "[[emri i rrjetit tuaj]]" in (fetch(url + "templates/decision-log/") or ""),
             "the rebuild after the fix")
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


def test_a_pdf_made_from_the_same_html_is_reused_and_a_changed_one_is_made_again(
        tmp_path, needs_pdf):
    from kb.documents import handbook

    document = "<html lang='sq'><body><h1>Çfarë është një rrjet</h1></body></html>"
    assert handbook.cached_pdf(document, tmp_path, "handbook-sq") is None
    first = handbook.render_pdf(document, cache=tmp_path, name="handbook-sq")
    assert handbook.cached_pdf(document, tmp_path, "handbook-sq") == first
    changed = document.replace("rrjet", "partneritet")
    assert handbook.cached_pdf(changed, tmp_path, "handbook-sq") is None
    assert handbook.render_pdf(changed, cache=tmp_path, name="handbook-sq") != first
    assert len(list(tmp_path.glob("handbook-sq-*.pdf"))) == 1   # only the latest is kept
