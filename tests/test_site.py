"""The built site as a reader and a search engine get it: both languages, switcher, metadata, links."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SITE_URL, resolve



def counterpart(path: str) -> str:
    return path[len("en/"):] if path.startswith("en/") else "en/" + path



def test_strict_build_has_no_warnings(site):
    # MkDocs' own log lines read "WARNING -  …"; the records' warnings are shown at INFO level.
    assert not re.search(r"^WARNING\s+-", site.log, re.M), site.log


def test_every_page_exists_in_both_languages(site):
    albanian = set(site.page_paths("sq"))
    english = {p[len("en/"):] for p in site.page_paths("en")}
    assert len(albanian) >= 10
    assert albanian == english


@pytest.mark.parametrize("language", ["sq", "en"])
def test_html_lang_is_the_page_language(site, language):
    for path in site.page_paths(language):
        assert site.page(path).html["lang"] == language, path


@pytest.mark.parametrize("language", ["sq", "en"])
def test_language_switcher_leads_to_the_same_page(site, language):
    other = "en" if language == "sq" else "sq"
    for path in site.page_paths(language):
        links = site.page(path).select(f"a.md-select__link[hreflang={other}]")
        assert len(links) == 1, path
        assert resolve(path, links[0]["href"]) == counterpart(path), path
        # The link to the page's own language stays on the page.
        own = site.page(path).select_one(f"a.md-select__link[hreflang={language}]")
        assert resolve(path, own["href"]) == path


@pytest.mark.parametrize("language", ["sq", "en"])
def test_hreflang_alternates_are_absolute_with_x_default(site, language):
    for path in site.page_paths(language):
        neutral = path[len("en/"):] if language == "en" else path
        alternates = {
            link["hreflang"]: link["href"]
            for link in site.page(path).select("head link[rel=alternate][hreflang]")
        }
        assert alternates == {
            "sq": SITE_URL + neutral,
            "en": SITE_URL + "en/" + neutral,
            "x-default": SITE_URL + neutral,
        }, path
        assert site.page(path).select_one("link[rel=canonical]")["href"] == SITE_URL + path


def test_sitemap_lists_every_page_with_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site.root / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", ns):
        links = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        entries[url.find("s:loc", ns).text] = links
    expected = {SITE_URL + p for lang in ("sq", "en") for p in site.page_paths(lang)}
    assert set(entries) == expected
    for loc, links in entries.items():
        neutral = loc[len(SITE_URL):]
        neutral = neutral[len("en/"):] if neutral.startswith("en/") else neutral
        assert links == {"sq": SITE_URL + neutral, "en": SITE_URL + "en/" + neutral,
                         "x-default": SITE_URL + neutral}


@pytest.mark.parametrize("language", ["sq", "en"])
def test_every_page_has_a_title_and_a_description_in_its_language(site, language):
    site_name = {"sq": "Menaxhimi i rrjeteve të OSHC-ve", "en": "Managing CSO networks"}[language]
    descriptions = set()
    for path in site.page_paths(language):
        page = site.page(path)
        assert page.title.string.strip().endswith(site_name), path
        description = page.select_one("meta[name=description]")["content"].strip()
        assert len(description) >= 50, path
        descriptions.add(description)
    # Pages describe themselves, not only the site as a whole.
    assert len(descriptions) >= len(site.page_paths(language)) - 2


def test_no_internal_link_is_broken(site):
    checked = 0
    for language in ("sq", "en"):
        for path in site.page_paths(language):
            for a in site.page(path).select("a[href]"):
                target = resolve(path, a["href"])
                if not target and not a["href"].startswith("#"):
                    continue  # leaves the site
                target_path, _, fragment = target.partition("#")
                file = site.path_of(target_path)
                assert file.exists(), f"{path}: broken link {a['href']}"
                if fragment and file.suffix == ".html":
                    anchor = site.page(target_path).find(id=fragment)
                    assert anchor is not None, f"{path}: missing anchor {a['href']}"
                checked += 1
    assert checked > 100


def test_every_page_names_a_small_icon_that_exists(site):
    icons = set()
    for language in ("sq", "en"):
        for path in [*site.page_paths(language), "404.html"]:
            links = site.page(path).select('link[rel="icon"]')
            assert len(links) == 1, path
            icons.add(site.path_of(resolve(path, links[0]["href"])))
    assert len(icons) == 1
    icon = icons.pop()
    assert icon.suffix == ".svg" and icon.stat().st_size < 1024  # a first visit downloads it


MATERIAL_SQ = Path(__import__("material").__file__).parent / "templates/partials/languages/sq.html"
OUR_SQ = ROOT / "overrides/partials/languages/sq.html"


def string_keys(template: Path) -> set[str]:
    return set(re.findall(r'^\s*"([a-z.]+)":', template.read_text(encoding="utf-8"), re.M))


def test_albanian_strings_cover_every_key_material_has():
    assert string_keys(MATERIAL_SQ) <= string_keys(OUR_SQ)


def interface_texts(page) -> list[str]:
    """What the interface says to a reader: visible text, labels, and the strings the scripts show."""
    texts = [page.body.get_text(" ")]
    for element in page.select("[aria-label], [title], [placeholder]"):
        texts += [element.get(a, "") for a in ("aria-label", "title", "placeholder")]
    config = json.loads(page.select_one("script#__config").string)
    texts += config["translations"].values()
    return texts


def test_albanian_interface_reads_albanian(site):
    for path in site.page_paths("sq"):
        texts = " | ".join(interface_texts(site.page(path)))
        for wrong in ("Vendmbajtës", "clipboard", "Draft", "Skip to content", "Back to top",
                      "Search", "Copy", "Previous", "Next"):
            assert wrong not in texts, f"{path}: {wrong}"
    home = site.page("")
    assert home.select_one("input.md-search__input")["placeholder"] == "Kërkoni"
    assert home.select_one("a.md-skip").get_text(strip=True) == "Kaloni te përmbajtja"


def test_english_interface_reads_english(site):
    home = site.page("en/")
    assert home.select_one("input.md-search__input")["placeholder"] == "Search"


@pytest.mark.parametrize("language", ["sq", "en"])
def test_each_language_searches_every_one_of_its_own_pages(site, language):
    prefix = "" if language == "sq" else "en/"
    index = json.loads((site.root / prefix / "search" / "search_index.json").read_text("utf-8"))
    # Locations are relative to the language's root: guide/membership/, not en/guide/membership/.
    indexed = {doc["location"].split("#")[0] for doc in index["docs"]}
    pages = {path[len(prefix):] for path in site.page_paths(language)}
    assert indexed == pages
    titles = " ".join(doc["title"] for doc in index["docs"])
    other_home = {"sq": "Managing CSO networks", "en": "Menaxhimi i rrjeteve të OSHC-ve"}[language]
    assert other_home not in titles


def test_the_words_of_generated_pages_are_each_written_once_per_language():
    """strings.yml: a key written twice in a language would silently hide the first one."""
    path = ROOT / "kb" / "records" / "templates" / "strings.yml"
    root = yaml.compose(path.read_text(encoding="utf-8"))
    keys = {}
    for language_node, block in root.value:
        names = [key.value for key, _ in block.value]
        assert len(names) == len(set(names)), (language_node.value, sorted(
            n for n in set(names) if names.count(n) > 1))
        keys[language_node.value] = set(names)
    first, *others = keys.values()
    for other in others:  # every language has every word (its own locale aside)
        assert first ^ other <= {"locale"}, first ^ other


def test_this_projects_styles_and_scripts_reach_readers_without_comments(site):
    """kb/hooks/compact_assets.py: what a phone downloads holds the rules, not the explanations."""
    own = ROOT / "overrides" / "assets"
    rules = (own / "stylesheets" / "kb.css").read_text(encoding="utf-8").count("{")
    for path in ("", "en/networks/"):
        styles = [s.string for s in site.page(path).head.find_all("style")]
        assert len(styles) == 1 and "/*" not in styles[0], path
        assert styles[0].count("{") == rules, path  # every rule is still there
    assert not site.path_of("assets/stylesheets/kb.css").exists()  # written into the pages instead
    for script in (own / "javascripts").glob("*.js"):
        served = site.path_of(f"assets/javascripts/{script.name}").read_text(encoding="utf-8")
        assert "/*" not in served and not re.search(r"^\s*//", served, re.M), script.name
        assert len(served) < 0.8 * len(script.read_text(encoding="utf-8")), script.name
