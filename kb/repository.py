"""Where the site's source lives on GitHub, for "edit this page" and "edit this record" links."""

from __future__ import annotations

import os
import re
import subprocess

_GITHUB_REMOTE = re.compile(r"github\.com[:/](?P<repo>[^/]+/[^/]+?)(?:\.git)?/?$")


def github_repository_url() -> str | None:
    """The repository's https address, or None when it cannot be known.

    In GitHub Actions GITHUB_REPOSITORY names it; in a clone, the `origin` remote does.
    """
    repository = os.environ.get("GITHUB_REPOSITORY")
    if not repository:
        try:
            remote = subprocess.run(
                ["git", "remote", "get-url", "origin"],
                capture_output=True, text=True, check=False, timeout=10,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
        match = _GITHUB_REMOTE.search(remote)
        repository = match.group("repo") if match else None
    return f"https://github.com/{repository}" if repository else None


def source_edit_url(config, path: str) -> str | None:
    """The GitHub edit address of a file in the repository (edit_uri names the docs/ folder)."""
    if not config.repo_url or not config.edit_uri:
        return None
    branch_part = config.edit_uri.strip("/").rsplit("/", 1)[0]  # "edit/main/docs" -> "edit/main"
    return f"{config.repo_url.rstrip('/')}/{branch_part}/{path}"
