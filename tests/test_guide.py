"""The guidance: its chapters exist in both languages, with substance, sources and real Albanian."""

from __future__ import annotations

import re

import pytest

CHAPTERS = [
    "what-is-a-network", "networks-and-partnerships", "why-network", "purpose-and-form",
    "membership", "governance", "coordination-and-communication",
    "accountability-and-transparency", "sustainability-and-funding", "joint-advocacy",
    "monitoring-and-learning",
]
PREFIX = {"sq": "", "en": "en/"}


def article_text(page) -> str:
    article = page.select_one("article.md-content__inner")
    for permalink in article.select("a.headerlink"):
        permalink.decompose()
    return article.get_text(" ", strip=True)


@pytest.mark.parametrize("language", ["sq", "en"])
def test_guide_index_links_every_chapter(site, language):
    index = site.page(PREFIX[language] + "guide/")
    linked = {a["href"].strip("/").split("/")[-1] for a in index.select("article a[href]")}
    assert set(CHAPTERS) <= linked


@pytest.mark.parametrize("language", ["sq", "en"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_has_substance_and_names_its_sources(site, language, chapter):
    page = site.page(f"{PREFIX[language]}guide/{chapter}/")
    text = article_text(page)
    assert len(text.split()) >= 400
    sources_heading = {"sq": "Burimet", "en": "Sources"}[language]
    assert any(h.get_text(strip=True) == sources_heading for h in page.select("article h2"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_albanian_chapters_use_albanian_letters(site, chapter):
    page = site.page(f"guide/{chapter}/")
    text = article_text(page)
    assert "ë" in text and "ç" in text.lower()
    # Letters a keyboard without ë lost: "eshte", "nje", "shoqerise" instead of the real words.
    assert not re.search(r"\b(eshte|nje|shoqerise|per|cdo|keshtu)\b", text.lower())


def test_networks_and_partnerships_are_compared_in_a_table(site):
    for language in ("sq", "en"):
        page = site.page(f"{PREFIX[language]}guide/networks-and-partnerships/")
        table = page.select_one("article table")
        assert table is not None
        assert len(table.select("tbody tr")) >= 4


def test_no_placeholder_text_anywhere(site):
    for language in ("sq", "en"):
        for path in site.page_paths(language):
            text = site.page(path).get_text(" ")
            for marker in ("TODO", "Lorem ipsum", "FIXME", "TBD", "Provë."):
                assert marker not in text, f"{path}: {marker}"
