"""A notice above a page that is not, or no longer, translated into the reader's language.

Missing: the page is shown in the original (Albanian) and marked as such for screen readers.
Out of date: the original changed after the translation (from git history, kb.translations).
"""

from __future__ import annotations

from kb.git_history import read_history
from kb.records import pages
from kb.records.catalog import ROOT
from kb.site_languages import Languages
from kb.translations import translation_status


# (docs/-relative neutral path, language) -> (original changed, translation changed), per build.
_outdated: dict = {}


def on_config(config):
    _outdated.clear()
    _outdated.update({(status.neutral, language): dates
                      for status in translation_status(ROOT, read_history(ROOT))
                      for language, dates in status.outdated.items()})
    return config


def on_page_context(context, page, config, nav):
    if page.file.generated_by:
        return context
    languages = Languages.from_mkdocs_config(config)
    language = languages.current(config)
    context["translation_notice"] = notice(page.file.src_uri, language, languages)
    # A page shown in the original where its translation is missing is marked as Albanian.
    if not page.file.src_uri.endswith(f".{language}.md"):
        context["content_language"] = languages.default
    return context


def notice(source: str, language: str, languages: Languages) -> str | None:
    """source is docs/-relative: guide/membership.en.md, or .sq.md where English falls back."""
    if source.endswith(f".{language}.md"):
        dates = _outdated.get((source[: -len(f".{language}.md")] + ".md", language))
        if not dates:
            return None
        original, translation = (pages.format_timestamp(t, language) for t in dates)
        return pages.strings(language)["notice_outdated"].format(original=original,
                                                                 translation=translation)
    if language == languages.default and not any(source.endswith(f".{code}.md")
                                                 for code in languages.prefixes):
        return None  # an unsuffixed file is a page in the default language
    # Both languages named in the language the notice is written in.
    written_in = pages.interface_language(language)
    return pages.strings(language)["notice_missing"].format(
        language=pages.language_name(language, written_in),
        original=pages.language_name(languages.default, written_in))
