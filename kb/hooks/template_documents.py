"""The document templates (docs/templates/): each one a page and an editable Word document.

A template with a problem (an unclosed gap or bold, a table row with a cell too many, something a
Word document cannot hold), or a link from any page to a template that does not exist, stops the
build with the file and line, like a wrong record. The Word documents are made from the same
Markdown at every build, `serve` included; each is kept in .cache/templates/ and reused while its
template (and the code that makes it) has not changed. None is committed.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from kb.documents import template_source
from kb.build_cache import DocumentCache
from kb.documents.file_size import file_size
from kb.documents.word import template_docx
from kb.messages import chosen_language, ngettext, said_in
from kb.records import pages
from kb.site_languages import Languages

CACHE = ".cache/templates"

# This language's template pages, by source path: (the Word file, its size, the title).
_documents: dict[str, tuple[File, int, str]] = {}


def on_config(config):
    root = Path(config.config_file_path).parent
    problems = template_source.check_docs(Path(config.docs_dir), root)
    if problems:
        # In the editor's language, as for the records (kb/hooks/record_check.py).
        language = chosen_language()
        summary = ngettext(
            "The site was not built: {count} problem in the templates or in links to them. "
            "Correct each line named, save, and build again.",
            "The site was not built: {count} problems in the templates or in links to them. "
            "Correct each line named, save, and build again.", len(problems))
        raise PluginError("\n".join([*(problem.text(language) for problem in problems),
                                     said_in(summary, language)]))
    return config


@event_priority(-110)  # after the i18n plugin (-100) has picked this language's files
def on_files(files, config):
    languages = Languages.from_mkdocs_config(config)
    language = languages.current(config)
    prefix = languages.prefixes[language]
    language_root = (config.site_url or "/").rstrip("/") + "/" + prefix
    _documents.clear()
    cache = DocumentCache(Path(config.config_file_path).parent / CACHE, ".docx")
    for file in list(files.documentation_pages()):
        parts = file.src_uri.split("/")
        if len(parts) != 2 or parts[0] != template_source.FOLDER or parts[1].startswith("index."):
            continue
        name = parts[1].split(".", 1)[0]
        source = template_source.read(Path(file.abs_src_path))
        content = template_docx(
            source, language,
            folder_url=f"{language_root}{template_source.FOLDER}/",
            page_url=f"{language_root}{template_source.FOLDER}/{name}/",
            author=config.site_name, cache=cache)
        docx_uri = f"{prefix}{template_source.FOLDER}/{name}.docx"
        document = File.generated(config, docx_uri, content=content,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(document)
        _documents[file.src_uri] = (document, len(content), source.title)
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in _documents:
        return template_source.mark_gaps(markdown)
    return markdown


def on_page_content(content, page, config, files):
    if page.file.src_uri not in _documents:
        return content
    document, size, title = _documents[page.file.src_uri]
    language = Languages.from_mkdocs_config(config).current(config)
    words = pages.strings(language)
    href = document.url_relative_to(page.file)
    box = (f'<p class="kb-download"><a href="{html.escape(href)}" '
           f'download="{html.escape(title)}.docx">{html.escape(words["template_download"])}</a> '
           f'({html.escape(words["template_download_size"].format(size=file_size(size, language)))})'
           f'<br>{template_source.mark_gaps(html.escape(words["template_gaps"]))}</p>')
    # Below the title, so that it is the first thing a reader sees on a phone.
    head, found, rest = content.partition("</h1>")
    return head + found + box + rest if found else box + content
