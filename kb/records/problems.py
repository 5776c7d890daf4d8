"""A problem found in an editor's file, and the ways it is printed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.messages import LANGUAGES, SOURCE_LANGUAGE, said_in


@dataclass(frozen=True, order=True)
class Problem:
    path: str          # relative to the repository root, with forward slashes
    line: int          # 1-based; 1 when the problem is about the whole file
    column: int        # 1-based
    field: str         # the field, as an editor writes it: "name.sq", "sources[2].url"; "" for the file
    message: str       # what is wrong and what to write instead (a kb.messages.Message)
    severity: str = "error"   # "error" stops the build; "warning" does not

    def __str__(self) -> str:
        return self.text(SOURCE_LANGUAGE)

    def text(self, language: str) -> str:
        """FILE:LINE:COL: error: FIELD: message, the message in `language`. The words "error" and
        "warning" stay English in every language: editors' tools (VS Code, Vim, Emacs) and CI logs
        find problems by them, as in the compilers' format this line follows."""
        field = f"{self.field}: " if self.field else ""
        return (f"{self.path}:{self.line}:{self.column}: {self.severity}: {field}"
                f"{said_in(self.message, language)}")

    def github_annotation(self) -> str:
        """GitHub Actions shows these on the changed lines of a pull request: the message in
        Albanian, then in English on a line of its own, as a pull request may be read by editors
        of either language."""
        kind = "error" if self.severity == "error" else "warning"
        field = f"{self.field}: " if self.field else ""
        said = dict.fromkeys(field + said_in(self.message, language) for language in LANGUAGES)
        text = "\n".join(said).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.column}::{text}"


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def field_name(parts) -> str:
    """('sources', 1, 'url') -> 'sources[2].url': lists counted from 1, as people count."""
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += ("." if name else "") + str(part)
    return name
