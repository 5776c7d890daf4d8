"""Step 1: read one YAML file into plain data, remembering where each value stands.

PyYAML alone gives data without line numbers and accepts duplicate keys silently, so the file is
parsed into YAML nodes (which know their lines) and turned into data here. Anything that cannot be
read becomes a Problem with a line and a plain-language message; nothing raises.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.messages import Number, _

from .problems import Problem, field_name

# libyaml's parser, in C, where PyYAML was built with it (it is, in the wheels on PyPI): ten times
# faster than the pure-Python one, which matters with thousands of records.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
# Named once here: every node of thousands of records is tested against them.
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


@functools.lru_cache(maxsize=1 << 16)  # bounded: `mkdocs serve` runs for hours
def _resolve_plain(value, implicit):
    """The tag of an unquoted value (str, int, bool …): the same answer for the same value, so
    each is worked out once. Most repeat from record to record (field names, country codes,
    dates); asking again took a quarter of the time spent reading thousands of records."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, implicit)


def _resolve(kind, value, implicit):
    """The tag the parser asks for each node. Quoted and folded texts (implicit[0] false) are
    always text, told at once; keeping them in the cache would hold every long text in memory."""
    if kind is _SCALAR:
        return _resolve_plain(value, implicit) if implicit[0] else _RESOLVER.DEFAULT_SCALAR_TAG
    return _RESOLVER.resolve(kind, value, implicit)


class _Loader(_BASE_LOADER):
    def __init__(self, stream):
        super().__init__(stream)
        self.resolve = _resolve

    # The parser calls these two for every node, for tags that depend on a node's path in the
    # document. No record uses such tags, so here they do nothing at once (PyYAML's own first look
    # up that there are none, each time): a few per cent of a check of thousands of records.
    def descend_resolver(self, parent, index):
        pass

    def ascend_resolver(self):
        pass


_LOADER = _Loader
_SCALARS = yaml.constructor.SafeConstructor()
_CONSTRUCT = {
    "tag:yaml.org,2002:str": _SCALARS.construct_yaml_str,
    "tag:yaml.org,2002:int": _SCALARS.construct_yaml_int,
    "tag:yaml.org,2002:float": _SCALARS.construct_yaml_float,
    "tag:yaml.org,2002:bool": _SCALARS.construct_yaml_bool,
    "tag:yaml.org,2002:null": _SCALARS.construct_yaml_null,
}

# The only YAML types a record may use. A tag such as !!python/object would build a Python object.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
}
_TRUE_FALSE = {"true", "false"}
_STR = "tag:yaml.org,2002:str"
# No record nests deeper than a few levels (sources, then a source, then its url); a file that does
# is refused before it can exhaust Python's stack.
MAX_DEPTH = 20
# A record holds a few dozen values and a few kilobytes. Far more is a list pasted in by mistake, or a
# file made to slow the check down: it is refused before any of it is checked.
MAX_VALUES = 1000
MAX_BYTES = 200_000

# PyYAML's wording for common slips, and what an editor should do about each.
# (Functions: a message is made when it is needed.)
_YAML_HINTS = [
    ("found character '\\t'", lambda: _("a tab character is used for indenting; indent with "
                                         "spaces only")),
    ("mapping values are not allowed", lambda: _("a value contains ': '; put the whole value in "
                                                 "double quotes")),
    ("could not find expected ':'", lambda: _("a line is missing the ':' between field and "
                                              "value, or a quoted text is not closed")),
    ("found unexpected end of stream", lambda: _("a quote is opened but never closed")),
    ("expected <block end>", lambda: _("the indentation is uneven; fields at the same level must "
                                       "start in the same column")),
    ("found undefined alias", lambda: _("an '*' starts a value; put the value in double quotes")),
    ("expected a single document", lambda: _("the file holds more than one record (a '---' line "
                                              "in the middle); keep one record per file")),
]


