"""The directory's data for reuse: networks.json and networks.csv beside /networks/."""

from __future__ import annotations

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from kb.records import exports, pages
from kb.records.catalog import load_catalog_cached
from kb.site_languages import Languages


@event_priority(-110)  # after the i18n plugin (-100), which drops files it did not find in docs/
def on_files(files, config):
    languages = Languages.from_mkdocs_config(config)
    if languages.current(config) == languages.default:  # one copy, at the site's root
        networks = load_catalog_cached().networks
        json_text = exports.networks_json(networks, config.site_url, languages.codes)
        csv_text = exports.networks_csv(networks, config.site_url, languages.codes)
        files.append(File.generated(config, f"{pages.DIRECTORY}/networks.json", content=json_text))
        files.append(File.generated(config, f"{pages.DIRECTORY}/networks.csv", content=csv_text))
    return files
