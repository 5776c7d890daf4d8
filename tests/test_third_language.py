"""A third language added to mkdocs.yml alone (Macedonian, with only its home page written) gives a
whole site in three languages: the languages come from the i18n configuration and nowhere else."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import SITE_URL, copy_project, run_mkdocs_build

MACEDONIAN = """        - locale: mk
          name: Македонски
          build: true
          site_name: Управување со мрежи на граѓански организации
"""
HOME_MK = "# Управување со мрежи на граѓански организации\n\nДобредојдовте.\n"


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("three-languages"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "          # Section titles in the navigation below are Albanian"
    assert anchor in text
    # The new language goes after English, at the end of the languages list.
    end = text.index("\n\n", text.index(anchor))
    config.write_text(text[:end + 1] + MACEDONIAN + text[end + 1:], encoding="utf-8")
    (project / "docs" / "index.mk.md").write_text(HOME_MK, encoding="utf-8")
    site = tmp_path_factory.mktemp("three-languages-site")
    result = run_mkdocs_build(site, cwd=project)
    assert result.returncode == 0, result.stderr
    return site


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def albanian_pages(site) -> list[str]:
    found = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel + "/"
        if not rel.startswith(("en/", "mk/", "assets/", "search/")):
            found.append(rel)
    return found


def test_every_page_exists_in_the_third_language(three_languages):
    paths = albanian_pages(three_languages)
    assert "networks/bcsdn/" in paths and "guide/membership/" in paths
    for path in paths:
        assert (three_languages / "mk" / path / "index.html").exists(), path
    home = page(three_languages, "mk/")
    assert home.html["lang"] == "mk"
    assert "Добредојдовте." in home.get_text()


def test_an_untranslated_page_says_so_in_the_third_language(three_languages):
    chapter = page(three_languages, "mk/guide/membership/")
    notice = chapter.select_one(".kb-translation-notice")
    assert notice is not None
    assert "maqedonisht" in notice.get_text()  # the original's interface, naming Macedonian
    assert chapter.select_one("article div[lang=sq]") is not None  # the text is marked Albanian
    assert page(three_languages, "mk/").select_one(".kb-translation-notice") is None


@pytest.mark.parametrize("path", ["", "guide/membership/", "networks/bcsdn/", "reports/"])
def test_switcher_and_hreflang_list_three_languages(three_languages, path):
    for prefix in ("", "en/", "mk/"):
        html = page(three_languages, prefix + path)
        switcher = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
        assert set(switcher) == {"sq", "en", "mk"}, switcher
        alternates = {link["hreflang"]: link["href"]
                      for link in html.select("head link[rel=alternate][hreflang]")}
        assert alternates == {"sq": SITE_URL + path, "en": SITE_URL + "en/" + path,
                              "mk": SITE_URL + "mk/" + path, "x-default": SITE_URL + path}


def test_the_sitemap_gives_every_page_three_alternates(three_languages):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(three_languages / "sitemap.xml").getroot().findall("s:url", ns)
    locations = {u.find("s:loc", ns).text for u in urls}
    assert SITE_URL + "mk/networks/bcsdn/" in locations
    for url in urls:
        assert {l.get("hreflang") for l in url.findall("x:link", ns)} == {"sq", "en", "mk",
                                                                          "x-default"}


def test_each_language_has_its_own_search_index(three_languages):
    for prefix in ("", "en/", "mk/"):
        index = json.loads((three_languages / prefix / "search" / "search_index.json").read_text(
            encoding="utf-8"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert "" in locations and "guide/membership/" in locations, prefix
        assert not any(l.startswith(("en/", "mk/")) for l in locations), prefix
    mk_index = json.loads((three_languages / "mk" / "search" / "search_index.json").read_text(
        encoding="utf-8"))
    assert any("Добредојдовте" in doc["text"] for doc in mk_index["docs"])


def test_record_pages_and_exports_fall_back_to_the_original_text(three_languages):
    record = page(three_languages, "mk/networks/bcsdn/")
    assert "Rrjeti Ballkanik për Zhvillimin e Shoqërisë Civile" in record.select_one("h1").get_text()
    raw = (three_languages / "networks" / "networks.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["bcsdn"]["name_mk"] == rows["bcsdn"]["name_sq"]
    assert "country_names_mk" in rows["bcsdn"]
    data = json.loads((three_languages / "networks" / "networks.json").read_text(encoding="utf-8"))
    assert set(data["countries"]["MK"]) == {"sq", "en", "mk"}
