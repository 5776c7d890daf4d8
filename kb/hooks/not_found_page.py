"""The site's one 404 page, in the default language's interface with links in every language.

Each language's build writes 404.html at the site's root; the default language's is kept.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from kb.records import pages
from kb.search_index import point_page_at_its_index
from kb.site_languages import Languages

# The 404 page as the default language's build wrote it.
_default_404: list[str] = []


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        languages = Languages.from_mkdocs_config(config)
        context["not_found_parts"] = [
            {"language": code, "prefix": languages.prefixes[code], "s": pages.strings(code)}
            for code in languages.codes if pages.has_strings(code)]
    return context


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        output = point_page_at_its_index(output, "", site_root=urlsplit(config.site_url or "/").path)
        languages = Languages.from_mkdocs_config(config)
        if languages.current(config) == languages.default:
            _default_404[:] = [output]
    return output


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config):
    if _default_404:
        (Path(config.site_dir) / "404.html").write_text(_default_404[0], encoding="utf-8")
