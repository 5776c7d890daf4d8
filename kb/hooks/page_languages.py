"""Every page in every language: hreflang alternates and the sitemap, each with an x-default.

A page's counterparts are found from its address alone (kb.site_languages): /guide/x/ and
/en/guide/x/ are the same page.
"""

from __future__ import annotations

from kb.site_languages import Languages


def on_page_context(context, page, config, nav):
    languages = Languages.from_mkdocs_config(config)
    neutral = languages.neutral_path(page.url)
    context["page_language"] = languages.current(config)
    context["default_language"] = languages.default
    # Absolute URLs for search engines (hreflang in overrides/main.html), keyed by language code.
    context["page_translation_urls"] = languages.urls_for(neutral, config.site_url)
    return context


def on_template_context(context, template_name, config):
    if template_name == "sitemap.xml":
        # One entry per page of this build; every language has the same paths, so each build
        # writes the same, complete sitemap.
        languages = Languages.from_mkdocs_config(config)
        paths = sorted({languages.neutral_path(f.url) for f in context["pages"]})
        context["sitemap_entries"] = [languages.urls_for(p, config.site_url) for p in paths]
        context["default_language"] = languages.default
    return context
