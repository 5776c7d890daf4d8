"""What git knows about the files in docs/: when each was last changed, and which commit added it.

Read in one `git log` over the folder, so that a build with hundreds of pages asks git once.
Without git, or outside a repository, every answer is empty: pages then simply show no date.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from kb.messages import _


@dataclass
class History:
    # path relative to the repository root -> Unix time of the newest commit that changed it
    last_changed: dict = field(default_factory=dict)
    # path -> (Unix time, whether the commit added the file, whether its message says that
    # translations need no change) for every commit that changed it, newest first
    changes: dict = field(default_factory=dict)
    shallow: bool = False


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


# A commit whose message holds this changed a page in a way its translation need not follow
# (a typo, markup): it does not make the translation out of date.
NO_TRANSLATION_NEEDED = "[no translation needed]"


def read_history(root: Path, folder: str = "docs") -> History:
    history = History()
    # One line "@<commit> <time>" per commit, then "<status>\t<path>" for each file it changed.
    log = _git(root, "log", "--format=@%H %ct", "--name-status", "--no-renames", "--", folder)
    if log is None:
        return history
    history.shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    exempt = set((_git(root, "log", "--format=%H", "--fixed-strings",
                       f"--grep={NO_TRANSLATION_NEEDED}", "--", folder) or "").split())
    when = commit = None
    for line in log.splitlines():
        if line.startswith("@"):
            commit, when = line[1:].split()
            when = int(when)
        elif "\t" in line and when is not None:
            status, path = line.split("\t", 1)
            history.last_changed.setdefault(path, when)
            history.changes.setdefault(path, []).append(
                (when, status.startswith("A"), commit in exempt))
    return history


# A shallow clone (git clone --depth 1, or actions/checkout without fetch-depth: 0) knows only the
# newest commits: every page would seem changed on the same day, and no translation out of date.
SHALLOW_CLONE_ERROR = _(
    "The site was not built: this clone has only the newest part of the git history (a shallow "
    "clone), so every page would show the same 'last changed' date and no translation would be "
    "marked as out of date. Fetch the whole history: in a GitHub workflow, give actions/checkout "
    "'fetch-depth: 0'; elsewhere, run: git fetch --unshallow")
# Printed after "warning: ", which stays in English (see Problem.text).
SHALLOW_CLONE_WARNING = _(
    "this clone has only the newest part of the git history (a shallow clone), so every "
    "page shows the same 'last changed' date and no translation is marked as out of date; to see "
    "them right, run: git fetch --unshallow")


def in_ci(environ=os.environ) -> bool:
    """Whether this runs in continuous integration (GitHub Actions and most others set CI)."""
    return any(environ.get(name, "").strip().lower() not in ("", "0", "false")
               for name in ("CI", "GITHUB_ACTIONS"))
