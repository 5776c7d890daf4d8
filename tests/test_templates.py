"""The document templates: each one a page in both languages and a Word document made from the
same Markdown, with the same gaps; a broken template stops the build with its file and line."""

from __future__ import annotations

import copy
import dataclasses
import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from conftest import ROOT, SITE_URL, resolve, run_mkdocs_build
from kb.documents import template_source

TEMPLATES = [
    "memorandum-of-understanding", "statutes-outline", "membership-policy", "decision-log",
    "annual-report-outline", "member-survey", "joint-statements-procedure",
]
PREFIX = {"sq": "", "en": "en/"}


def template_page(site, language, name):
    return site.page(f"{PREFIX[language]}templates/{name}/")


def word_document(site, language, name):
    path = site.root / f"{PREFIX[language]}templates/{name}.docx"
    return docx.Document(io.BytesIO(path.read_bytes()))


def highlighted_runs(document) -> list[str]:
    """The gaps of a Word document: its highlighted runs, in the order they appear."""
    return [run.text for paragraph in _body_paragraphs(document) for run in paragraph.runs
            if run.font.highlight_color == WD_COLOR_INDEX.YELLOW]


def _body_paragraphs(document):
    """Every paragraph of the body, table cells included, in document order."""
    from docx.text.paragraph import Paragraph
    return [Paragraph(p, document) for p in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]


def document_text(document) -> str:
    return "\n".join(p.text for p in _body_paragraphs(document))


@pytest.mark.parametrize("language", ["sq", "en"])
def test_templates_index_links_every_template(site, language):
    index = site.page(f"{PREFIX[language]}templates/")
    linked = {resolve(f"{PREFIX[language]}templates/", a["href"])
              for a in index.select("article a[href]")}
    for name in TEMPLATES:
        assert f"{PREFIX[language]}templates/{name}/" in linked
    # The templates are in the navigation, under their own section, in both languages.
    nav_links = {resolve(f"{PREFIX[language]}templates/", a["href"])
                 for a in index.select("nav.md-nav--primary a[href]")}
    assert {f"{PREFIX[language]}templates/{name}/" for name in TEMPLATES} <= nav_links


