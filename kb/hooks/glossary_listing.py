"""The entries of /glossary/ (below the text of docs/glossary.*.md), from data/terms.yml."""

from __future__ import annotations

import logging

from kb.messages import _, chosen_language, said_in
from kb.records import pages, terms
from kb.records.catalog import load_catalog_cached
from kb.site_languages import Languages

log = logging.getLogger("mkdocs.hooks.glossary_listing")


def on_page_markdown(markdown, page, config, files):
    languages = Languages.from_mkdocs_config(config)
    if languages.neutral_path(page.url) != terms.GLOSSARY + "/":
        return markdown
    vocabulary = load_catalog_cached().terms
    if not vocabulary:
        # A warning, so that `mkdocs build --strict` stops rather than publish an empty glossary.
        log.warning(said_in(_("data/terms.yml is missing: the glossary has no entries; restore it "
                              "from git"), chosen_language()))
        return markdown
    language = languages.current(config)
    # A language the vocabulary has no words in shows the original's, as record pages do.
    shown = language if language in terms.LANGUAGES else terms.LANGUAGES[0]
    listing = terms.glossary_markdown(vocabulary, shown, pages.strings(language))
    return markdown.rstrip() + "\n\n" + listing
