"""Step 2: check one record against its JSON Schema, in words an editor understands.

The schemas in data/schemas/ are the single source of truth for the fields. Each field there carries
an "x-expected" text (what to write instead), which ends every message about that field. The same
schemas let an editor's text editor flag mistakes while typing (see the first line of each record).
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import marshal
import types
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import fastjsonschema

from kb.build_cache import DocumentCache, key, source_code
from kb.messages import _, verbatim

from .problems import field_name
from .yaml_source import Source

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

_PROJECT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = _PROJECT / "data" / "schemas"
# The quick checks compiled from the schemas (see _compiled_check), kept between runs.
COMPILED = DocumentCache(_PROJECT / ".cache" / "schemas", ".marshal")


@cache
def validator(schema_name: str) -> Draft202012Validator:
    """jsonschema's validator of the schema, after checking the schema itself. Imported only
    here: a check whose records are all right, with schemas already checked, does without it."""
    from jsonschema import Draft202012Validator
    schema = json.loads((SCHEMA_DIR / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _is_valid(schema_name: str):
    """A quick yes/no for the common case, a record that is right.

    jsonschema explains every error but takes half a millisecond a record (five seconds for 10,000
    records); fastjsonschema compiles the schema to Python and answers twenty times faster. It
    knows draft 7, not 2020-12, so it is used only for a schema made of keywords that draft 7 reads
    at least as strictly as 2020-12 does (FAST_KEYWORDS): a record it accepts is then one that
    jsonschema accepts too, and a record it rejects is judged and explained by jsonschema. A schema
    with any other keyword (such as dependentRequired) is checked by jsonschema alone.
    """
    validate = _compiled_check(schema_name)
    if validate is None:
        return validator(schema_name).is_valid

    def is_valid(data) -> bool:
        try:
            validate(data)
            return True
        except fastjsonschema.JsonSchemaException:
            return False
    return is_valid


def _compiled_check(schema_name: str):
    """fastjsonschema's function for the schema, or None where the schema needs jsonschema.

    Checking the schema itself (which needs jsonschema, slow to import) and compiling it would
    take a sixth of a second for the five schemas at every check. So the compiled code is kept in
    .cache/schemas/ under a key made of the schema, this module, fastjsonschema's version and
    Python's, and used as it is while none of them changes: a schema edited is checked and
    compiled again at the next check. jsonschema's version is not in the key (asking for it costs
    what the cache saves); CI starts without .cache/ and checks every schema with the version
    requirements.txt pins.
    """
    text = (SCHEMA_DIR / f"{schema_name}.schema.json").read_bytes()
    compiled_key = key(text, *_compiler())
    kept = COMPILED.get(schema_name, compiled_key)
    try:
        code = marshal.loads(kept) if kept else None
    except (EOFError, ValueError, TypeError):
        code = None  # a file cut short, or not this Python's: compiled again below
    if not isinstance(code, types.CodeType):
        schema = validator(schema_name).schema
        if not _fast_path_is_safe(schema, schema):
            return None
        inlined = _inline_refs(schema, schema)
        inlined["$schema"] = "http://json-schema.org/draft-07/schema#"
        code = compile(fastjsonschema.compile_to_code(inlined), _CODE_NAME, "exec")
        COMPILED.put(schema_name, compiled_key, marshal.dumps(code))
    namespace = {}
    exec(code, namespace)  # noqa: S102  (code that fastjsonschema wrote, from our own schema)
    # The code defines one function (the schema's references are written out in it), named by
    # fastjsonschema after the schema.
    defined = [value for value in namespace.values()
               if isinstance(value, types.FunctionType)
               and value.__code__.co_filename == _CODE_NAME]
    if len(defined) != 1:
        return None  # not the code expected: jsonschema checks the records instead
    return defined[0]


_CODE_NAME = "<compiled schema>"


@cache
def _compiler() -> tuple:
    """What compiles the schemas, for their key: this module's code and the versions of
    fastjsonschema and of Python's bytecode. Read once, not once per schema."""
    return source_code(__file__), fastjsonschema.VERSION, importlib.util.MAGIC_NUMBER


