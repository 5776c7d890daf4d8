"""A template's Markdown: read it, check it line by line, and mark its gaps.

A gap is the text the user replaces, written between double square brackets:
[[name of the network]]. The page shows it highlighted and the Word document has it as a
highlighted run, brackets included, so the user sees the same marker in both.

Templates are turned into Word documents, so they may use only what a document can hold:
headings, paragraphs, lists, tables, bold, italic, links and gaps. Anything else, and every gap or
bold that is not closed, is a problem with its file and line, like a wrong record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

from kb.messages import _, ngettext
from kb.records.problems import Problem, relative

FOLDER = "templates"          # docs/templates/
GAP = re.compile(r"\[\[([^\[\]]+)\]\]")
# A Markdown link or image target: [text](target) — the target up to a space or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)

# Line starts a Word document cannot hold, with what to write instead. (Functions: a message is
# made when it is needed, in the language it is printed in.)
UNSUPPORTED = [
    (re.compile(r"^\s*(```|~~~)"), lambda: _(
        "a code block cannot go into the Word document; write the text as an ordinary paragraph")),
    (re.compile(r"^\s*!!!"), lambda: _(
        "a note box (!!!) cannot go into the Word document; write the note as an ordinary "
        "paragraph, in italics if it is advice to the user")),
    (re.compile(r"^\s*>"), lambda: _(
        "a quotation (>) cannot go into the Word document; write it as an ordinary paragraph")),
    (re.compile(r"^\s*<"), lambda: _(
        "HTML cannot go into the Word document; use Markdown: # headings, - lists, | tables |, "
        "**bold**, *italics*")),
    (re.compile(r"!\["), lambda: _(
        "a picture cannot go into the Word document; describe it in words")),
]


@dataclass(frozen=True)
class TemplateSource:
    path: Path
    title: str
    body: str           # the Markdown after the front matter
    body_first_line: int


def read(path: Path) -> TemplateSource:
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    meta = {}
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
    body = text[match.end():] if match else text
    first_line = text[: match.end()].count("\n") + 1 if match else 1
    title = meta.get("title") if isinstance(meta, dict) else None
    if not title:
        heading = re.search(r"^# (.+)$", body, re.MULTILINE)
        title = heading.group(1).strip() if heading else path.stem
    return TemplateSource(path=path, title=str(title), body=body, body_first_line=first_line)


def mark_gaps(markdown: str) -> str:
    """Each [[gap]] as a highlighted span that keeps its brackets (on the page and in the DOCX)."""
    return GAP.sub(lambda m: f'<mark class="kb-gap">[[{m.group(1)}]]</mark>', markdown)


def template_names(docs_dir: Path) -> set[str]:
    """'membership-policy' for docs/templates/membership-policy.sq.md (any language)."""
    return {p.name.split(".", 1)[0] for p in (docs_dir / FOLDER).glob("*.md")}


def check_links(path: Path, docs_dir: Path, root: Path, names: set[str]) -> list[Problem]:
    """Every link from a page to a template names one that exists."""
    problems = []
    page_dir = PurePosixPath(path.relative_to(docs_dir).as_posix()).parent
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in LINK.finditer(line):
            target = urlsplit(match.group(1))
            if target.scheme or target.netloc or not target.path:
                continue
            resolved = _normalise(page_dir / target.path)
            if (resolved is None or resolved.parts[:1] != (FOLDER,) or len(resolved.parts) != 2
                    or resolved.suffix not in (".md", ".docx")):
                continue
            name = resolved.name.split(".", 1)[0]
            if name != "index" and name not in names:
                known = ", ".join(f"{n}.md" for n in sorted(names - {"index"}))
                problems.append(Problem(
                    relative(path, root), number, match.start(1) + 1, "",
                    _("the link '{link}' leads to a template that does not exist; the templates "
                      "are: {known}", link=match.group(1), known=known) if known else
                    _("the link '{link}' leads to a template that does not exist; there are no "
                      "templates yet", link=match.group(1))))
    return problems


def _normalise(path: PurePosixPath) -> PurePosixPath | None:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


def check_template(source: TemplateSource, root: Path) -> list[Problem]:
    """Everything in a template that would not come out the same on the page and in the document."""
    problems = []
    file = relative(source.path, root)

    def problem(line: int, column: int, message) -> None:
        problems.append(Problem(file, line, column, "", message))

    if not re.search(r"^# \S", source.body, re.MULTILINE):
        problem(source.body_first_line, 1,
                _("the template has no title: start it with a line '# Title of the document'"))
    table_columns = None
    for offset, line in enumerate(source.body.splitlines()):
        number = source.body_first_line + offset
        for pattern, message in UNSUPPORTED:
            found = pattern.search(line)
            if found:
                problem(number, found.start() + 1, message())
        # Gaps: every [[ closed by ]] on the same line, with words inside.
        rest = GAP.sub(lambda m: " " * len(m.group(0)), line)
        position = rest.find("[[")
        if position >= 0:
            problem(number, position + 1, _(
                "a gap opened with [[ is not closed: write ]] after the words to fill in, on the "
                "same line, e.g. [[name of the network]]"))
        position = rest.find("]]")
        if position >= 0:
            problem(number, position + 1, _(
                "a gap closed with ]] was not opened: write [[ before the words to fill in, e.g. "
                "[[name of the network]]"))
        if "[[]]" in line or re.search(r"\[\[\s+\]\]", line):
            problem(number, line.find("[[") + 1,
                    _("an empty gap: write inside the brackets what the user fills in"))
        outside_gaps = GAP.sub("", line)
        if outside_gaps.count("**") % 2:
            problem(number, outside_gaps.find("**") + 1,
                    _("bold text is not closed: write ** after the words in bold, e.g. "
                      "**Article 1**"))
        # Tables: every row has as many cells as the heading row.
        if line.lstrip().startswith("|"):
            cells = len(_table_cells(line))
            if table_columns is None:
                table_columns = cells
            elif cells != table_columns:
                problem(number, 1, ngettext(
                    "this table row has {count} cell but the table's first row has {columns}; "
                    "give every row the same number of | cells |",
                    "this table row has {count} cells but the table's first row has {columns}; "
                    "give every row the same number of | cells |", cells, columns=table_columns))
        else:
            table_columns = None
    return problems


def _table_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return re.split(r"(?<!\\)\|", inner)


def check_docs(docs_dir: Path, root: Path) -> list[Problem]:
    """Every template in docs/templates/, and every link to a template from any page."""
    names = template_names(docs_dir)
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        problems += check_links(path, docs_dir, root, names)
        if path.parent == docs_dir / FOLDER and not path.name.startswith("index."):
            problems += check_template(read(path), root)
    return sorted(problems)
