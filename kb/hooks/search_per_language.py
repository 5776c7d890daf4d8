"""Search in the reader's language: one index per language, words compared without diacritics
(kb.search_index does the work; this hook runs it at the right moments)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from kb.search_index import point_page_at_its_index, split_index
from kb.site_languages import Languages


def on_post_page(output, page, config):
    languages = Languages.from_mkdocs_config(config)
    return point_page_at_its_index(output, languages.prefixes[languages.current(config)],
                                   site_root="../" * page.url.count("/"))


@event_priority(-200)  # after the i18n plugin has built every language and written the index
def on_post_build(config):
    split_index(Path(config.site_dir), Languages.from_mkdocs_config(config).prefixes,
                stop_word_languages=config.extra.get("search_stop_words", []))
