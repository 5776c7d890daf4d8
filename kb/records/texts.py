"""The languages records are written in, and how a page in any language of the site reads them.

A record gives each text readers see in the languages of the schemas' `bilingual_text`
(data/schemas/network.schema.json), the first of them the original. A page in a language the records
have no text in (a language added to mkdocs.yml alone) shows the original's text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA = Path(__file__).resolve().parents[2] / "data" / "schemas" / "network.schema.json"


@cache
def text_languages() -> tuple[str, ...]:
    """The languages of every record text, the original first: ('sq', 'en')."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return tuple(schema["$defs"]["bilingual_text"]["required"])


def original_language() -> str:
    return text_languages()[0]


def is_text(value) -> bool:
    """Whether a part of a schema (its properties) or of a record is a text in every language."""
    return isinstance(value, dict) and set(value) == set(text_languages())


def text(value: dict, language: str) -> str:
    """A record's text in `language`, or in the original language where it has none."""
    return value.get(language) or value[original_language()]


def plain(value: dict, language: str) -> str:
    """text(), on one line with single spaces, as a page or an export shows it."""
    return " ".join(text(value, language).split())


def text_language(value: dict, language: str) -> str:
    """The language text(value, language) is in."""
    return language if value.get(language) else original_language()


def other_language(language: str) -> str:
    """The first record language other than `language`: a page's 'also known as'."""
    return next(code for code in text_languages() if code != language)
