"""The whole guide as one PDF: a cover, the contents with page numbers, the chapters in the
order of the navigation, their sources, and the licence. A4, with embedded fonts that have ë and ç.

The chapters come as the HTML MkDocs made from their Markdown, so the PDF says exactly what the
site says. WeasyPrint turns HTML and CSS into the PDF (page numbers in the contents through CSS
target-counter(), PDF bookmarks from the headings); it needs the Pango library of the system,
which pdf_support_problem() checks for.
"""

from __future__ import annotations

import html
import importlib.metadata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from kb import build_cache
from kb.build_cache import DocumentCache
from kb.messages import Message, _

FONT_PACKAGE = "fonts-dejavu-core"
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 " + FONT_PACKAGE

# DejaVu (Debian's fonts-dejavu-core) has every Albanian letter; WeasyPrint embeds the subset used.
STYLE = """
@page {
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @top-center { content: string(chapter); font: 8pt "DejaVu Sans", sans-serif; color: #555; }
  @bottom-center { content: counter(page); font: 9pt "DejaVu Sans", sans-serif; color: #555; }
}
@page cover { @top-center { content: none; } @bottom-center { content: none; } }
html { font-family: "DejaVu Serif", serif; font-size: 10pt; line-height: 1.45; color: #111; }
h1, h2, h3, h4, th, .cover, .contents, .admonition-title { font-family: "DejaVu Sans", sans-serif; }
h1 { font-size: 19pt; line-height: 1.2; margin: 0 0 12pt; string-set: chapter content();
     break-before: page; color: #1a2f6b; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; break-after: avoid; color: #1a2f6b; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; }
ul, ol { margin: 0 0 6pt; padding-left: 16pt; }
li { margin-bottom: 2pt; }
a { color: #1a4ca0; text-decoration: none; }
a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; color: #444;
                         word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; font-size: 8.5pt; }
th, td { border: 0.5pt solid #999; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #eef1f7; }
tr, li, .admonition { break-inside: avoid; }
dt { font-weight: bold; }
.admonition { border-left: 3pt solid #1a4ca0; background: #f0f4fa; padding: 5pt 9pt;
              margin: 8pt 0; }
.admonition-title { font-weight: bold; margin-bottom: 3pt; }
.cover { page: cover; height: 240mm; display: flex; flex-direction: column; }
.cover .title { font-size: 28pt; font-weight: bold; color: #1a2f6b; margin-top: 55mm;
                line-height: 1.15; }
.cover .nowrap { white-space: nowrap; }
.cover .subtitle { font-size: 15pt; margin-top: 8pt; }
.cover .facts { margin-top: auto; font-size: 10pt; line-height: 1.7; }
.cover .facts a::after { content: none; }
.contents h1 { break-before: page; }
.contents ol { list-style: none; padding: 0; font-size: 11pt; }
.contents li { margin: 0 0 5pt; }
.contents a { color: #111; }
.contents a::after { content: leader(".") " " target-counter(attr(href), page); }
.licence p { max-width: 150mm; }
"""


@dataclass(frozen=True)
class Chapter:
    title: str
    url: str      # the chapter's full address on the site
    html: str     # its content as MkDocs rendered it


@dataclass(frozen=True)
class Words:
    """The handbook's own words in its language."""
    language: str
    site_name: str
    subtitle: str        # the guide's title
    language_name: str
    built_on: str        # 'Version of 29 November 2026'
    site_url: str
    contents: str
    sources: str         # the chapters' heading of their sources ('Sources')
    licence_title: str
    licence_html: str    # paragraphs


def pdf_support_problem() -> Message | None:
    """Why this machine cannot make the PDF, or None when it can."""
    try:
        import weasyprint  # noqa: F401  (import is the test: it loads Pango)
    except ImportError:
        return _("WeasyPrint is not installed in .venv/ (run the build through python3 "
                 "scripts/dev.py build, which installs requirements.txt)")
    except OSError:
        return _("WeasyPrint cannot load the Pango library it draws text with (on Debian or "
                 "Ubuntu: sudo apt-get install {packages})", packages=SYSTEM_PACKAGES)
    return None


