"""A new, empty record for an editor to fill in, written from the JSON Schema.

Every field of the schema appears, in the schema's order, under a comment that says what it is and
what to write. Required fields are empty lines to fill; optional ones start with '# ' so that the
record passes the check as soon as the required fields are filled.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from kb.messages import SOURCE_LANGUAGE, _, said_in, verbatim

from .schema_check import resolve_ref, validator
from .texts import is_text, text_languages

WIDTH = 100


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH - len(indent) - 2, initial_indent=indent + "# ",
                         subsequent_indent=indent + "# ")


def _empty_text() -> str:
    """{sq: "", en: ""}: a text to write in every record language."""
    return "{" + ", ".join(f'{lang}: ""' for lang in text_languages()) + "}"


def _skeleton(name: str, schema: dict, root: dict, today: dt.date) -> list[str]:
    """The lines of one field, empty, in the shape the schema wants."""
    schema = resolve_ref(schema, root)
    properties = schema.get("properties", {})
    if name == "last_verified":
        return [f"{name}: {today.isoformat()}"]
    if schema.get("type") == "object" and is_text(properties):
        return [f"{name}:", *(f'  {lang}: ""' for lang in text_languages())]
    if schema.get("type") == "object":
        # An optional part of the field starts with '# ' of its own, so that the field passes the
        # check once its required parts are filled in.
        required = set(schema.get("required", []))
        lines = [f"{name}:"]
        for key, sub in properties.items():
            mark = "" if key in required else "# "
            if is_text(resolve_ref(sub, root).get("properties", {})):
                lines.append(f"  {mark}{key}: {_empty_text()}")
            else:
                lines.append(f"  {mark}{key}:")
        return lines
    if schema.get("type") == "array":
        items = resolve_ref(schema.get("items", {}), root)
        if items.get("type") == "object":
            lines = []
            for index, key in enumerate(items.get("properties", {})):
                sub = resolve_ref(items["properties"][key], root)
                prefix = "  - " if index == 0 else "    "
                if is_text(sub.get("properties", {})):
                    lines.append(f"{prefix}{key}: {_empty_text()}")
                else:
                    lines.append(f"{prefix}{key}:")
            return [f"{name}:"] + lines
        return [f"{name}: []"]
    return [f"{name}:"]


_INTRODUCTION = {
    "network": lambda: _("A new network record. Fill in every field that is not marked optional; "
                         "for an optional field you know, delete the '# ' in front of its lines "
                         "and fill it in. Only write facts you can show a source for. Check your "
                         "work with: python3 scripts/kb.py check"),
    "report": lambda: _("A new report record. Fill in every field that is not marked optional; "
                        "for an optional field you know, delete the '# ' in front of its lines "
                        "and fill it in. Only write facts you can show a source for. Check your "
                        "work with: python3 scripts/kb.py check"),
}


def new_record_text(kind: str, today: dt.date, language: str = SOURCE_LANGUAGE) -> str:
    """The record, its comments in `language` (the schema's texts, translated as messages)."""
    schema = validator(kind).schema
    required = set(schema.get("required", []))
    lines = [f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"]
    lines += _comment(said_in(_INTRODUCTION[kind](), language))
    for name, field_schema in schema["properties"].items():
        resolved = resolve_ref(field_schema, schema)
        description = field_schema.get("description") or resolved.get("description", "")
        expected = field_schema.get("x-expected") or resolved.get("x-expected", "")
        texts = {"description": verbatim(description), "expected": verbatim(expected)}
        comment = _("{description} Required. Write {expected}.", **texts) if name in required \
            else _("{description} Optional. Write {expected}.", **texts)
        lines.append("")
        lines += _comment(said_in(comment, language))
        skeleton = _skeleton(name, field_schema, schema, today)
        if name not in required:
            skeleton = ["# " + line for line in skeleton]
        lines += skeleton
    return "\n".join(lines) + "\n"
