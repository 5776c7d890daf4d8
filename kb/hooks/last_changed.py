""""Last changed on …" at the foot of each written page, from git history."""

from __future__ import annotations

from kb.git_history import read_history
from kb.records import pages
from kb.records.catalog import ROOT
from kb.site_languages import Languages


# Repository path -> when it last changed, read once per build.
_last_changed: dict = {}


def on_config(config):
    _last_changed.clear()
    _last_changed.update(read_history(ROOT).last_changed)
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
