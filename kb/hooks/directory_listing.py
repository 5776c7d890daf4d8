"""The list of networks on /networks/ (below the text of docs/networks/index.*.md), with its
filters, counts and chart."""

from __future__ import annotations

from kb.records import pages
from kb.records.catalog import load_catalog_cached
from kb.site_languages import Languages


def on_page_content(html, page, config, files):
    languages = Languages.from_mkdocs_config(config)
    if languages.neutral_path(page.url) != pages.DIRECTORY + "/":
        return html
    catalog = load_catalog_cached()
    to_root = "../" * page.url.count("/")
    return html + pages.directory_listing(
        catalog.networks, catalog.themes, languages.current(config),
        exports_path=to_root + pages.DIRECTORY + "/", assets_path=to_root,
    )
