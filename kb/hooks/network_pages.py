"""One page per network record (/networks/<id>/), in every language of the site.

Each record is given to MkDocs as docs/networks/<id>.<language>.md for every language of the site,
before the i18n plugin sorts the files: the plugin then treats record pages as it treats written
pages (alternates, the language switcher, the sitemap, links as ../networks/<id>.md). Those files
exist only in the build: their text comes from the record (kb.records.pages), when MkDocs reads
the page. They stay out of the navigation, and their "edit" link opens the record.
"""

from __future__ import annotations

import posixpath

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from kb.records import pages
from kb.records.catalog import load_catalog_cached
from kb.repository import source_edit_url
from kb.site_languages import Languages

# The record page being built (pages.RecordPage), by source path: made when MkDocs reads the page
# (its Markdown is the front matter alone), used once its Markdown is converted.
_pages: dict[str, pages.RecordPage] = {}
# This build's records by id, and its themes: read once per build (load_catalog_cached looks at
# every file in data/ to see whether one changed, too slow to ask for each of thousands of pages).
_records: dict[str, dict] = {}
_themes: dict = {}


def record_id(src_uri: str) -> str | None:
    """'networks/bcsdn.en.md' -> 'bcsdn'; None for any other page."""
    folder, name = posixpath.split(src_uri)
    if folder != pages.DIRECTORY or name.count(".") != 2 or name.startswith("index."):
        return None
    return name.split(".", 1)[0]


def on_files(files, config):  # before the i18n plugin (-100), which sorts files by language
    languages = Languages.from_mkdocs_config(config)
    catalog = load_catalog_cached()
    _records.clear()
    _records.update((record["id"], record) for record in catalog.networks)
    _themes.clear()
    _themes.update(catalog.themes)
    for record in _records.values():
        for code in languages.codes:
            # A file in docs/ by its path only: nothing is written to the editors' folder.
            # Out of the navigation: a sidebar listing every record would repeat in every page.
            files.append(File(f"{pages.DIRECTORY}/{record['id']}.{code}.md", config.docs_dir,
                              config.site_dir, config.use_directory_urls,
                              inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_read_source(page, config):
    identifier = record_id(page.file.src_uri)
    if identifier is None:
        return None
    languages = Languages.from_mkdocs_config(config)
    language = languages.current(config)  # a language with no record text falls back, as pages do
    neutral = f"{pages.DIRECTORY}/{identifier}/"
    record_page = pages.network_page(
        _records[identifier], language, _themes,
        page_url=languages.urls_for(neutral, config.site_url)[language],
        edit_url=source_edit_url(config, f"data/networks/{identifier}.yml"),
    )
    _pages[page.file.src_uri] = record_page
    return record_page.source


def on_page_markdown(markdown, page, config, files):
    identifier = record_id(page.file.src_uri)
    if identifier is not None:
        page.edit_url = source_edit_url(config, f"data/networks/{identifier}.yml")
    return markdown


def on_page_content(html, page, config, files):
    """The record's HTML joins the page after Markdown: it is already safe, escaped HTML, and
    parsing thousands of records' HTML again as Markdown took a quarter of the build.

    First comes only what the search indexes (RecordPage.search_html): Material's search plugin
    reads page.content in on_page_context and parses every tag of it, which took a fifth of the
    build for the whole record. The whole record replaces it right after (below)."""
    record_page = _pages.get(page.file.src_uri)
    return record_page.search_html if record_page else html


@event_priority(-50)  # after the search plugin (0) has indexed the page, before the theme renders it
def on_page_context(context, page, config, nav):
    record_page = _pages.pop(page.file.src_uri, None)
    if record_page:
        page.content = record_page.html
    return context
