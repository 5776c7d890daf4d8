"""The sidebars of a page outside the navigation (each network's page), rendered once per folder.

Material writes the navigation and the table of contents beside every page. For a page that is
outside the navigation and has no table of contents, nothing in them depends on the page but its
folder (their links are relative to it): no item of the navigation is active. So the first such
page of a folder renders them, and the others of that folder in the same build reuse them
(overrides/main.html, block site_nav). With a thousand records, rendering the same sidebars again
for every record took a third of the time spent on the record pages.
"""

from __future__ import annotations

import posixpath

# The sidebars by folder, for the navigation of one build (each language has its own).
_rendered: dict = {"nav": None, "by_folder": {}}


class Sidebars:
    """The template's handle on one folder's sidebars: kept the first time, then reused."""

    def __init__(self, by_folder: dict, folder: str):
        self._by_folder, self._folder = by_folder, folder

    def get(self):
        return self._by_folder.get(self._folder)

    def keep(self, html):
        self._by_folder[self._folder] = html
        return html


def on_page_context(context, page, config, nav):
    if _rendered["nav"] is not nav:
        _rendered.update(nav=nav, by_folder={})
    if page in nav.pages or len(page.toc) or (page.meta or {}).get("hide"):
        return context
    folder = posixpath.dirname(page.url.rstrip("/"))
    context["shared_sidebars"] = Sidebars(_rendered["by_folder"], folder)
    return context
