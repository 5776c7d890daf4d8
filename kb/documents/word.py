"""A template's Markdown as an editable Word document (DOCX), with python-docx.

The Markdown is turned into HTML by the same Markdown library and extensions as the site, then
each HTML element becomes its Word counterpart: headings, paragraphs, bulleted and numbered lists,
tables, bold, italics, links (to their full address on the site) and gaps (highlighted runs).
"""

from __future__ import annotations

import copy
import functools
import io
from urllib.parse import urljoin

import markdown
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from lxml import html as lxml_html

from kb import build_cache
from kb.documents import template_source
from kb.build_cache import DocumentCache
from kb.documents.template_source import TemplateSource, mark_gaps
from kb.records.pages import language_locale

# The extensions of mkdocs.yml that change what templates can contain.
EXTENSIONS = ["tables", "attr_list", "sane_lists"]
HEADING_LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}   # 0 is Word's "Title" style


def template_docx(source: TemplateSource, language: str, folder_url: str, page_url: str,
                  author: str, cache: DocumentCache | None = None) -> bytes:
    """folder_url: the full address of the source's folder in this language
    ('https://…/en/templates/'), against which its links are resolved; page_url: the template's
    page, named in the document's properties.

    With a cache, a document made by an earlier build from the same template, by the same code
    and libraries, is taken from there (making all of them takes about a second per language)."""
    if cache is None:
        return _make_docx(source, language, folder_url, page_url, author)
    name = f"{language}-{source.path.stem.split('.', 1)[0]}"
    document_key = build_cache.key(
        _maker(), language_locale(language), source.title, source.body, language, folder_url,
        page_url, author)
    content = cache.get(name, document_key)
    if content is None:
        content = _make_docx(source, language, folder_url, page_url, author)
        cache.put(name, document_key, content)
    return content


@functools.cache  # read once per process; `serve` imports this module again when its code changes
def _maker() -> bytes:
    """What makes the documents besides their template: the libraries' versions and this code."""
    return (build_cache.versions("python-docx", "lxml", "Markdown").encode()
            + build_cache.source_code(__file__, template_source.__file__))


def _make_docx(source: TemplateSource, language: str, folder_url: str, page_url: str,
               author: str) -> bytes:
    html = _markdown().reset().convert(mark_gaps(source.body))
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    document = Document()
    _set_a4(document)
    # For Word's spelling checker: sq-AL, en-GB (the language's locale in strings.yml).
    _set_language(document, language_locale(language).replace("_", "-"))
    writer = _Writer(document, folder_url)
    for element in root:
        writer.block(element)
    properties = document.core_properties
    properties.title = source.title
    properties.language = language
    properties.author = author
    properties.last_modified_by = author
    properties.comments = page_url
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS)


def _set_a4(document) -> None:
    """A4 with 2 cm margins, the paper used in the region (python-docx starts from US Letter)."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)


TEXT_WIDTH_MM = 170
MM_PER_CHARACTER = 2.1   # an average character of 11 pt text


def _set_language(document, tag: str) -> None:
    """The language of the whole text, so Word checks spelling in Albanian or English."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), tag)


