"""One page per network record (/networks/<id>/), in every language of the site.

The pages are generated from data/networks/*.yml by kb.records.pages; they stay out of the
navigation, and their "edit" link opens the record, not a Markdown file.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from kb.records import pages
from kb.records.catalog import load_catalog_cached
from kb.repository import source_edit_url
from kb.site_languages import Languages

# The HTML of this language's record pages, by source path: made in on_files, used in
# on_page_content.
_html: dict[str, str] = {}


@event_priority(-110)  # after the i18n plugin (-100) has picked this language's files
def on_files(files, config):
    languages = Languages.from_mkdocs_config(config)
    language = languages.current(config)
    catalog = load_catalog_cached()
    _html.clear()
    for record in catalog.networks:
        neutral = f"{pages.DIRECTORY}/{record['id']}/"
        source, html = pages.network_page(
            record, language, catalog.themes,
            page_url=languages.urls_for(neutral, config.site_url)[language],
            edit_url=source_edit_url(config, f"data/networks/{record['id']}.yml"),
        )
        # The same source path in every language, as the i18n plugin gives written pages, so that
        # a chapter in any language links a record as ../networks/<id>.md; the address has the
        # language's prefix (/en/networks/<id>/).
        src_uri = f"{pages.DIRECTORY}/{record['id']}.md"
        _html[src_uri] = html
        # Out of the navigation: a sidebar listing every record would repeat in every page.
        file = File.generated(config, src_uri, content=source, inclusion=InclusionLevel.NOT_IN_NAV)
        file.dest_uri = languages.prefixes[language] + file.dest_uri  # its url follows
        files.append(file)
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in _html:
        record_id = page.file.src_uri.rsplit("/", 1)[1].removesuffix(".md")
        page.edit_url = source_edit_url(config, f"data/networks/{record_id}.yml")
    return markdown


def on_page_content(html, page, config, files):
    """The record's HTML joins the page after Markdown: it is already safe, escaped HTML, and
    parsing thousands of records' HTML again as Markdown took a quarter of the build."""
    return _html.get(page.file.src_uri, html)
