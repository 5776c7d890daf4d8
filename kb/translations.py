"""Translation status of the pages in docs/: which are missing in a language, which are out of date.

A page is docs/<path>.sq.md (Albanian, the original) plus docs/<path>.en.md (its translation).
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
from kb.records.problems import Problem

# The site's languages, the original first; the same as the i18n languages in mkdocs.yml.
ORIGINAL = "sq"
LANGUAGES = {"sq": "Albanian", "en": "English"}


@dataclass
class PageStatus:
    neutral: str                                   # "guide/membership.md"
    files: dict = field(default_factory=dict)      # language -> "docs/guide/membership.sq.md"
    missing: list = field(default_factory=list)    # languages without a file
    outdated: dict = field(default_factory=dict)   # language -> (original changed, translation changed)


def page_files(root: Path) -> dict[str, dict[str, str]]:
    """neutral page path -> {language: file path relative to the repository}."""
    pages: dict[str, dict[str, str]] = {}
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        stem, _, _ = relative.rpartition(".md")
        base, _, suffix = stem.rpartition(".")
        language, neutral = (suffix, base + ".md") if suffix in LANGUAGES and base else (ORIGINAL, relative)
        pages.setdefault(neutral, {})[language] = f"docs/{relative}"
    return pages


def translation_status(root: Path, history: History | None = None) -> list[PageStatus]:
    history = history if history is not None else read_history(root)
    statuses = []
    for neutral, files in page_files(root).items():
        status = PageStatus(neutral, files, [lang for lang in LANGUAGES if lang not in files])
        original = files.get(ORIGINAL)
        for language, path in files.items():
            if language == ORIGINAL or original is None:
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


def problems(statuses: list[PageStatus]) -> list[Problem]:
    """The status as lines in the same format as `kb.py check`."""
    found = []
    for status in statuses:
        for language in status.missing:
            existing_language, existing = next(iter(status.files.items()))
            wanted = existing.replace(f".{existing_language}.md", f".{language}.md") \
                if f".{existing_language}.md" in existing else existing[:-3] + f".{language}.md"
            if language == ORIGINAL:
                consequence = ("the site is built from the Albanian pages, so this page cannot "
                               "be published until the Albanian version exists")
            else:
                consequence = (f"until then {LANGUAGES[language]} readers see the "
                               f"{LANGUAGES[ORIGINAL]} text with a notice")
            found.append(Problem(
                existing, 1, 1, "translation",
                f"there is no {LANGUAGES[language]} version of this page; create {wanted} with the "
                f"same headings, translated ({consequence})"))
        for language, (original_changed, translated) in status.outdated.items():
            found.append(Problem(
                status.files[language], 1, 1, "translation",
                f"the {LANGUAGES[ORIGINAL]} page {status.files[ORIGINAL]} was changed on "
                f"{day(original_changed)}, after this translation was last changed "
                f"({day(translated)}); bring the translation up to date",
                severity="warning"))
    return sorted(found)
