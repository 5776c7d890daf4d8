"""The site's languages and the address of each page in each of them.

Albanian (the default) lives at the site root and English under /en/. Every page exists in every
language at the same path, so a page's counterpart is found from its address alone: no lookup in the
i18n plugin's internal state is needed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Languages:
    default: str
    # language code -> path prefix inside the site: "" for the default language, "en/" for English
    prefixes: dict[str, str]

    @classmethod
    def from_mkdocs_config(cls, config) -> "Languages":
        i18n = config.plugins["i18n"].config
        prefixes = {}
        default = None
        for language in i18n.languages:
            if not language.build:
                continue
            prefixes[language.locale] = language.link.strip("/") + "/" if language.link != "/" else ""
            if language.default:
                default = language.locale
        return cls(default=default, prefixes=prefixes)

    def current(self, config) -> str:
        """The language being built: the i18n plugin sets the theme's language for each build."""
        return config.theme["language"]

    def neutral_path(self, url: str) -> str:
        """A page's path with its language prefix removed: 'en/guide/x/' -> 'guide/x/'."""
        for prefix in self.prefixes.values():
            if prefix and (url == prefix or url.startswith(prefix)):
                return url[len(prefix):]
        return url

    def paths_for(self, neutral: str) -> dict[str, str]:
        return {code: prefix + neutral for code, prefix in self.prefixes.items()}

    def urls_for(self, neutral: str, site_url: str | None) -> dict[str, str]:
        base = (site_url or "/").rstrip("/") + "/"
        return {code: base + path for code, path in self.paths_for(neutral).items()}
