""""Last changed on …" at the foot of each written page, from git history."""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from kb.git_history import SHALLOW_CLONE_ERROR, SHALLOW_CLONE_WARNING, in_ci, read_history
from kb.messages import chosen_language, said_in
from kb.records import pages
from kb.records.catalog import ROOT
from kb.site_languages import Languages


log = logging.getLogger("mkdocs.hooks.last_changed")

# Repository path -> when it last changed, read once per build.
_last_changed: dict = {}
# The i18n plugin runs on_config once per language: the warning is shown once.
_warned: list = [False]


def on_config(config):
    history = read_history(ROOT)
    if history.shallow:
        # Every page would seem changed on the same day, and no translation out of date.
        if in_ci():
            raise PluginError(said_in(SHALLOW_CLONE_ERROR, chosen_language()))
        if not _warned[0]:
            _warned[0] = True
            log.info("warning: " + said_in(SHALLOW_CLONE_WARNING, chosen_language()))
    _last_changed.clear()
    _last_changed.update(history.last_changed)
    return config


def on_page_context(context, page, config, nav):
    if page.file.generated_by:
        return context
    changed = _last_changed.get(f"docs/{page.file.src_uri}")
    if changed:
        language = Languages.from_mkdocs_config(config).current(config)
        # Material shows meta.revision_date at the foot of the page.
        page.meta["revision_date"] = pages.strings(language)["last_changed"].format(
            date=pages.format_timestamp(changed, language))
    return context
