"""Whether files changed since they were last looked at, from their names, sizes and change times:
`mkdocs serve` reads the records again (kb/records/catalog.py) and imports the code again
(kb/hooks/serve_reload.py) only when they did."""

from __future__ import annotations

import os
from pathlib import Path

# Folders that hold nothing the site is made from: npm packages and Python's caches (and, below,
# hidden folders such as .git).
_SKIPPED = {"node_modules", "__pycache__"}


def fingerprint(*places: Path) -> tuple:
    """(path, size, change time) of every file in these folders, at any depth, and of these files,
    sorted: equal means nothing changed. A place missing, or a file removed while looking, counts
    as absent. (os.scandir: thousands of record files are looked at several times per build.)"""
    found = []
    pending = [os.fspath(place) for place in places]
    while pending:
        place = pending.pop()
        try:
            if not os.path.isdir(place):
                stat = os.stat(place)
                found.append((place, stat.st_size, stat.st_mtime_ns))
                continue
            with os.scandir(place) as entries:
                for entry in entries:
                    if entry.is_dir():
                        if entry.name not in _SKIPPED and not entry.name.startswith("."):
                            pending.append(entry.path)
                    elif entry.is_file():
                        stat = entry.stat()
                        found.append((entry.path, stat.st_size, stat.st_mtime_ns))
        except OSError:
            continue
    return tuple(sorted(found))
