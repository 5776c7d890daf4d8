"""Search in the reader's language: one search index per language, and pages that use their own.

Material's search plugin, run by the i18n plugin once per language, ends with one index holding the
pages of both languages, which every page loads. After the build this module splits it: the
Albanian pages' index stays at search/search_index.json, the English pages' goes to
en/search/search_index.json, and each English page is pointed at its own. Every page also gets the
search worker that compares words without diacritics (overrides/assets/javascripts/search-worker.js).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
WORKER = "assets/javascripts/search-worker.js"


def split_index(site_dir: Path, prefixes: dict[str, str],
                stop_word_languages: list[str] = ()) -> dict[str, int]:
    """Write one index per language from the combined one; returns the entries per language.

    Search drops lunr's stop words ("a", "in", "the") from the index of each language in
    stop_word_languages: lunr's list is English, and in another language those are other words."""
    combined_path = site_dir / "search" / "search_index.json"
    if not combined_path.exists():
        return {}
    combined = json.loads(combined_path.read_text(encoding="utf-8"))
    counts = {}
    translated = {code: prefix for code, prefix in prefixes.items() if prefix}
    for code, prefix in prefixes.items():
        if prefix:
            docs = [dict(d, location=d["location"][len(prefix):]) for d in combined["docs"]
                    if d["location"].startswith(prefix)]
        else:
            docs = [d for d in combined["docs"]
                    if not any(d["location"].startswith(p) for p in translated.values())]
        config = dict(combined["config"])
        # The trimmer takes punctuation off the ends of words.
        config["pipeline"] = ["trimmer", "stopWordFilter"] if code in stop_word_languages \
            else ["trimmer"]
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")
        counts[code] = len(docs)
    return counts


def point_page_at_its_index(html: str, prefix: str, site_root: str) -> str:
    """Rewrite Material's page configuration: `base` at the language's root (where its index is),
    and the search worker with diacritic folding. site_root is the page's path to the site root."""
    match = _CONFIG.search(html)
    if not match:
        return html
    text = _rewritten(match.group(2), prefix, site_root)
    return html[: match.start(2)] + text + html[match.end(2):]


# Pages at the same depth carry the same configuration: with thousands of record pages, each
# different one is rewritten once.
@functools.lru_cache(maxsize=256)
def _rewritten(original: str, prefix: str, site_root: str) -> str:
    config = json.loads(original)
    if prefix:
        # With the trailing slash, or the browser would resolve addresses beside it, not in it.
        config["base"] = f"{config['base'].rstrip('/')}/{prefix}"
    material_worker = config["search"]
    config["search"] = f"{site_root}{WORKER}?material={_absolute_hint(material_worker)}"
    return json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _absolute_hint(worker: str) -> str:
    """The worker resolves Material's worker against its own address (assets/javascripts/), so the
    page's relative path becomes one relative to that folder."""
    return worker.split("assets/javascripts/", 1)[-1]
