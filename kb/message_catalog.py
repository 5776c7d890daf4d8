"""The catalogue of the editors' messages: gathered from the code and the schemas, for translators.

    python3 scripts/kb.py messages

writes kb/locale/messages.pot (every message, in English) and adds the messages that are new to
kb/locale/sq/LC_MESSAGES/messages.po, where a translator writes the Albanian of each (msgstr), with
a text editor or a tool such as Poedit. A message that changed keeps its old translation marked
"fuzzy": it is not used until someone checks it and deletes the "fuzzy" mark. The command lists
what is left to translate; tests/test_messages.py fails while anything is.

The messages are those of the code (the calls _() and ngettext() in kb/, read with Babel's
extractor) and the texts of data/schemas/ that become part of messages: every "x-expected" (what
to write in a field) and the "description" of each field (the comments of `kb.py new`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from kb.messages import DOMAIN, LOCALE_DIR, TRANSLATED, catalogue_path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
SCHEMAS = ROOT / "data" / "schemas"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
TEMPLATE_SHOWN = TEMPLATE.relative_to(ROOT).as_posix()
CATALOGUES_SHOWN = ", ".join(catalogue_path(language).relative_to(ROOT).as_posix()
                             for language in TRANSLATED)
KEYWORDS = {"_": None, "ngettext": (1, 2)}
WIDTH = 100


HEADER = ("# The messages of the editors' command (scripts/kb.py) and of the record check of the\n"
          "# build. Made by `python3 scripts/kb.py messages`; see kb/message_catalog.py.")


def _new_catalogue(locale=None) -> Catalog:
    return Catalog(locale=locale, domain=DOMAIN, header_comment=HEADER,
                   project="cso-networks-knowledge-base", version="1",
                   msgid_bugs_address="the issues of this repository on GitHub",
                   last_translator="the editors of the knowledge base",
                   language_team="the editors of the knowledge base", fuzzy=False,
                   revision_date=dt.datetime.now(dt.timezone.utc))


def schema_texts() -> list[tuple[str, str, int]]:
    """(text, file, line) of every "x-expected", and of every field's "description" (not the
    schema's own, which no editor reads in a message)."""
    found = []
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        shown = path.relative_to(ROOT).as_posix()

        def walk(node, top: bool):
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(value, str) and (key == "x-expected"
                                                   or (key == "description" and not top)):
                        quoted = json.dumps(value, ensure_ascii=False)
                        line = text[:max(text.find(quoted), 0)].count("\n") + 1
                        found.append((value, shown, line))
                    else:
                        walk(value, False)
            elif isinstance(node, list):
                for item in node:
                    walk(item, False)

        walk(json.loads(text), True)
    return found


def extract() -> Catalog:
    """Every message of the code and the schemas, as a template (English only)."""
    template = _new_catalogue()
    for filename, line, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",)):
        template.add(message, None, [(f"kb/{filename}", line)], auto_comments=comments,
                     context=context, flags=_flags(message))
    for text, shown, line in schema_texts():
        template.add(text, None, [(shown, line)])
    return template


def _flags(message) -> tuple:
    """Translators' tools check the {placeholders} of a message marked python-brace-format."""
    first = message[0] if isinstance(message, tuple) else message
    return ("python-brace-format",) if "{" in first else ()


def untranslated(catalogue: Catalog) -> list[str]:
    """The msgids with no translation, or only a fuzzy one."""
    left = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            left.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return left


def update() -> list[str]:
    """Write the template and bring each language's catalogue up to date with it; return the
    messages left to translate."""
    template = extract()
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    with TEMPLATE.open("wb") as file:
        write_po(file, template, width=WIDTH, omit_header=False)
    left = []
    for language in TRANSLATED:
        path = catalogue_path(language)
        if path.exists():
            with path.open("rb") as file:
                catalogue = read_po(file, locale=language)
        else:
            catalogue = _new_catalogue(language)
        catalogue.update(template)
        catalogue.revision_date = dt.datetime.now(dt.timezone.utc)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalogue, width=WIDTH, ignore_obsolete=True)
        left += untranslated(catalogue)
    return left
