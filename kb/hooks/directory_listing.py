"""The list of networks on /networks/ (below the text of docs/networks/index.*.md), with its
filters, counts and chart (networks/chart.svg, in each language)."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kb.records import pages
from kb.records.catalog import load_catalog_cached
from kb.site_languages import Languages


@event_priority(-110)  # after the i18n plugin (-100), which drops files it did not find in docs/
def on_files(files, config):
    # Each language's build adds its own chart, under its own folder (en/networks/chart.svg).
    languages = Languages.from_mkdocs_config(config)
    language = languages.current(config)
    svg = pages.directory_chart(load_catalog_cached().networks, language)
    if svg:
        path = f"{languages.prefixes[language]}{pages.DIRECTORY}/chart.svg"
        files.append(File.generated(config, path, content=svg))
    return files


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
