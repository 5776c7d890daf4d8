"""The site's languages and the address of each page in each of them.

The languages are those of the i18n plugin in mkdocs.yml, and nowhere else: the default one lives at
the site root, each other one under /<link>/. Every page exists in every language at the same path,
so a page's counterpart is found from its address alone: no lookup in the i18n plugin's internal
state is needed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV are read as empty values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Languages:
    default: str
    # language code -> path prefix inside the site: "" for the default language, "en/" for English
    prefixes: dict[str, str]

    @classmethod
    def from_mkdocs_config(cls, config) -> "Languages":
        """From the configuration MkDocs has loaded (in a hook)."""
        return cls._from_entries(tuple(
            (language.locale, language.link, language.default, language.build)
            for language in config.plugins["i18n"].config.languages))

    @classmethod
    def from_mkdocs_yml(cls, path: Path) -> "Languages":
        """From mkdocs.yml itself, for the editors' command, which runs without MkDocs."""
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
        i18n = next(plugin["i18n"] for plugin in config["plugins"]
                    if isinstance(plugin, dict) and "i18n" in plugin)
        # The same defaults as the i18n plugin: link /<locale>/, built unless build: false.
        return cls._from_entries(tuple(
            (entry["locale"], entry.get("link") or ("/" if entry.get("default") else
                                                    f"/{entry['locale']}/"),
             entry.get("default", False), entry.get("build", True))
            for entry in i18n["languages"]))

    @classmethod
    @functools.lru_cache(maxsize=8)  # hooks ask for every page: the same few entries each time
    def _from_entries(cls, entries: tuple) -> "Languages":
        prefixes = {}
        default = None
        for locale, link, is_default, build in entries:
            if not build:
                continue
            prefixes[locale] = link.strip("/") + "/" if link != "/" else ""
            if is_default:
                default = locale
        return cls(default=default, prefixes=prefixes)

    @property
    def codes(self) -> list[str]:
        """Every language built, the default first."""
        return [self.default] + [code for code in self.prefixes if code != self.default]

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