# Keywords that mean the same in draft 7 and 2020-12, or that fastjsonschema applies more strictly
# (format: jsonschema only notes it), and the annotations neither checks.
FAST_KEYWORDS = {
    "type", "enum", "const", "properties", "required", "additionalProperties",
    "patternProperties", "propertyNames", "minProperties", "maxProperties", "items", "minItems",
    "maxItems", "uniqueItems", "contains", "minLength", "maxLength", "pattern", "format",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    "$schema", "$id", "$defs", "$ref", "$comment", "title", "description", "default", "examples",
    "deprecated", "readOnly", "writeOnly",
}
_ANNOTATIONS = {"$comment", "title", "description", "default", "examples", "deprecated",
                "readOnly", "writeOnly"}


def _fast_path_is_safe(node, root) -> bool:
    """Whether every keyword of this schema is one fastjsonschema reads as 2020-12 does."""
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key.startswith("x-"):
            continue  # this project's own notes, such as x-expected
        if key not in FAST_KEYWORDS:
            return False
        if key == "$ref":
            target = value.split("/")[-1]
            if not value.startswith("#/$defs/") or target not in root.get("$defs", {}):
                return False
            # Beside a $ref, 2020-12 applies both schemas; once written out in place, only one
            # value of a keyword they share would remain.
            shared = set(node) & set(root["$defs"][target])
            if any(k not in _ANNOTATIONS and not k.startswith("x-") for k in shared):
                return False
        elif key in ("properties", "patternProperties", "$defs"):
            if not all(_fast_path_is_safe(v, root) for v in value.values()):
                return False
        elif key in ("allOf", "anyOf", "oneOf"):
            if not all(_fast_path_is_safe(v, root) for v in value):
                return False
        elif key in ("items", "additionalProperties", "propertyNames", "contains", "not", "if",
                     "then", "else"):
            if not _fast_path_is_safe(value, root):  # a list of items is draft 7's tuple form
                return False
    return True


def _inline_refs(node, root):
    if isinstance(node, dict):
        if "$ref" in node and node["$ref"].startswith("#/$defs/"):
            node = resolve_ref(node, root)
        return {key: _inline_refs(value, root) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline_refs(item, root) for item in node]
    return node


def check_against_schema(source: Source, schema_name: str, record_kind: str) -> list:
    """Every way the record breaks the schema, as Problems; [] when it fits."""
    if _is_valid(schema_name)(source.data):
        return []
    checker = validator(schema_name)
    problems = []
    for error in sorted(checker.iter_errors(source.data), key=lambda e: list(map(str, e.path))):
        problems.extend(_explain(error, source, checker.schema, record_kind))
    return problems


def resolve_ref(schema: dict, root: dict) -> dict:
    while isinstance(schema, dict) and "$ref" in schema and schema["$ref"].startswith("#/$defs/"):
        own = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**root["$defs"][schema["$ref"].split("/")[-1]], **own}
    return schema if isinstance(schema, dict) else {}


def _schema_at(root: dict, parts) -> dict:
    """The schema of the field at `parts` (its own "x-expected" wins over the shared one)."""
    schema = resolve_ref(root, root)
    for part in parts:
        if isinstance(part, int):
            schema = resolve_ref(schema.get("items", {}), root)
        else:
            properties = schema.get("properties", {})
            schema = resolve_ref(properties.get(part, schema.get("additionalProperties", {})), root)
    return schema


def _expected(root: dict, parts):
    """What to write in the field: its "x-expected" text (translated like the code's messages)."""
    expected = _schema_at(root, parts).get("x-expected")
    return verbatim(expected) if expected else _("a value of the right kind")


def _not_accepted(value, expected):
    """'… is not accepted here; write …', with the value as an editor would name it."""
    if value is None or value == "":
        return _("an empty value is not accepted here; write {expected}", expected=expected)
    if isinstance(value, bool):
        return _("'{value}' is not accepted here; write {expected}", value=str(value).lower(),
                 expected=expected)
    if isinstance(value, (int, float)):
        return _("the number {value} is not accepted here; write {expected}", value=value,
                 expected=expected)
    if isinstance(value, str):
        return _("'{value}' is not accepted here; write {expected}", value=value,
                 expected=expected)
    if isinstance(value, list):
        return _("a list is not accepted here; write {expected}", expected=expected)
    return _("a group of fields is not accepted here; write {expected}", expected=expected)


