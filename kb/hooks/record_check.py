"""Stops the build when a record in data/ is wrong, with the same lines as `kb.py check`.

Nothing is built then: the site already built stays as it was, and `mkdocs serve` keeps running
and builds again when the file is saved.
"""

from __future__ import annotations

import logging
import multiprocessing

from mkdocs.exceptions import PluginError

from kb.messages import chosen_language, ngettext, said_in
from kb.records import countries
from kb.records.catalog import load_catalog_cached, processors

log = logging.getLogger("mkdocs.hooks.record_check")

# The i18n plugin runs on_config once per language: the warnings are shown once per catalog.
_warned: list = [None]


_command = ["build"]  # the MkDocs command being run


def on_startup(command, dirty):
    _command[0] = command


def _workers() -> int:
    """`mkdocs build` shares thousands of records among the processors, as `kb.py check` does,
    where new processes start as copies of this one ("fork", Linux). Not under `serve`, which
    runs a server beside the build, nor where processes would start afresh and load MkDocs again."""
    if _command[0] != "build" or multiprocessing.get_start_method() != "fork":
        return 1
    return processors()


def on_config(config):
    countries.chosen_names.cache_clear()  # data/countries.yml may have changed under `serve`
    catalog = load_catalog_cached(workers=_workers())
    # The editor's language, as for kb.py: KB_LANG, else the locale (kb/messages.py).
    language = chosen_language()
    if catalog.errors:
        summary = ngettext(
            "The site was not built: {count} problem in the records above. Correct each line "
            "named, save, and build again.",
            "The site was not built: {count} problems in the records above. Correct each line "
            "named, save, and build again.", len(catalog.errors))
        raise PluginError("\n".join([*(problem.text(language) for problem in catalog.errors),
                                     said_in(summary, language)]))
    if catalog is not _warned[0]:
        _warned[0] = catalog
        for warning in catalog.warnings:
            log.info(warning.text(language))
    return config
