"""The list of reports on /reports/ (below the text of docs/reports/index.*.md)."""

from __future__ import annotations

from kb.records import pages
from kb.records.catalog import load_catalog_cached
from kb.site_languages import Languages


def on_page_markdown(markdown, page, config, files):
    languages = Languages.from_mkdocs_config(config)
    if languages.neutral_path(page.url) != pages.REPORTS + "/":
        return markdown
    catalog = load_catalog_cached()
    listing = pages.reports_listing(catalog.reports, catalog.themes, languages.current(config))
    return markdown.rstrip() + "\n\n" + listing
