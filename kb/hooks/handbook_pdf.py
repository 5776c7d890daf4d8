"""The whole guide as one PDF per language: guide/handbook.pdf and en/guide/handbook.pdf.

Made by `mkdocs build` only (so by `python3 scripts/dev.py build`, the tests and the Pages
workflow): MkDocs tells hooks which command runs, and `serve` skips the PDF so that it rebuilds as
fast as before. Every link to the PDF (written in Markdown as guide/handbook.pdf) gets the file's
size after it; where there is no PDF, the link's words stay without the link.

Rendering takes a few seconds per language, so the last PDF of each language is kept in
.cache/handbook/ and reused by the next build if the guide has not changed.

WeasyPrint needs the system's Pango library. Where it is missing the build says so in one line and
goes on without the PDF; in CI (CI or GITHUB_ACTIONS set, as kb.git_history.in_ci() reads them), a
missing PDF stops the build.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from kb.documents import handbook
from kb.documents.file_size import file_size
from kb.git_history import in_ci
from kb.messages import _, chosen_language, said_in
from kb.records import pages
from kb.site_languages import Languages

log = logging.getLogger("mkdocs.hooks.handbook_pdf")

GUIDE = "guide/"
PDF = GUIDE + "handbook.pdf"
# The last PDF of each language, reused while the guide has not changed (never committed).
CACHE = ".cache/handbook"

_command = ["build"]          # the MkDocs command being run
_state: dict = {}             # this language's PDF file, guide pages and size


def on_startup(command, dirty):
    _command[0] = command


@event_priority(-110)  # after the i18n plugin (-100) has picked this language's files
def on_files(files, config):
    languages = Languages.from_mkdocs_config(config)
    _state.clear()
    # Registered under its language-neutral source path, so that guide/index.md's link to
    # handbook.pdf is found in every language; written under the language's folder.
    pdf = File.generated(config, PDF, content=b"", inclusion=InclusionLevel.NOT_IN_NAV)
    pdf.dest_uri = languages.prefixes[languages.current(config)] + PDF
    files.append(pdf)
    _state["file"] = pdf
    return files


def on_nav(nav, config, files):
    languages = Languages.from_mkdocs_config(config)
    guide = [page for page in nav.pages if languages.neutral_path(page.url).startswith(GUIDE)]
    _state["index"] = next((p for p in guide if languages.neutral_path(p.url) == GUIDE), None)
    _state["chapters"] = [p for p in guide if languages.neutral_path(p.url) != GUIDE]
    return nav


@event_priority(-110)
def on_env(env, config, files):
    """Every page has its HTML by now, and no file has been written yet."""
    pdf = _state.get("file")
    if pdf is None:
        return env
    if _command[0] != "build":
        files.remove(pdf)
        return env
    language = Languages.from_mkdocs_config(config).current(config)
    document = handbook.handbook_html(_chapters(config), _words(config))
    cache, name = Path(config.config_file_path).parent / CACHE, f"handbook-{language}"
    content = handbook.cached_pdf(document, cache, name)
    if content is None:
        problem = handbook.pdf_support_problem()
        if problem:
            files.remove(pdf)
            editor = chosen_language()  # the editor's language, as for the records' problems
            if in_ci():
                raise PluginError(said_in(_("The guide's PDF could not be made: {problem}.",
                                            problem=problem), editor))
            languages = Languages.from_mkdocs_config(config)
            if language == languages.default:  # said once, not once per language
                log.info(said_in(_("The guide's PDF was not made: {problem}. The rest of the site "
                                   "was built.", problem=problem), editor))
            return env
        content = handbook.render_pdf(document, cache=cache, name=name)
    pdf.content_bytes = content
    _state["size"] = len(content)
    return env


PDF_LINK = re.compile(r'<a [^>]*href="[^"]*handbook\.pdf"[^>]*>(.*?)</a>', re.DOTALL)


def on_post_page(output, page, config):
    """'(PDF, 1,2 MB)' after every link to the PDF, once its size is known. Where no PDF was made
    (`serve`, or no Pango), the links' words stay and the links go: no link leads nowhere."""
    if "handbook.pdf" not in output:
        return output  # most pages: nothing to look for
    size = _state.get("size")
    if not size:
        return PDF_LINK.sub(lambda m: m.group(1), output)
    language = Languages.from_mkdocs_config(config).current(config)
    label = pages.strings(language)["handbook_download_size"].format(
        size=file_size(size, language))
    return PDF_LINK.sub(lambda m: f"{m.group(0)} ({label})", output)


def _chapters(config) -> list[handbook.Chapter]:
    base = (config.site_url or "/").rstrip("/") + "/"
    return [handbook.Chapter(title=page.title, url=base + page.url, html=page.content or "")
            for page in _state["chapters"]]


def _words(config) -> handbook.Words:
    language = Languages.from_mkdocs_config(config).current(config)
    words = pages.strings(language)
    locale = pages.language_locale(language)
    today = dt.datetime.now(dt.timezone.utc).date()
    index = _state.get("index")
    return handbook.Words(
        language=language,
        site_name=config.site_name,
        subtitle=index.title if index else "",
        language_name=Locale.parse(language).get_display_name(language).capitalize(),
        built_on=words["handbook_built_on"].format(date=format_date(today, "long", locale=locale)),
        site_url=config.site_url or "",
        contents=words["handbook_contents"],
        sources=words["sources"],
        licence_title=words["licence_title"],
        licence_html="".join(f"<p>{paragraph}</p>" for paragraph in words["licence_text"]),
    )