def handbook_html(chapters: list[Chapter], words: Words) -> str:
    anchors = {chapter.url: _slug(chapter.url) for chapter in chapters}
    body, sources, contents = [], [], []
    for chapter in chapters:
        slug = anchors[chapter.url]
        heading, content, chapter_sources = _chapter(chapter, slug, anchors, words.sources)
        body.append(f'<section class="chapter">{content}</section>')
        contents.append(f'<li><a href="#{slug}">{html.escape(heading)}</a></li>')
        if chapter_sources:
            sources.append(f'<h2 id="{slug}--sources">{html.escape(heading)}</h2>'
                           + chapter_sources)
    contents.append(f'<li><a href="#sources">{html.escape(words.sources)}</a></li>')
    contents.append(f'<li><a href="#licence">{html.escape(words.licence_title)}</a></li>')
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="{e(words.language)}">
<head>
<meta charset="utf-8">
<title>{e(words.site_name)}: {e(words.subtitle)}</title>
<meta name="author" content="{e(words.site_name)}">
<meta name="description" content="{e(words.subtitle)}">
<style>{STYLE}</style>
</head>
<body>
<div class="cover">
  <div class="title">{_keep_hyphenated(words.site_name)}</div>
  <div class="subtitle">{e(words.subtitle)}</div>
  <div class="facts">{e(words.language_name)}<br>{e(words.built_on)}<br>
    <a href="{e(words.site_url)}">{e(words.site_url)}</a><br>{e(words.licence_title)}: CC BY 4.0</div>
</div>
<nav class="contents"><h1 id="contents">{e(words.contents)}</h1><ol>{''.join(contents)}</ol></nav>
{''.join(body)}
<section class="sources"><h1 id="sources">{e(words.sources)}</h1>{''.join(sources)}</section>
<section class="licence"><h1 id="licence">{e(words.licence_title)}</h1>{words.licence_html}</section>
</body>
</html>"""


def _keep_hyphenated(text: str) -> str:
    """'OSHC-ve' stays on one line of the large cover title."""
    return " ".join(f'<span class="nowrap">{html.escape(word)}</span>' if "-" in word
                    else html.escape(word) for word in text.split(" "))


def cached_pdf(document: str, cache: Path, name: str) -> bytes | None:
    """A PDF already made from the same HTML (same text, same style, same date on the cover) by
    the same WeasyPrint, or None. Looking costs no import of WeasyPrint."""
    try:
        return DocumentCache(cache, ".pdf").get(name, _pdf_key(document))
    except importlib.metadata.PackageNotFoundError:
        return None  # no WeasyPrint: pdf_support_problem() says so


def render_pdf(document: str, cache: Path | None = None, name: str = "handbook") -> bytes:
    """The PDF of this HTML; with a cache folder, also kept there as the one PDF of that name,
    for cached_pdf() to find at the next build."""
    from weasyprint import HTML

    content = HTML(string=document).write_pdf()
    if cache is not None:
        DocumentCache(cache, ".pdf").put(name, _pdf_key(document), content)
    return content


def _pdf_key(document: str) -> str:
    # The HTML holds everything the PDF shows; WeasyPrint alone turns it into the PDF.
    return build_cache.key(build_cache.versions("weasyprint"), document)


def _slug(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] or "guide"


def _chapter(chapter: Chapter, slug: str, anchors: dict[str, str],
             sources_heading: str) -> tuple[str, str, str]:
    """The chapter's heading as the page shows it, its HTML with ids unique in the whole handbook
    and links that work in a PDF, and, apart, its list of sources."""
    root = lxml_html.fragment_fromstring(chapter.html, create_parent="div")
    for permalink in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        permalink.drop_tree()
    for element in root.xpath(".//*[@id]"):
        element.set("id", f"{slug}--{element.get('id')}")
    title = chapter.title
    for heading in root.xpath(".//h1")[:1]:
        heading.set("id", slug)
        title = " ".join(heading.text_content().split())
    for link in root.xpath(".//a[@href]"):
        link.set("href", _pdf_link(link.get("href"), chapter.url, slug, anchors))
    sources = []
    for heading in root.xpath("./h2"):
        if heading.text_content().strip() == sources_heading:
            for sibling in list(heading.itersiblings()):
                if sibling.tag in ("h1", "h2"):
                    break
                sources.append(sibling)
            for element in [heading, *sources]:
                element.getparent().remove(element)
            break
    serialise = lambda element: lxml_html.tostring(element, encoding="unicode")  # noqa: E731
    content = "".join(serialise(child) for child in root)
    return title, content, "".join(serialise(element) for element in sources)


def _pdf_link(href: str, page_url: str, slug: str, anchors: dict[str, str]) -> str:
    """Inside the guide: a jump within the PDF. Anywhere else: the full address on the web."""
    if href.startswith("#"):
        return f"#{slug}--{href[1:]}"
    absolute = urljoin(page_url, href)
    address, _, fragment = absolute.partition("#")
    if address in anchors:
        target = anchors[address]
        return f"#{target}--{fragment}" if fragment else f"#{target}"
    return absolute
