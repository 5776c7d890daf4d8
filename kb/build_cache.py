"""What takes long to make, kept in .cache/ (never committed) and reused while nothing it is made
from has changed: the guide's PDF (kb/hooks/handbook_pdf.py), the templates' Word documents
(kb/hooks/template_documents.py) and the records' compiled schemas (kb/records/schema_check.py).

Each is found by a key made of everything that decides its bytes: its input, the versions of the
libraries that make it, and for what this project's own code makes, that code. Only the last one
of each name is kept, so the folder does not grow from build to build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path


KEY_LENGTH = 20


def key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # so that ("ab", "c") differs from ("a", "bc")
        digest.update(data)
    return digest.hexdigest()[:KEY_LENGTH]


def versions(*distributions: str) -> str:
    """'weasyprint 66.0' …; raises importlib.metadata.PackageNotFoundError if one is missing."""
    import importlib.metadata  # here: the check, which uses this module too, needs none of it
    return "\n".join(f"{name} {importlib.metadata.version(name)}" for name in distributions)


def source_code(*files: str | Path) -> bytes:
    """The code of these modules (their __file__), so that changing it makes documents anew."""
    return b"\n".join(Path(file).read_bytes() for file in files)


class DocumentCache:
    """A folder of documents of one kind: <name>-<key><suffix>, such as handbook-sq-<key>.pdf."""

    def __init__(self, folder: Path, suffix: str):
        self.folder, self.suffix = folder, suffix

    def _path(self, name: str, document_key: str) -> Path:
        return self.folder / f"{name}-{document_key}{self.suffix}"

    def _is_one_of(self, path: Path, name: str) -> bool:
        # Exactly <name>-<key><suffix>: "form" must not take "form-annex-<key>" for its own.
        return (path.name.startswith(f"{name}-") and path.name.endswith(self.suffix)
                and len(path.name) == len(name) + 1 + KEY_LENGTH + len(self.suffix))

    def get(self, name: str, document_key: str) -> bytes | None:
        try:
            return self._path(name, document_key).read_bytes()
        except OSError:
            return None

    def put(self, name: str, document_key: str, content: bytes) -> None:
        """Keep content as the one document of this name. A folder that cannot be written only
        means that the next build makes the document again."""
        partial = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.iterdir():
                if self._is_one_of(old, name):
                    old.unlink(missing_ok=True)
            # Written under another name, then renamed: a build or a check running at the same
            # time never reads half a file.
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", delete=False) as file:
                partial = file.name
                file.write(content)
            os.replace(partial, self._path(name, document_key))
        except OSError:
            if partial is not None:
                with contextlib.suppress(OSError):
                    os.unlink(partial)
