"""MkDocs hook: the glue between MkDocs and this project's own code.

MkDocs calls the functions below during `mkdocs build` and `mkdocs serve` (see `hooks:` in
mkdocs.yml). They stay small; the work is done in modules of their own:

- site_languages: every page exists in both languages at the same path (/guide/x/ and /en/guide/x/);
  each page gets the addresses of its counterparts, for the language switcher, hreflang and sitemap.
- search_index: each language searches its own pages, with words compared without diacritics.
- records: the network records in data/ are checked (a problem stops the build with the same
  messages as `python scripts/kb.py check`) and turned into the directory's pages and data files.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent))

import datetime as dt  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from babel.dates import format_date  # noqa: E402
from git_history import read_history  # noqa: E402
from records import countries, exports, pages  # noqa: E402
from records.catalog import ROOT, load_catalog_cached  # noqa: E402
from repository import github_repository_url  # noqa: E402
from search_index import point_page_at_its_index, split_index  # noqa: E402
from site_languages import Languages  # noqa: E402
from translations import translation_status  # noqa: E402

log = logging.getLogger("mkdocs.hooks.records")

# The languages of the site, read once per build from the i18n plugin's configuration.
_languages: Languages | None = None
# The 404 page as the Albanian build wrote it: each language's build writes 404.html, and the
# site's one 404 page should have the default language's interface.
_default_404: str | None = None
# From git, once per build: when each file in docs/ last changed, and outdated translations.
_history = None
_outdated: dict = {}
# The HTML of the generated record pages of this build, by source path.
_generated_html: dict[str, str] = {}
# The records of this build, read in on_config (again only if a file in data/ changed).
_catalog = None
# The catalog whose warnings were last shown.
_logged: list = [None]


def on_config(config):
    global _languages, _history, _outdated
    _languages = Languages.from_mkdocs_config(config)
    _history = read_history(ROOT)
    _outdated = {(s.neutral, language): dates for s in translation_status(ROOT, _history)
                 for language, dates in s.outdated.items()}
    if not config.repo_url:
        config.repo_url = github_repository_url()
    if not config.repo_url:
        # Without a repository there is nothing to edit: no "edit this page" links.
        config.edit_uri = None

    global _catalog
    catalog = _catalog = load_catalog_cached()
    countries.chosen_names.cache_clear()  # data/countries.yml may have changed under `serve`
    if catalog.errors:
        # Nothing is built: the site already built stays as it was, and `mkdocs serve` keeps
        # running and rebuilds when the file is saved again.
        count = len(catalog.errors)
        raise PluginError(
            "\n".join(str(problem) for problem in catalog.errors)
            + f"\nThe site was not built: {count} problem{'s' if count != 1 else ''} in the "
            "records above. Correct each line named, save, and build again."
        )
    if catalog is not _logged[0]:  # once, not again for each language's build
        _logged[0] = catalog
        for warning in catalog.warnings:
            log.info(str(warning))
    return config


@event_priority(-110)  # after the i18n plugin (-100) has picked this language's files
def on_files(files, config):
    catalog = _catalog
    language = _languages.current(config)
    prefix = _languages.prefixes[language]
    _generated_html.clear()
    for record in catalog.networks:
        neutral = f"{pages.DIRECTORY}/{record['id']}/"
        source, html = pages.network_page(
            record, language, catalog.themes,
            page_url=_languages.urls_for(neutral, config.site_url)[language],
            edit_url=source_edit_url(config, f"data/networks/{record['id']}.yml"),
        )
        src_uri = f"{prefix}{pages.DIRECTORY}/{record['id']}.md"
        _generated_html[src_uri] = html
        # Record pages stay out of the navigation: a sidebar listing thousands of records would be
        # repeated in every page of the site.
        files.append(File.generated(config, src_uri, content=source,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
    if language == _languages.default:
        files.append(File.generated(config, f"{pages.DIRECTORY}/networks.json",
                                    content=exports.networks_json(catalog.networks, config.site_url)))
        files.append(File.generated(config, f"{pages.DIRECTORY}/networks.csv",
                                    content=exports.networks_csv(catalog.networks, config.site_url)))
    return files


def on_page_markdown(markdown, page, config, files):
    neutral = _languages.neutral_path(page.url)
    if page.file.src_uri in _generated_html:
        record_id = neutral.split("/")[1]
        page.edit_url = source_edit_url(config, f"data/networks/{record_id}.yml")
    if neutral == pages.REPORTS + "/":
        listing = pages.reports_listing(_catalog.reports, _catalog.themes,
                                        _languages.current(config))
        markdown = markdown.rstrip() + "\n\n" + listing
    return markdown


def on_page_content(html, page, config, files):
    """Generated HTML joins a page after Markdown: parsing thousands of records' HTML again as
    Markdown took a quarter of the build, and it is already safe, escaped HTML."""
    if page.file.src_uri in _generated_html:
        return _generated_html[page.file.src_uri]
    if _languages.neutral_path(page.url) == pages.DIRECTORY + "/":
        catalog = _catalog
        to_root = "../" * page.url.count("/")
        return html + pages.directory_listing(
            catalog.networks, catalog.themes, _languages.current(config),
            exports_path=to_root + pages.DIRECTORY + "/", assets_path=to_root,
        )
    return html


def on_page_context(context, page, config, nav):
    neutral = _languages.neutral_path(page.url)
    language = _languages.current(config)
    context["page_language"] = language
    if not page.file.generated_by:
        context["translation_notice"] = translation_notice(page, language)
        # A page shown in the original where its translation is missing is marked as Albanian,
        # so that screen readers pronounce it as Albanian.
        if not page.file.src_uri.endswith(f".{language}.md"):
            context["content_language"] = _languages.default
        changed = _history.last_changed.get(f"docs/{page.file.src_uri}")
        if changed:
            # Material shows meta.revision_date at the foot of the page.
            date = format_date(dt.datetime.fromtimestamp(changed, dt.timezone.utc).date(), "long",
                               locale=pages.DATE_LOCALES[language])
            page.meta["revision_date"] = pages.strings(language)["last_changed"].format(date=date)
    context["default_language"] = _languages.default
    # Site-relative paths, for links inside the site (the switcher), and absolute URLs for search
    # engines (hreflang), both keyed by language code.
    context["page_translations"] = _languages.paths_for(neutral)
    context["page_translation_urls"] = _languages.urls_for(neutral, config.site_url)
    return context


def translation_notice(page, language: str) -> str | None:
    """A short notice for a page read in a language it has no up-to-date translation in."""
    source = page.file.src_uri  # guide/membership.en.md, or .sq.md where English falls back
    if source.endswith(f".{language}.md"):
        dates = _outdated.get((source[: -len(f".{language}.md")] + ".md", language))
        if not dates:
            return None
        original, translation = (
            format_date(dt.datetime.fromtimestamp(t, dt.timezone.utc).date(), "long",
                        locale=pages.DATE_LOCALES[language]) for t in dates)
        return pages.strings(language)["notice_outdated"].format(original=original,
                                                                 translation=translation)
    if language == _languages.default and not any(source.endswith(f".{code}.md")
                                                  for code in _languages.prefixes):
        return None  # an unsuffixed file is an Albanian page
    return pages.strings(language)["notice_missing"]


def on_template_context(context, template_name, config):
    if template_name == "sitemap.xml":
        # One entry per page of this build; the other language has the same paths, so each build
        # writes the same, complete sitemap.
        paths = sorted({_languages.neutral_path(f.url) for f in context["pages"]})
        context["sitemap_entries"] = [_languages.urls_for(p, config.site_url) for p in paths]
        context["default_language"] = _languages.default
    return context


def source_edit_url(config, path: str) -> str | None:
    """The GitHub edit address of a file in the repository (edit_uri names the docs/ folder)."""
    if not config.repo_url or not config.edit_uri:
        return None
    branch_part = config.edit_uri.strip("/").rsplit("/", 1)[0]  # "edit/main/docs" -> "edit/main"
    return f"{config.repo_url.rstrip('/')}/{branch_part}/{path}"


def on_post_page(output, page, config):
    language = _languages.current(config)
    return point_page_at_its_index(output, _languages.prefixes[language],
                                   site_root="../" * page.url.count("/"))


def on_post_template(output, template_name, config):
    global _default_404
    if template_name == "404.html":
        output = point_page_at_its_index(output, "", site_root=urlsplit(config.site_url or "/").path)
        if _languages.current(config) == _languages.default:
            _default_404 = output
    return output


@event_priority(-200)  # after the i18n plugin has built every language and written their index
def on_post_build(config):
    split_index(Path(config.site_dir), _languages.prefixes)
    if _default_404:
        (Path(config.site_dir) / "404.html").write_text(_default_404, encoding="utf-8")