class _Writer:
    def __init__(self, document, folder_url: str):
        self.document = document
        self.folder_url = folder_url
        # python-docx looks a style up among all styles each time it is named: once is enough.
        self.style_ids = {style.name: style.style_id for style in document.styles}

    def paragraph(self, style: str | None = None):
        paragraph = self.document.add_paragraph()
        if style:
            paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        return paragraph

    def block(self, element, list_level: int = 0) -> None:
        tag = element.tag
        if tag in HEADING_LEVELS:
            level = HEADING_LEVELS[tag]
            self.inline(self.paragraph("Title" if level == 0 else f"Heading {level}"), element)
        elif tag == "p":
            self.inline(self.paragraph(), element)
        elif tag in ("ul", "ol"):
            self.list(element, numbered=tag == "ol", level=list_level)
        elif tag == "table":
            self.table(element)
        elif isinstance(tag, str):
            # Anything else the checks let through is written as a plain paragraph.
            self.inline(self.paragraph(), element)

    def list(self, element, numbered: bool, level: int) -> None:
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 0 else f"{base} {min(level + 1, 3)}"
        number_id = self._restart_numbering(style) if numbered else None
        for item in element.findall("li"):
            paragraph = self.paragraph(style)
            if number_id is not None:
                _set_number(paragraph, number_id)
            nested = []
            # A loose list item wraps its text in <p>; a tight one holds the text directly.
            self._text(paragraph, item.text)
            for child in item:
                if child.tag in ("ul", "ol"):
                    nested.append(child)
                elif child.tag == "p":
                    if paragraph.runs:
                        paragraph.add_run().add_break()
                    self.inline(paragraph, child)
                else:
                    self.run(paragraph, child)
                self._text(paragraph, child.tail)
            for child in nested:
                self.list(child, numbered=child.tag == "ol", level=level + 1)

    def _restart_numbering(self, style_name: str) -> int:
        """A new number sequence from 1 for each numbered list (Word would carry on counting)."""
        style = self.document.styles[style_name]
        style_number = style.element.pPr.numPr.numId.val
        numbering = self.document.part.numbering_part.element
        abstract_id = next(num.abstractNumId.val for num in numbering.num_lst
                           if num.numId == style_number)
        new = numbering.add_num(abstract_id)
        override = new.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return new.numId

    def table(self, element) -> None:
        rows = element.findall(".//tr")
        columns = max(len(row.findall("th") + row.findall("td")) for row in rows)
        table = self.document.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        table.autofit = False
        widths = _column_widths(rows, columns)
        for row in rows:
            cells = table.add_row().cells
            for index, (cell, source) in enumerate(zip(cells, row.findall("th") + row.findall("td"))):
                cell.width = widths[index]
                self.inline(cell.paragraphs[0], source, bold=source.tag == "th")
        for index, column in enumerate(table.columns):
            column.width = widths[index]
        self.paragraph()

    def inline(self, paragraph, element, bold=False, italic=False, gap=False) -> None:
        self._text(paragraph, element.text, bold, italic, gap)
        for child in element:
            self.run(paragraph, child, bold, italic, gap)
            self._text(paragraph, child.tail, bold, italic, gap)

    def run(self, paragraph, element, bold=False, italic=False, gap=False) -> None:
        tag = element.tag
        if tag in ("strong", "b"):
            self.inline(paragraph, element, True, italic, gap)
        elif tag in ("em", "i"):
            self.inline(paragraph, element, bold, True, gap)
        elif tag == "mark":
            self.inline(paragraph, element, bold, italic, True)
        elif tag == "br":
            paragraph.add_run().add_break()
        elif tag == "a":
            self.link(paragraph, element)
        else:
            self.inline(paragraph, element, bold, italic, gap)

    def link(self, paragraph, element) -> None:
        """A real hyperlink, to the full address: a relative link means nothing in a document."""
        href = element.get("href", "")
        target = urljoin(self.folder_url, _page_address(href))
        relationship = paragraph.part.relate_to(
            target, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
            is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relationship)
        paragraph._p.append(hyperlink)
        run = paragraph.add_run(element.text_content())
        run.font.color.rgb = RGBColor(0x1A, 0x4C, 0xA0)
        run.font.underline = True
        hyperlink.append(copy.copy(run._r))
        paragraph._p.remove(run._r)

    def _text(self, paragraph, text, bold=False, italic=False, gap=False) -> None:
        # Line breaks in the Markdown source are spaces in the text.
        text = " ".join((text or "").split("\n"))
        if not text.strip() and not paragraph.runs:
            return
        run = paragraph.add_run(text if paragraph.runs else text.lstrip())
        run.bold = bold or None
        run.italic = italic or None
        if gap:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _column_widths(rows, columns: int) -> list:
    """Each column at least as wide as its longest word, and the rest of the page shared by how
    much text each column holds: a column of ticks stays narrow, a column of sentences gets room."""
    longest_word = [1] * columns
    longest_text = [1] * columns
    for row in rows:
        for index, cell in enumerate(row.findall("th") + row.findall("td")):
            text = cell.text_content().strip()
            longest_word[index] = max([longest_word[index], *map(len, text.split())])
            longest_text[index] = max(longest_text[index], min(len(text), 80))
    minimum = [MM_PER_CHARACTER * length + 3 for length in longest_word]
    spare = TEXT_WIDTH_MM - sum(minimum)
    if spare <= 0:
        return [Mm(TEXT_WIDTH_MM * width / sum(minimum)) for width in minimum]
    extra = [max(text - word, 0) for text, word in zip(longest_text, longest_word)]
    share = sum(extra) or 1
    return [Mm(width + spare * more / share) for width, more in zip(minimum, extra)]


def _page_address(href: str) -> str:
    """'../guide/membership.md#fees' -> '../guide/membership/#fees', as MkDocs writes it."""
    path, hash_, fragment = href.partition("#")
    if path.endswith("index.md"):
        path = path[: -len("index.md")]
    elif path.endswith(".md"):
        path = path[: -len(".md")] + "/"
    return path + hash_ + fragment


def _set_number(paragraph, number_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = number_id