@dataclass
class Source:
    """One YAML file: its data, and its YAML nodes, which know the line of every key and value."""

    path: str
    data: object = None
    node: object = None
    problems: list = field(default_factory=list)
    kept: dict = field(default_factory=dict)
    values: int = 0  # read so far, to stop at MAX_VALUES
    text: str = ""   # the file as read, until keep_positions_only(): the terms check reads it

    def keep_positions_only(self, fields) -> None:
        """Remember where these fields stand and let the nodes go: with thousands of records,
        keeping every node costs memory and time, and only these few may still be reported."""
        self.kept = {tuple(parts): self.position(parts) for parts in fields}
        self.node = None
        self.text = ""

    def position(self, parts, key: bool = False) -> tuple[int, int]:
        """Where a field stands (its key's position if key=True); for a field that is missing,
        where its parent stands. Found by walking the nodes, only when a problem is reported."""
        node = self.node
        if node is None:
            return self.kept.get(tuple(parts), (1, 1))
        found = _mark(node)
        for depth, part in enumerate(parts):
            child = key_node = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        key_node, child = k, v
                        break  # the first one, as in the data
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
            last = depth == len(parts) - 1
            found = _mark(key_node) if key and last and key_node is not None else _mark(child)
        return found

    def problem(self, parts, message: str, severity: str = "error", key: bool = False) -> Problem:
        line, column = self.position(parts, key=key)
        return Problem(self.path, line, column, field_name(parts), message, severity)