@pytest.mark.parametrize("language", ["sq", "en"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_template_page_has_its_gaps_and_its_word_document(site, language, name):
    page = template_page(site, language, name)
    assert page.html["lang"] == language
    article = copy.copy(page.select_one("article"))   # the page itself is shared by the tests
    gaps = article.select("mark.kb-gap")
    assert len(gaps) >= 5
    assert all(g.get_text().startswith("[[") and g.get_text().endswith("]]") for g in gaps)
    # No marker left unrendered: every [[ on the page is inside a highlighted gap.
    for mark in gaps:
        mark.decompose()
    assert "[[" not in article.get_text() and "]]" not in article.get_text()
    download = page.select_one("article .kb-download a[download]")
    path = f"{PREFIX[language]}templates/{name}/"
    assert resolve(path, download["href"]) == f"{PREFIX[language]}templates/{name}.docx"
    assert download["download"].endswith(".docx")
    assert "DOCX" in download.parent.get_text() and "kB" in download.parent.get_text()


@pytest.mark.parametrize("language", ["sq", "en"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_word_document_says_what_the_page_says(site, language, name):
    page = template_page(site, language, name)
    document = word_document(site, language, name)
    title = page.select_one("title").get_text().split(" - ")[0].strip()
    assert document.core_properties.title == title
    assert document.core_properties.language == language
    # The same gaps, in the same order, highlighted in the document as on the page.
    page_gaps = [m.get_text() for m in page.select("article mark.kb-gap")
                 if not m.find_parent(class_="kb-download")]   # the box's example of a gap
    assert highlighted_runs(document) == page_gaps
    text = document_text(document)
    heading = page.select_one("article h1")
    for permalink in heading.select("a.headerlink"):
        permalink.decompose()
    assert " ".join(heading.get_text().split()) in text
    for h2 in page.select("article h2"):
        for permalink in h2.select("a.headerlink"):
            permalink.decompose()
        assert h2.get_text(strip=True) in text
    if language == "sq":
        assert "ë" in text and "ç" in text.lower()


@pytest.mark.parametrize("language", ["sq", "en"])
def test_word_document_links_lead_to_pages_of_the_site(site, language):
    document = word_document(site, language, "membership-policy")
    targets = [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert targets
    for target in targets:
        assert target.startswith(SITE_URL), target
        path = site.path_of(target[len(SITE_URL):].split("#")[0])
        assert path.exists(), target


def test_word_document_tables_keep_their_rows(site):
    document = word_document(site, "sq", "annual-report-outline")
    income = document.tables[1]
    assert income.rows[0].cells[0].text == "Burimi"
    assert income.rows[-1].cells[0].text == "Gjithsej"


# --- the checks, on their own (no build) ------------------------------------------------------

def problems_in(tmp_path: Path, body: str) -> list[str]:
    docs = tmp_path / "docs"
    (docs / "templates").mkdir(parents=True, exist_ok=True)
    (docs / "templates" / "example.sq.md").write_text(
        "---\ntitle: Shembull\n---\n" + body, encoding="utf-8")
    return [str(p) for p in template_source.check_docs(docs, tmp_path)]


@pytest.mark.parametrize("line, expected", [
    ("Emri: [[emri i rrjetit", "a gap opened with [[ is not closed"),
    ("Emri: emri i rrjetit]]", "a gap closed with ]] was not opened"),
    ("Emri: [[ ]]", "an empty gap"),
    ("**Neni 1. Emri", "bold text is not closed"),
    ("```", "a code block cannot go into the Word document"),
    ("!!! tip", "a note box (!!!) cannot go into the Word document"),
    ("<div>tekst</div>", "HTML cannot go into the Word document"),
    ("![logo](logo.png)", "a picture cannot go into the Word document"),
])
def test_each_broken_line_is_named_with_its_file_and_line(tmp_path, line, expected):
    problems = problems_in(tmp_path, f"# Titulli\n\nParagraf.\n\n{line}\n")
    assert len(problems) == 1, problems
    # The front matter takes lines 1-3, the title is line 4: the broken line is line 8.
    assert problems[0].startswith("docs/templates/example.sq.md:8:")
    assert expected in problems[0]


def test_a_table_row_with_a_cell_too_many_is_named(tmp_path):
    problems = problems_in(tmp_path, "# Titulli\n\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n")
    assert len(problems) == 1
    assert problems[0].startswith("docs/templates/example.sq.md:8:1: error:")
    assert "3 cells but the table's first row has 2" in problems[0]


def test_the_problems_of_a_template_are_said_in_albanian_too(tmp_path):
    docs = tmp_path / "docs"
    (docs / "templates").mkdir(parents=True)
    (docs / "templates" / "example.sq.md").write_text(
        "---\ntitle: Shembull\n---\nParagraf pa titull.\n\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n",
        encoding="utf-8")
    said = [p.text("sq") for p in template_source.check_docs(docs, tmp_path)]
    assert said == [
        "docs/templates/example.sq.md:4:1: error: modeli nuk ka titull: filloni me një rresht "
        "'# Titulli i dokumentit'",
        "docs/templates/example.sq.md:8:1: error: ky rresht i tabelës ka 3 qeliza, ndërsa rreshti "
        "i parë i saj ka 2; jepini çdo rreshti të njëjtin numër | qelizash |"]


def test_a_template_without_a_title_is_named(tmp_path):
    problems = problems_in(tmp_path, "Paragraf pa titull.\n")
    assert problems == ["docs/templates/example.sq.md:4:1: error: the template has no title: "
                        "start it with a line '# Title of the document'"]


def test_correct_templates_have_no_problems():
    assert template_source.check_docs(ROOT / "docs", ROOT) == []


# --- a broken template in a real build -----------------------------------------------------------

# What the editor reads, in English or, with KB_LANG=sq (or an Albanian locale), in Albanian.
BUILD_MESSAGES = {
    "en": ("a gap opened with [[ is not closed",
           "'../templates/no-such-template.md' leads to a template that does not exist",
           "The site was not built: 2 problems in the templates"),
    "sq": ("një pjesë për t'u plotësuar hapet me [[ dhe nuk mbyllet",
           "lidhja '../templates/no-such-template.md' çon te një model që nuk ekziston",
           "Sajti nuk u ndërtua: 2 probleme në modelet e dokumenteve"),
}


@pytest.mark.parametrize("editor_language", ["en", "sq"])
def test_a_broken_template_or_a_link_to_a_missing_one_stops_the_build(tmp_path, editor_language):
    project = tmp_path / "project"
    for name in ("docs", "overrides", "kb", "data"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    template = project / "docs" / "templates" / "decision-log.en.md"
    lines = template.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if "[[who, for example" in line)
    lines[number - 1] = lines[number - 1].replace("the secretariat]]", "the secretariat")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chapter = project / "docs" / "guide" / "membership.sq.md"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + "\nShihni [modelin](../templates/no-such-template.md).\n", encoding="utf-8")
    chapter_line = chapter.read_text(encoding="utf-8").count("\n")

    result = run_mkdocs_build(tmp_path / "site", cwd=project, KB_LANG=editor_language)

    gap, link, summary = BUILD_MESSAGES[editor_language]
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    # The first line follows MkDocs' "ERROR   -  ".
    assert any(f"docs/templates/decision-log.en.md:{number}:" in line and gap in line
               for line in lines), result.stderr
    assert any(f"docs/guide/membership.sq.md:{chapter_line}:" in line and link in line
               for line in lines), result.stderr
    assert summary in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- the licence of the text ------------------------------------------------------------------

@pytest.mark.parametrize("language, words", [
    ("sq", "Teksti i kësaj faqeje interneti publikohet me licencën"),
    ("en", "The text of this site is licensed under"),
])
def test_every_page_states_the_licence_in_its_language(site, language, words):
    for path in site.page_paths(language):
        footer = site.page(path).select_one(".md-copyright")
        assert footer is not None and words in footer.get_text(" ", strip=True), path
        link = footer.select_one('a[href="https://creativecommons.org/licenses/by/4.0/"]')
        assert link is not None and link.get_text() == "CC BY 4.0", path


def test_readme_and_licence_file_name_the_licence():
    assert "CC BY 4.0" in (ROOT / "README.md").read_text(encoding="utf-8")
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in licence
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in licence


# --- Word documents kept between builds ---------------------------------------------------------

def test_a_word_document_is_reused_until_its_template_changes(tmp_path, monkeypatch):
    from kb.documents import word
    from kb.build_cache import DocumentCache

    cache = DocumentCache(tmp_path, ".docx")
    source = template_source.read(ROOT / "docs/templates/decision-log.sq.md")
    addresses = {"folder_url": SITE_URL + "templates/", "page_url": SITE_URL + "templates/x/",
                 "author": "KB"}
    first = word.template_docx(source, "sq", cache=cache, **addresses)

    def not_again(*args, **kwargs):
        raise AssertionError("the document was made again from an unchanged template")
    with monkeypatch.context() as patched:
        patched.setattr(word, "_make_docx", not_again)
        assert word.template_docx(source, "sq", cache=cache, **addresses) == first

    changed = dataclasses.replace(source, body=source.body + "\nNjë rresht i ri për vendimet.\n")
    second = word.template_docx(changed, "sq", cache=cache, **addresses)
    assert "Një rresht i ri për vendimet." in document_text(docx.Document(io.BytesIO(second)))
    assert "Një rresht i ri" not in document_text(docx.Document(io.BytesIO(first)))
    # One document per template and language; another template whose name begins with this
    # one's keeps its own.
    longer = dataclasses.replace(source, path=source.path.with_name("decision-log-annex.sq.md"))
    word.template_docx(longer, "sq", cache=cache, **addresses)
    word.template_docx(changed, "sq", cache=cache, **addresses)
    assert sorted(p.name.rsplit("-", 1)[0] for p in tmp_path.iterdir()) == [
        "sq-decision-log", "sq-decision-log-annex"]
