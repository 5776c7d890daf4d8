"""The "edit this page" links: to the repository named by REPO_URL or GITHUB_REPOSITORY, or none."""

from __future__ import annotations

from kb.repository import github_repository_url


def on_config(config):
    if not config.repo_url:
        config.repo_url = github_repository_url()
    if not config.repo_url:
        # Without a repository there is nothing to edit: no "edit this page" links.
        config.edit_uri = None
    return config