# "'…' is not a field of a network record": one sentence for each kind of file, as the kind's
# name takes a different form in each language.
_KIND_FIELD = {
    "network record": lambda **n: _("'{key}' is not a field of a network record; remove it or "
                                    "correct its name; the fields here are: {fields}", **n),
    "report record": lambda **n: _("'{key}' is not a field of a report record; remove it or "
                                   "correct its name; the fields here are: {fields}", **n),
    "theme": lambda **n: _("'{key}' is not a field of a theme; remove it or correct its name; "
                           "the fields here are: {fields}", **n),
    "country": lambda **n: _("'{key}' is not a field of a country; remove it or correct its "
                             "name; the fields here are: {fields}", **n),
    "concept": lambda **n: _("'{key}' is not a field of a concept; remove it or correct its "
                             "name; the fields here are: {fields}", **n),
}
_KIND_FIELD_CLOSE = {
    "network record": lambda **n: _("'{key}' is not a field of a network record; did you mean "
                                    "'{close}'? the fields here are: {fields}", **n),
    "report record": lambda **n: _("'{key}' is not a field of a report record; did you mean "
                                   "'{close}'? the fields here are: {fields}", **n),
    "theme": lambda **n: _("'{key}' is not a field of a theme; did you mean '{close}'? the "
                           "fields here are: {fields}", **n),
    "country": lambda **n: _("'{key}' is not a field of a country; did you mean '{close}'? the "
                             "fields here are: {fields}", **n),
    "concept": lambda **n: _("'{key}' is not a field of a concept; did you mean '{close}'? the "
                             "fields here are: {fields}", **n),
}


def _explain(error, source: Source, root: dict, record_kind: str) -> list:
    parts = tuple(error.absolute_path)
    kind = error.validator

    if kind == "required":
        missing = error.message.split("'")[1]
        where = parts + (missing,)
        return [source.problem(where, _("this field is missing; add {expected}",
                                        expected=_expected(root, where)))]

    if kind == "dependentRequired":
        missing, given = error.message.split("'")[1::2]  # "'structure' is a dependency of 'members'"
        where = parts + (missing,)
        return [source.problem(where, _("this field is missing, and a record that gives "
                                        "'{given}' needs it; add {expected}",
                                        given=given, expected=_expected(root, where)))]

    if kind == "additionalProperties":
        allowed = list(_schema_at(root, parts).get("properties", {}))
        found = []
        for key in error.instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            names = {"key": key, "fields": ", ".join(allowed), "group": field_name(parts),
                     "close": close[0] if close else ""}
            if parts and close:
                message = _("'{key}' is not a field of {group}; did you mean '{close}'? the "
                            "fields here are: {fields}", **names)
            elif parts:
                message = _("'{key}' is not a field of {group}; remove it or correct its name; "
                            "the fields here are: {fields}", **names)
            elif close:
                message = _KIND_FIELD_CLOSE[record_kind](**names)
            else:
                message = _KIND_FIELD[record_kind](**names)
            found.append(source.problem(parts + (key,), message, key=True))
        return found

    # jsonschema reports a key that breaks "propertyNames" as a "pattern" error on the key.
    if kind == "propertyNames" or list(error.schema_path)[-2:-1] == ["propertyNames"]:
        expected = _schema_at(root, parts).get("propertyNames", {}).get("x-expected")
        expected = verbatim(expected) if expected else _("lowercase words with hyphens")
        return [source.problem(parts + (error.instance,),
                               _("'{key}' cannot be a key; write {expected}",
                                 key=error.instance, expected=expected), key=True)]

    expected = _expected(root, parts)
    value = error.instance
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "minimum" and number and value < 0:
        message = _("the number {value} is less than zero; write {expected}", value=value,
                    expected=expected)
    elif kind in ("minimum", "maximum") and number:
        message = _("the number {value} is not possible here; write {expected}", value=value,
                    expected=expected)
    elif kind == "uniqueItems":
        message = _("the list names the same item twice; keep each once ({expected})",
                    expected=expected)
    elif kind == "minItems":
        message = _("the list is empty; write {expected}", expected=expected)
    elif kind == "minLength":
        message = _("the value is empty; write {expected}", expected=expected)
    elif kind == "type" and isinstance(value, float) and "integer" in str(error.validator_value):
        message = _("the number {value} is not a whole number; write {expected}", value=value,
                    expected=expected)
    else:
        message = _not_accepted(value, expected)
    return [source.problem(parts, message)]
