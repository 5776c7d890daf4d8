"""A template's Markdown as an editable Word document (DOCX), with python-docx.

The Markdown is turned into HTML by the same Markdown library and extensions as the site, then
each HTML element becomes its Word counterpart: headings, paragraphs, bulleted and numbered lists,
tables, bold, italics, links (to their full address on the site) and gaps (highlighted runs).
"""

from __future__ import annotations

import copy
import io
from urllib.parse import urljoin

import markdown
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import html as lxml_html

from kb.documents.template_source import TemplateSource, mark_gaps

# The extensions of mkdocs.yml that change what templates can contain.
EXTENSIONS = ["tables", "attr_list", "sane_lists"]
HEADING_LEVELS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}   # 0 is Word's "Title" style
LANGUAGE_TAGS = {"sq": "sq-AL", "en": "en-GB"}            # for Word's spelling checker


def template_docx(source: TemplateSource, language: str, folder_url: str, page_url: str,
                  author: str) -> bytes:
    """folder_url: the full address of the source's folder in this language
    ('https://…/en/templates/'), against which its links are resolved; page_url: the template's
    page, named in the document's properties."""
    html = markdown.markdown(mark_gaps(source.body), extensions=EXTENSIONS)
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    document = Document()
    _set_language(document, LANGUAGE_TAGS.get(language, language))
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

    def block(self, element, list_level: int = 0) -> None:
        tag = element.tag
        if tag in HEADING_LEVELS:
            self.inline(self.document.add_heading(level=HEADING_LEVELS[tag]), element)
        elif tag == "p":
            self.inline(self.document.add_paragraph(), element)
        elif tag in ("ul", "ol"):
            self.list(element, numbered=tag == "ol", level=list_level)
        elif tag == "table":
            self.table(element)
        elif tag == "hr":
            self.document.add_paragraph("—" * 10)
        elif isinstance(tag, str):
            # Anything else the checks let through is written as a plain paragraph.
            self.inline(self.document.add_paragraph(), element)

    def list(self, element, numbered: bool, level: int) -> None:
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 0 else f"{base} {min(level + 1, 3)}"
        number_id = self._restart_numbering(style) if numbered else None
        for item in element.findall("li"):
            paragraph = self.document.add_paragraph(style=style)
            if number_id is not None:
                _set_number(paragraph, number_id)
            nested = []
            # A loose list item wraps its text in <p>; a tight one holds the text directly.
            self._text(paragraph, (item.text or "").rstrip())
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
        for row in rows:
            cells = table.add_row().cells
            for cell, source in zip(cells, row.findall("th") + row.findall("td")):
                paragraph = cell.paragraphs[0]
                self.inline(paragraph, source, bold=source.tag == "th")
        self.document.add_paragraph()

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