def read_yaml(path: Path | str, display_path: str) -> Source:
    source = Source(display_path)
    with open(path, "rb") as file:
        raw = file.read()
    if len(raw) > MAX_BYTES:
        source.problems.append(Problem(
            display_path, 1, 1, "",
            _("the file is {size} kilobytes, far larger than a record (a few kilobytes); check "
              "that it holds a single record, and no list or document pasted in",
              size=Number(len(raw) // 1000))))
        return source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        source.problems.append(Problem(
            display_path, line, column, "",
            _("the file is not saved as UTF-8 text; in your text editor choose 'Save with "
              "encoding' and pick UTF-8 (Albanian letters such as ë and ç then stay right)")))
        return source

    if "&" in text:  # an anchor needs one; most records have none, and skip this second reading
        source.problems.extend(_anchor_problems(text, display_path))
        if source.problems:
            return source
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        source.problems.append(_yaml_problem(error, text, display_path))
        return source

    if node is None:
        source.problems.append(Problem(
            display_path, 1, 1, "",
            _("the file is empty; to start a new record run: python3 scripts/kb.py new network "
              "<id>")))
        return source
    source.node = node
    source.text = text
    if not isinstance(node, yaml.MappingNode):
        source.problems.append(Problem(
            display_path, *_mark(node), "",
            _("a record is a list of 'field: value' lines, such as 'founded: 2003'")))
        return source

    try:
        source.data = _to_data(node, (), source)
    except _TooManyValues as error:
        source.problems.append(Problem(
            display_path, *error.position, "",
            _("the file holds more than {limit} values, far more than a record needs; check "
              "that it holds a single record, and no long list pasted in",
              limit=Number(MAX_VALUES))))
    return source


class _TooManyValues(Exception):
    def __init__(self, position: tuple[int, int]):
        super().__init__()
        self.position = position


def _yaml_problem(error: yaml.YAMLError, text: str, display_path: str) -> Problem:
    """PyYAML's complaint about a file it cannot read, placed and worded for an editor."""
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return Problem(display_path, line, column, "",
                       _("the file holds an invisible control character that YAML does not "
                         "allow (often pasted from another program); delete it or retype the "
                         "line"))
    context = getattr(error, "context", None) or ""
    context_mark = getattr(error, "context_mark", None)
    mark = getattr(error, "problem_mark", None) or context_mark
    if "quoted scalar" in context and context_mark is not None:
        # The end of the file is where PyYAML noticed; the quote that is never closed is here.
        return Problem(display_path, context_mark.line + 1, context_mark.column + 1, "",
                       _("a quote opens here and is never closed; add the closing quote at the "
                         "end of the value"))
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        return Problem(display_path, line, column, "",
                       _("a tab character is used for indenting; indent with spaces only"))
    hint = next((h for needle, h in _YAML_HINTS if needle in str(error)), None)
    if hint:
        return Problem(display_path, line, column, "", hint())
    problem = getattr(error, "problem", None)
    # PyYAML's own words stay as it writes them, in English.
    return Problem(display_path, line, column, "",
                   _("this is not valid YAML ({problem}); check the quotes and the indentation",
                     problem=problem) if problem else
                   _("this is not valid YAML; check the quotes and the indentation"))


def _anchor_problems(text: str, display_path: str) -> list[Problem]:
    """Every YAML anchor (&name) in the file, as a problem.

    An anchor names a value that aliases (*name) then repeat. Records never need them, and nested
    repetitions grow exponentially (nine anchors of nine aliases each make 9**9 values): the file is
    refused here, from the parser's events, before any value is repeated.
    """
    problems = []
    named = set()
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            anchor = getattr(event, "anchor", None)
            if anchor is None or isinstance(event, yaml.AliasEvent) or anchor in named:
                continue  # an alias of an anchor not defined is reported when the file is read
            named.add(anchor)
            problems.append(Problem(
                display_path, event.start_mark.line + 1, event.start_mark.column + 1, "",
                _("'&{anchor}' names this value so that '*{anchor}' can repeat it elsewhere, which "
                  "records do not do; write the value out in full wherever it is needed (if the "
                  "'&' is part of the text, put the whole value in double quotes)",
                  anchor=anchor)))
    except yaml.YAMLError:
        pass  # reported with its line when the file is read
    return problems


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _text_or_data(node, parts: tuple, part, source: Source):
    """_to_data(node, parts + (part,)) for the value of a field or a list, taking plain text,
    most of the values of a record, at once: thousands of records make millions of them."""
    if node.tag == _STR and isinstance(node, _SCALAR) and source.values < MAX_VALUES:
        source.values += 1
        # Text made only of spaces shows nothing: it is empty text, and checked as such.
        return "" if node.value.isspace() else node.value
    return _to_data(node, parts + (part,), source)


def _to_data(node, parts: tuple, source: Source):
    source.values += 1
    if source.values > MAX_VALUES:
        raise _TooManyValues(_mark(node))
    # Plain text comes here only as the value over the limit, refused just above: _text_or_data
    # takes every other, and a record itself is a group of fields.
    if node.tag not in _PLAIN_TAGS:
        source.problems.append(source.problem(
            parts, _("the YAML tag '{tag}' is not allowed; write the value as plain text, "
                     "without a tag starting with '!'",
                     tag=node.tag.replace('tag:yaml.org,2002:', '!!'))))
        return None

    if len(parts) > MAX_DEPTH and not isinstance(node, _SCALAR):
        message = _("the brackets or indentation nest deeper than any record needs (more than "
                    "{limit} levels); check that every '[' and '{{' is closed where it should be, "
                    "and indent only the fields of a group", limit=MAX_DEPTH)
        if not any(p.message == message for p in source.problems):
            source.problems.append(source.problem(parts, message))
        return None

    if isinstance(node, _MAPPING):
        result = {}
        key_nodes = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, _SCALAR) or key_node.tag != _STR:
                source.problems.append(Problem(
                    source.path, *_mark(key_node), field_name(parts),
                    _("'{key}' cannot be a field name; field names are words such as 'name' or "
                      "'founded', followed by a colon", key=key_node.value)
                    if isinstance(key_node, _SCALAR) else
                    _("this cannot be a field name; field names are words such as 'name' or "
                      "'founded', followed by a colon")))
                continue
            key = key_node.value
            if key in result:
                source.problems.append(Problem(
                    source.path, *_mark(key_node), field_name(parts + (key,)),
                    _("this field is given twice (first on line {line}); keep one of them",
                      line=key_nodes[key].start_mark.line + 1)))
                continue
            key_nodes[key] = key_node
            result[key] = _text_or_data(value_node, parts, key, source)
        return result

    if isinstance(node, _SEQUENCE):
        return [_text_or_data(item, parts, index, source) for index, item in enumerate(node.value)]

    # A scalar. Dates stay text ("2009-07-06"), so that checks and pages see what the editor wrote.
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value
    # YAML 1.1 reads NO, yes, on, off as true/false: the country code NO would become "false".
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in _TRUE_FALSE:
        return node.value
    return _CONSTRUCT[node.tag](node)
