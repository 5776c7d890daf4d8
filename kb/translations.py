"""Translation status of the pages in docs/: which are missing in a language, which are out of date.

A page is docs/<path>.<code>.md in each language of mkdocs.yml: the default language's file is the
original (docs/<path>.sq.md), the others are its translations (docs/<path>.en.md).
- Missing: one of the two files does not exist. English readers then see the Albanian text.
- Out of date: the Albanian page was changed in a commit after the English one last changed.
  The commit that first adds the Albanian page does not count, so a page written in English first
  and translated into Albanian afterwards is not reported; nor does a commit whose message says
  "[no translation needed]" (a typo or markup fixed in one language only).
The dates come from git history (see git_history.py), as the Kubernetes and FastAPI sites do it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kb.git_history import History, read_history
from kb.messages import LanguageName, _
from kb.records.problems import Problem
from kb.site_languages import Languages


def site_languages(root: Path) -> Languages:
    return Languages.from_mkdocs_yml(root / "mkdocs.yml")


@dataclass
class PageStatus:
    neutral: str                                   # "guide/membership.md"
    files: dict = field(default_factory=dict)      # language -> "docs/guide/membership.sq.md"
    missing: list = field(default_factory=list)    # languages without a file
    outdated: dict = field(default_factory=dict)   # language -> (original changed, translation changed)


def page_files(root: Path, languages: Languages) -> dict[str, dict[str, str]]:
    """neutral page path -> {language: file path relative to the repository}."""
    pages: dict[str, dict[str, str]] = {}
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        stem, _, _ = relative.rpartition(".md")
        base, _, suffix = stem.rpartition(".")
        language, neutral = ((suffix, base + ".md") if suffix in languages.prefixes and base
                             else (languages.default, relative))
        pages.setdefault(neutral, {})[language] = f"docs/{relative}"
    return pages


def translation_status(root: Path, history: History | None = None) -> list[PageStatus]:
    history = history if history is not None else read_history(root)
    languages = site_languages(root)
    statuses = []
    for neutral, files in page_files(root, languages).items():
        status = PageStatus(neutral, files, [lang for lang in languages.codes if lang not in files])
        original = files.get(languages.default)
        for language, path in files.items():
            if language == languages.default or original is None:
                continue
            translated = history.last_changed.get(path)
            if translated is None:
                continue  # not committed yet: nothing to compare
            later = [when for when, added, exempt in history.changes.get(original, [])
                     if when > translated and not added and not exempt]
            if later:
                status.outdated[language] = (max(later), translated)
        statuses.append(status)
    return statuses


def day(timestamp: int) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()


def problems(statuses: list[PageStatus], languages: Languages) -> list[Problem]:
    """The status as lines in the same format as `kb.py check`."""
    original_language = LanguageName(languages.default)
    found = []
    for status in statuses:
        for language in status.missing:
            existing_language, existing = next(iter(status.files.items()))
            wanted = existing.replace(f".{existing_language}.md", f".{language}.md") \
                if f".{existing_language}.md" in existing else existing[:-3] + f".{language}.md"
            names = {"language": LanguageName(language), "original": original_language,
                     "file": wanted}
            if language == languages.default:
                message = _("there is no {language} version of this page; create {file} with the "
                            "same headings, translated (the site is built from the {original} "
                            "pages, so this page cannot be published until the {original} "
                            "version exists)", **names)
            else:
                message = _("there is no {language} version of this page; create {file} with the "
                            "same headings, translated (until then {language} readers see the "
                            "{original} text with a notice)", **names)
            found.append(Problem(existing, 1, 1, "translation", message))
        for language, (original_changed, translated) in status.outdated.items():
            found.append(Problem(
                status.files[language], 1, 1, "translation",
                _("the {original} page {file} was changed on {changed}, after this translation "
                  "was last changed ({translated}); bring the translation up to date",
                  original=original_language, file=status.files[languages.default],
                  changed=day(original_changed), translated=day(translated)),
                severity="warning"))
    return sorted(found)
