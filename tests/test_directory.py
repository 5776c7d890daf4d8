"""The network directory as readers get it: /networks/, one page per record, and the data files.

What each page must show is worked out here from the YAML files in data/networks/ (read as plain
text, independently of the site's own code), so a record added later is covered too.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import (REPO_URL, ROOT, SITE_URL, BuiltSite, copy_project, resolve,
                      run_mkdocs_build)

PREFIX = {"sq": "", "en": "en/"}
LANGUAGES = ("sq", "en")


# --- what the records say, read straight from the files ----------------------------------------

def read_yaml(path: Path):
    # BaseLoader keeps every value as the text the editor wrote: 2003-12 stays "2003-12", NO stays "NO".
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def load_records() -> list[dict]:
    records = []
    for path in sorted((ROOT / "data" / "networks").glob("*.yml")):
        records.append({"id": path.stem, **read_yaml(path)})
    assert records
    return records


RECORDS = load_records()
IDS = [r["id"] for r in RECORDS]
BY_ID = {r["id"]: r for r in RECORDS}
THEMES = read_yaml(ROOT / "data" / "themes.yml")
COUNTRY_NAMES = read_yaml(ROOT / "data" / "countries.yml")

# The words around the data, as readers see them.
LABELS = {
    "albanian_name": {"sq": "Emri në shqip", "en": "Albanian name"},
    "acronym": {"sq": "Akronimi", "en": "Acronym"},
    "founded": {"sq": "Themeluar", "en": "Founded"},
    "structure": {"sq": "Struktura", "en": "Structure"},
    "status": {"sq": "Gjendja", "en": "Status"},
    "last_active": {"sq": "Veprimtaria e fundit e njohur", "en": "Last known activity"},
    "secretariat": {"sq": "Sekretariati", "en": "Secretariat"},
    "countries": {"sq": "Vendet", "en": "Countries"},
    "wider_region": {"sq": "Vepron edhe përtej Ballkanit Perëndimor",
                     "en": "Also works beyond the Western Balkans"},
    "members": {"sq": "Anëtarët", "en": "Members"},
    "themes": {"sq": "Temat", "en": "Themes"},
    "website": {"sq": "Faqja e internetit", "en": "Website"},
    "email": {"sq": "E-mail", "en": "E-mail"},
}
# Named on every page, whether the record has a value or not (the page then says it is not known).
ALWAYS_NAMED = ("last_active",)
STRUCTURE = {"formal": {"sq": "Formale", "en": "Formal"},
             "informal": {"sq": "Joformale", "en": "Informal"}}
STATUS = {"active": {"sq": "Aktiv", "en": "Active"},
          "inactive": {"sq": "Joaktiv", "en": "Inactive"},
          "unknown": {"sq": "Nuk dihet", "en": "Not known"}}
NO_DATED_ACTIVITY = {"sq": "Burimet tona nuk tregojnë asnjë veprimtari me datë.",
                     "en": "Our sources show no dated activity."}
ALBANIAN_NAME = {"own": {"sq": "emri që përdor vetë rrjeti", "en": "the network's own name"},
                 "translated": {"sq": "përkthimi ynë", "en": "our translation"}}
NOTES_HEADING = {"sq": "Shënime", "en": "Notes"}
MEMBERS = {"sq": "{count} organizata anëtare ({as_of})", "en": "{count} member organisations ({as_of})"}
MEMBERS_ONE = {"sq": "1 organizatë anëtare ({as_of})", "en": "1 member organisation ({as_of})"}
MEMBERS_WITH_INDIVIDUALS = {"sq": "{count} anëtarë, përfshirë individë ({as_of})",
                            "en": "{count} members, including individuals ({as_of})"}
LAST_VERIFIED = {"sq": "Verifikuar së fundi më {date}.", "en": "Last verified on {date}."}
EDIT_RECORD = {"sq": "Përmirësoni të dhënat e këtij rrjeti", "en": "Edit this record"}
FOUNDED_IN_LIST = {"sq": "Themeluar", "en": "Founded"}
STATUS_IN_LIST = {"sq": "Gjendja: {status}", "en": "Status: {status}"}
LAST_ACTIVE_IN_LIST = {"sq": "veprimtaria e fundit e njohur: {year}",
                       "en": "last known activity: {year}"}
MONTHS = {
    "sq": ["janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator",
           "tetor", "nëntor", "dhjetor"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def shown_date(value: str, language: str) -> str:
    """'2003' -> '2003'; '2003-12' -> 'dhjetor 2003'; '2008-10-28' -> '28 October 2008'."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = MONTHS[language][int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def country(code: str, language: str) -> str:
    """The country's name as data/countries.yml gives it in that language."""
    return COUNTRY_NAMES[code][language]


def count(number: str, language: str) -> str:
    """'2050' as the page writes it: '2 050' in Albanian, '2,050' in English (one_line() turns the
    no-break space into a plain one)."""
    digits = f"{int(number):,}"
    return digits.replace(",", " ") if language == "sq" else digits


def theme(key: str, language: str) -> str:
    return THEMES[key][language]


def one_line(text: str) -> str:
    return " ".join(text.split())



def article(page):
    return page.select_one("article")


def text_of(element) -> str:
    return one_line(element.get_text(" "))


def facts(page) -> dict[str, object]:
    """The record's <dl>: label -> <dd>."""
    lists = article(page).select("dl")
    assert len(lists) == 1
    return {one_line(dt.get_text()): dt.find_next_sibling("dd") for dt in lists[0].select("dt")}


def directory_path(language: str) -> str:
    return PREFIX[language] + "networks/"


def record_path(record_id: str, language: str) -> str:
    return PREFIX[language] + f"networks/{record_id}/"


# --- /networks/ ----------------------------------------------------------------------------------

def list_entries(site, language) -> dict[str, object]:
    """record id -> the list item that links to its page."""
    path = directory_path(language)
    entries = {}
    for a in article(site.page(path)).select("li a[href]"):
        target = resolve(path, a["href"])
        match = re.fullmatch(re.escape(PREFIX[language]) + r"networks/([a-z0-9-]+)/", target)
        if match:
            assert match.group(1) not in entries, f"{match.group(1)} is listed twice"
            entries[match.group(1)] = a
    return entries


def folded(text: str) -> str:
    """Lower case without diacritics, so that Ç sorts among the C's."""
    decomposed = unicodedata.normalize("NFD", one_line(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_lists_every_record(site, language):
    entries = list_entries(site, language)
    assert sorted(entries) == IDS
    for record_id, link in entries.items():
        record = BY_ID[record_id]
        assert text_of(link) == one_line(record["name"][language])
        item = text_of(link.find_parent("li"))
        if "acronym" in record:
            assert record["acronym"] in item, record_id
        for code in record["countries"]:
            assert country(code, language) in item, (record_id, code)
        for key in record["themes"]:
            assert theme(key, language) in item, (record_id, key)
        assert f"{FOUNDED_IN_LIST[language]} {record['founded'][:4]}" in item, record_id
        assert STATUS_IN_LIST[language].format(status=STATUS[record["status"]][language]) in item
        if "last_active" in record:
            assert LAST_ACTIVE_IN_LIST[language].format(year=record["last_active"]) in item
        if "wider_region" in record:
            assert one_line(record["wider_region"][language]) in item, record_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_without_script_lists_every_record_in_the_order_of_names(site, language):
    # What a reader without JavaScript gets: every entry, none hidden, in alphabetical order of the
    # names in the page's language (diacritics aside).
    items = article(site.page(directory_path(language))).select("ul.kb-network-list > li")
    assert len(items) == len(IDS)
    assert not [li for li in items if li.has_attr("hidden")]
    names = [text_of(li.select_one("a")) for li in items]
    expected = sorted((one_line(r["name"][language]) for r in RECORDS), key=folded)
    assert names == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_entries_read_as_separate_words(site, language):
    # The text as search results and reading modes show it, without the page's styles: the name or
    # acronym must not run into the founding year ("BCSDNfounded 2003").
    for record_id, link in list_entries(site, language).items():
        item = link.find_parent("li").get_text()
        year = BY_ID[record_id]["founded"][:4]
        assert re.search(rf"(?<!\S){FOUNDED_IN_LIST[language]} {year}", item), (record_id, item)


def test_country_names_are_in_the_page_language(site):
    assert {"AL", "XK"} <= set(BY_ID["bcsdn"]["countries"])
    albanian = text_of(list_entries(site, "sq")["bcsdn"].find_parent("li"))
    english = text_of(list_entries(site, "en")["bcsdn"].find_parent("li"))
    for name in ("Shqipëria", "Kosova"):
        assert name in albanian and name not in english
    for name in ("Albania", "Kosovo"):
        assert name in english and name not in albanian


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_form_is_hidden_until_the_script_runs(site, language):
    path = directory_path(language)
    page = site.page(path)
    forms = article(page).select("form")
    assert len(forms) == 1
    form = forms[0]
    assert form.has_attr("hidden")
    controls = form.select("input, select")
    assert len(controls) >= 3
    for control in controls:
        assert control.get("id"), control
        labels = page.select(f'label[for="{control["id"]}"]')
        assert len(labels) == 1 and text_of(labels[0]), control["id"]
    # The script that reveals the form is loaded from the site itself.
    scripts = [resolve(path, s["src"]) for s in page.select("script[src]")]
    assert any(s.endswith("directory.js") and site.path_of(s).exists() for s in scripts), scripts


def filter_options(site, language, name: str) -> list[tuple[str, str]]:
    form = article(site.page(directory_path(language))).select_one("form")
    select = form.select_one(f'select[name="{name}"]')
    return [(o["value"], text_of(o)) for o in select.select("option")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_options_are_what_records_have_with_their_counts(site, language):
    per_country = Counter(c for r in RECORDS for c in r["countries"])
    per_theme = Counter(t for r in RECORDS for t in r["themes"])
    per_status = Counter(r["status"] for r in RECORDS)
    options = {name: dict(filter_options(site, language, name)[1:])
               for name in ("country", "theme", "status")}
    assert options["country"] == {c: f"{country(c, language)} ({n})" for c, n in per_country.items()}
    assert options["theme"] == {t: f"{theme(t, language)} ({n})" for t, n in per_theme.items()}
    assert options["status"] == {s: f"{STATUS[s][language]} ({n})" for s, n in per_status.items()}
    # The first option of each filter is "all"; countries and themes follow in alphabetical order.
    for name in ("country", "theme"):
        labels = [label for _, label in filter_options(site, language, name)[1:]]
        assert labels == sorted(labels, key=folded), name
        assert filter_options(site, language, name)[0][0] == ""
    assert [key for key, _ in filter_options(site, language, "status")] == [""] + [
        s for s in STATUS if s in per_status]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sort_options_start_with_the_order_the_page_is_in(site, language):
    # The page is in the order of names; that option has no value, so the address stays clean.
    assert [key for key, _ in filter_options(site, language, "sort")] == ["", "founded", "members"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_entries_carry_what_the_script_filters_and_sorts_by(site, language):
    for record_id, link in list_entries(site, language).items():
        record, item = BY_ID[record_id], link.find_parent("li")
        assert item["data-status"] == record["status"]
        assert item["data-founded"] == record["founded"]
        assert item["data-members"] == record.get("members", {}).get("count", "")
        assert item["data-countries"].split() == record["countries"]
        assert item["data-themes"].split() == record["themes"]


def without_diacritics(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold())
                   if not unicodedata.combining(c))


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_options_are_in_alphabetical_order(site, language):
    # Letters with diacritics stand with their base letter: a name starting with "Ç" stands among
    # the C's, not after "Zvicra".
    form = article(site.page(directory_path(language))).select_one("form")
    for name in ("country", "theme"):
        select = form.select_one(f'select[name="{name}"]')
        shown = [text_of(o) for o in select.select("option") if o["value"]]
        assert len(shown) > 1, name
        assert shown == sorted(shown, key=without_diacritics), (name, shown)


def count_table(site, language, parameter: str) -> dict[str, tuple[str, int]]:
    """The table whose rows link to ?<parameter>=<key>: key -> (name shown, count)."""
    for table in article(site.page(directory_path(language))).select("table"):
        rows = {}
        for row in table.select("tbody tr"):
            link = row.select_one(f'a[href^="?{parameter}="]')
            if link is None:
                break
            cells = row.select("td")
            rows[link["href"].split("=", 1)[1]] = (text_of(link), int(text_of(cells[-1])))
        else:
            if rows:
                return rows
    raise AssertionError(f"no table of counts per {parameter}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_counts_per_country_theme_and_status(site, language):
    per_country = Counter(c for r in RECORDS for c in r["countries"])
    per_theme = Counter(t for r in RECORDS for t in r["themes"])
    per_status = Counter(r["status"] for r in RECORDS)
    assert count_table(site, language, "country") == {
        code: (country(code, language), n) for code, n in per_country.items()}
    assert count_table(site, language, "theme") == {
        key: (theme(key, language), n) for key, n in per_theme.items()}
    assert count_table(site, language, "status") == {
        key: (STATUS[key][language], n) for key, n in per_status.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_is_an_svg_drawn_with_the_counts_and_loaded_when_needed(site, language):
    path = directory_path(language)
    images = article(site.page(path)).select("img.kb-chart")
    assert len(images) == 1
    image = images[0]
    svg_text = site.path_of(resolve(path, image["src"])).read_text(encoding="utf-8")
    svg = BeautifulSoup(svg_text, "html.parser").svg
    # Below the list: fetched only when the reader scrolls near it; its place is kept meanwhile.
    assert image["loading"] == "lazy" and image["alt"] == ""  # the table beside it has the words
    assert (int(image["width"]), int(image["height"])) == tuple(
        map(int, svg["viewbox"].split()[2:]))
    # Nothing the chart needs comes from anywhere else.
    for element in [svg, *svg.find_all(True)]:
        for attribute in ("href", "xlink:href", "src"):
            assert not element.has_attr(attribute), element
    assert "url(" not in str(svg) and "@import" not in str(svg)
    texts = [text_of(t) for t in svg.select("text")]
    pairs = dict(zip(texts[0::2], map(int, texts[1::2])))
    per_country = Counter(c for r in RECORDS for c in r["countries"])
    assert pairs == {country(code, language): n for code, n in per_country.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_loads_nothing_from_other_sites(site, language):
    path = directory_path(language)
    page = site.page(path)
    resources = [e["src"] for e in page.select("script[src], img[src], iframe[src], source[src], "
                                                "audio[src], video[src], embed[src]")]
    resources += [e["href"] for e in page.select("link[href]")
                  if set(e.get("rel", [])) & {"stylesheet", "icon", "preload", "modulepreload",
                                               "manifest", "prefetch"}]
    resources += [e["data"] for e in page.select("object[data]")]
    assert resources
    for url in resources:
        target = resolve(path, url)
        assert target and site.path_of(target).exists(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_download_links_lead_to_the_data_files(site, language):
    path = directory_path(language)
    targets = {resolve(path, a["href"]) for a in article(site.page(path)).select("a[href]")}
    downloads = {t for t in targets if t.endswith((".json", ".csv"))}
    assert {t.rsplit("/", 1)[-1] for t in downloads} == {"networks.json", "networks.csv"}
    for target in downloads:
        assert site.path_of(target).is_file(), target


# --- /networks/<id>/ ---------------------------------------------------------------------------

PAGES = [(record_id, language) for record_id in IDS for language in LANGUAGES]


@pytest.mark.parametrize("record_id, language", PAGES)
def test_record_page_shows_every_field_it_has(site, record_id, language):
    record = BY_ID[record_id]
    page = site.page(record_path(record_id, language))
    content = article(page)
    heading = text_of(content.select_one("h1"))
    assert heading.startswith(one_line(record["name"][language]))
    assert one_line(record["description"][language]) in text_of(content)

    shown = facts(page)
    label = {field: LABELS[field][language] for field in LABELS}
    assert text_of(shown[label["founded"]]) == shown_date(record["founded"], language)
    assert [text_of(li) for li in shown[label["countries"]].select("li")] == [
        country(code, language) for code in record["countries"]]
    assert [text_of(li) for li in shown[label["themes"]].select("li")] == [
        theme(key, language) for key in record["themes"]]
    if "acronym" in record:
        assert text_of(shown[label["acronym"]]) == record["acronym"]
    if "structure" in record:
        assert text_of(shown[label["structure"]]) == STRUCTURE[record["structure"]][language]
    if "secretariat" in record:
        place = text_of(shown[label["secretariat"]])
        city = record["secretariat"].get("city")
        expected_place = country(record["secretariat"]["country"], language)
        assert place == (f"{one_line(city[language])}, {expected_place}" if city else expected_place)
    if "members" in record:
        members = record["members"]
        if members.get("includes_individuals") == "true":
            wording = MEMBERS_WITH_INDIVIDUALS
        else:
            wording = MEMBERS_ONE if members["count"] == "1" else MEMBERS
        assert text_of(shown[label["members"]]) == wording[language].format(
            count=count(members["count"], language), as_of=members["as_of"])
    if "wider_region" in record:
        assert text_of(shown[label["wider_region"]]) == one_line(record["wider_region"][language])
    kind = ALBANIAN_NAME[record["albanian_name"]][language]
    assert text_of(shown[label["albanian_name"]]) == f"{one_line(record['name']['sq'])} ({kind})"
    assert shown[label["albanian_name"]].select_one("[lang=sq]") is not None
    status = one_line(shown[label["status"]].get_text())
    assert status.startswith(STATUS[record["status"]][language] + ". "), status
    activity = text_of(shown[label["last_active"]])
    assert activity == record.get("last_active", NO_DATED_ACTIVITY[language])
    if "website" in record:
        links = shown[label["website"]].select("a[href]")
        assert [a["href"] for a in links] == [record["website"]]
    if "email" in record:
        links = shown[label["email"]].select("a[href]")
        assert [a["href"] for a in links] == ["mailto:" + record["email"]]

    # A field the record does not have is not named at all, except the one whose absence says
    # something (no dated activity).
    expected = {label[f] for f in LABELS if f in record or f in ALWAYS_NAMED}
    assert set(shown) == expected

    # Notes, where a record has them, under their own heading.
    headings = [text_of(h) for h in content.select("h2")]
    if "notes" in record:
        assert NOTES_HEADING[language] in headings
        assert one_line(record["notes"][language]) in text_of(content)
    else:
        assert NOTES_HEADING[language] not in headings


@pytest.mark.parametrize("language, record_id, expected", [
    # The city in the reader's language, where the two differ.
    ("sq", "bcsdn", "Shkup, Maqedonia e Veriut"),
    ("en", "bcsdn", "Skopje, North Macedonia"),
    ("sq", "cee-bankwatch-network", "Pragë, Republika Çeke"),
    ("en", "cee-bankwatch-network", "Prague, Czech Republic"),
])
def test_secretariat_city_in_the_page_language(site, language, record_id, expected):
    shown = facts(site.page(record_path(record_id, language)))
    assert text_of(shown[LABELS["secretariat"][language]]) == expected


@pytest.mark.parametrize("language, expected", [
    ("sq", "2 050 anëtarë, përfshirë individë (2014)"),
    ("en", "2,050 members, including individuals (2014)"),
])
def test_a_count_with_individuals_is_not_called_organisations(site, language, expected):
    shown = facts(site.page(record_path("coalition-for-recom", language)))
    assert text_of(shown[LABELS["members"][language]]) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_absent_last_activity_is_said_not_hidden(site, language):
    assert "last_active" not in BY_ID["igman-initiative"]
    shown = facts(site.page(record_path("igman-initiative", language)))
    assert text_of(shown[LABELS["last_active"][language]]) == NO_DATED_ACTIVITY[language]
    assert text_of(shown[LABELS["status"][language]]).startswith(STATUS["unknown"][language])


def test_absent_secretariat_is_not_named(site):
    assert "secretariat" not in BY_ID["coalition-for-recom"]
    for language, word in (("sq", "Sekretariati"), ("en", "Secretariat")):
        page = site.page(record_path("coalition-for-recom", language))
        assert word not in [text_of(dt) for dt in page.select("dt")]
    # ... while a record that has one names it.
    assert "Secretariat" in [text_of(dt) for dt in site.page("en/networks/bcsdn/").select("dt")]


@pytest.mark.parametrize("record_id, language, date", [
    ("rwlsee", "sq", "korrik 2006"),
    ("rwlsee", "en", "July 2006"),
    ("coalition-for-recom", "sq", "28 tetor 2008"),
    ("coalition-for-recom", "en", "28 October 2008"),
])
def test_founding_date_in_the_page_language(site, record_id, language, date):
    shown = facts(site.page(record_path(record_id, language)))
    assert text_of(shown[LABELS["founded"][language]]) == date


@pytest.mark.parametrize("record_id, language", PAGES)
def test_record_page_sources_verification_and_edit_link(site, record_id, language):
    record = BY_ID[record_id]
    content = article(site.page(record_path(record_id, language)))
    links = [(a["href"], text_of(a)) for a in content.select("a[href]")]
    for source in record["sources"]:
        assert (source["url"], one_line(source["title"])) in links, source

    sentence = LAST_VERIFIED[language].format(date=shown_date(record["last_verified"], language))
    assert sentence in text_of(content)

    edits = [href for href, text in links if text == EDIT_RECORD[language]]
    assert edits == [f"{REPO_URL}/edit/main/data/networks/{record_id}.yml"]
    assert (ROOT / "data" / "networks" / f"{record_id}.yml").is_file()


@pytest.mark.parametrize("record_id, language", PAGES)
def test_record_page_has_json_ld(site, record_id, language):
    page = site.page(record_path(record_id, language))
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "NGO"
    assert data["name"] == one_line(BY_ID[record_id]["name"][language])
    assert data["url"] == SITE_URL + record_path(record_id, language)


# --- networks.json and networks.csv --------------------------------------------------------------

def test_json_export_has_exactly_the_records(site):
    data = json.loads((site.root / "networks" / "networks.json").read_text(encoding="utf-8"))
    exported = [(n["id"], n["name"], n["countries"], n["themes"], str(n["founded"]))
                for n in data["networks"]]
    assert exported == [(r["id"], r["name"], r["countries"], r["themes"], r["founded"])
                        for r in RECORDS]
    for item, record in zip(data["networks"], RECORDS):
        assert item["status"] == record["status"]
        assert item["albanian_name"] == record["albanian_name"]
        assert str(item.get("last_active", "")) == record.get("last_active", "")
        assert item.get("notes") == record.get("notes")
        assert item.get("wider_region") == record.get("wider_region")
        assert (item.get("secretariat") or {}).get("city") == (
            record.get("secretariat") or {}).get("city")
    # The country names, in the same form as on the pages, for every code the records use.
    used = {c for r in RECORDS for c in r["countries"]}
    used |= {r["secretariat"]["country"] for r in RECORDS if "secretariat" in r}
    assert data["countries"] == {code: COUNTRY_NAMES[code] for code in sorted(used)}


# The documented column order (scripts/records/exports.py); written out here so that a change to it
# is a decision, not an accident.
CSV_HEADER = [
    "id", "name_sq", "name_en", "albanian_name", "acronym", "founded", "structure",
    "secretariat_city_sq", "secretariat_city_en", "secretariat_country", "countries",
    "country_names_sq", "country_names_en", "wider_region_sq", "wider_region_en",
    "members_count", "members_as_of", "members_includes_individuals", "themes", "status",
    "last_active", "description_sq", "description_en", "notes_sq", "notes_en", "website", "email",
    "source_urls", "last_verified", "page_url",
]


# Two records written for this test, and the rows a reader gets for them, written out by hand. The
# key order of a row is the column order of the file: a new column is one more line in each row.
CSV_RECORDS = {
    "full-network": """\
name: {sq: Rrjeti i plotë, en: Full Network}
albanian_name: own
acronym: FN
founded: 2003-12
structure: formal
secretariat: {city: {sq: Shkup, en: Skopje}, country: MK}
countries: [AL, XK, MK]
wider_region: {sq: Evropa Juglindore, en: South-East Europe}
members: {count: 15, as_of: 2018, includes_individuals: true}
themes: [human-rights, environment]
status: active
last_active: 2024
description:
  sq: 'Një rrjet me "thonjëza", presje
    dhe dy rreshta.'
  en: A network with "quotes", commas and two lines.
notes: {sq: Shënime., en: Notes.}
website: https://full.example.org
email: info@full.example.org
sources:
  - {url: "https://full.example.org/about", title: About}
  - {url: "https://other.example.org/list", title: A list}
last_verified: 2026-11-01
""",
    "small-network": """\
name: {sq: Rrjeti i vogël, en: Small Network}
albanian_name: translated
founded: 2010
countries: [RS]
themes: [human-rights]
status: unknown
description: {sq: Një rrjet i vogël., en: A small network.}
sources:
  - {url: "https://small.example.org/", title: Home}
last_verified: 2025-06-30
""",
}
EXPECTED_CSV_ROWS = [
    {
        "id": "full-network",
        "name_sq": "Rrjeti i plotë",
        "name_en": "Full Network",
        "albanian_name": "own",
        "acronym": "FN",
        "founded": "2003-12",
        "structure": "formal",
        "secretariat_city_sq": "Shkup",
        "secretariat_city_en": "Skopje",
        "secretariat_country": "MK",
        "countries": "AL;XK;MK",
        "country_names_sq": "Shqipëria;Kosova;Maqedonia e Veriut",
        "country_names_en": "Albania;Kosovo;North Macedonia",
        "wider_region_sq": "Evropa Juglindore",
        "wider_region_en": "South-East Europe",
        "members_count": "15",
        "members_as_of": "2018",
        "members_includes_individuals": "true",
        "themes": "human-rights;environment",
        "status": "active",
        "last_active": "2024",
        "description_sq": 'Një rrjet me "thonjëza", presje dhe dy rreshta.',
        "description_en": 'A network with "quotes", commas and two lines.',
        "notes_sq": "Shënime.",
        "notes_en": "Notes.",
        "website": "https://full.example.org",
        "email": "info@full.example.org",
        "source_urls": "https://full.example.org/about;https://other.example.org/list",
        "last_verified": "2026-11-01",
        "page_url": "https://example-org.github.io/cso-networks/networks/full-network/",
    },
    {
        "id": "small-network",
        "name_sq": "Rrjeti i vogël",
        "name_en": "Small Network",
        "albanian_name": "translated",
        "acronym": "",
        "founded": "2010",
        "structure": "",
        "secretariat_city_sq": "",
        "secretariat_city_en": "",
        "secretariat_country": "",
        "countries": "RS",
        "country_names_sq": "Serbia",
        "country_names_en": "Serbia",
        "wider_region_sq": "",
        "wider_region_en": "",
        "members_count": "",
        "members_as_of": "",
        "members_includes_individuals": "",
        "themes": "human-rights",
        "status": "unknown",
        "last_active": "",
        "description_sq": "Një rrjet i vogël.",
        "description_en": "A small network.",
        "notes_sq": "",
        "notes_en": "",
        "website": "",
        "email": "",
        "source_urls": "https://small.example.org/",
        "last_verified": "2025-06-30",
        "page_url": "https://example-org.github.io/cso-networks/networks/small-network/",
    },
]


def csv_rows(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for ë and ç
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_export_gives_the_rows_written_out_by_hand(tmp_path):
    from kb.records.catalog import load_catalog
    from kb.records.exports import networks_csv

    (tmp_path / "data" / "networks").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "themes.yml", tmp_path / "data" / "themes.yml")
    for record_id, text in CSV_RECORDS.items():
        (tmp_path / "data" / "networks" / f"{record_id}.yml").write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path, today=dt.date(2026, 11, 29))
    assert [p for p in catalog.problems if p.severity == "error"] == []
    header, *rows = csv_rows(networks_csv(catalog.networks, SITE_URL).encode("utf-8"))
    assert header == CSV_HEADER == list(EXPECTED_CSV_ROWS[0])
    assert [dict(zip(header, row)) for row in rows] == EXPECTED_CSV_ROWS


def test_csv_export_of_the_site_has_every_record(site):
    header, *rows = csv_rows((site.root / "networks" / "networks.csv").read_bytes())
    assert header == CSV_HEADER
    assert all(len(row) == len(header) for row in rows)
    body = [dict(zip(header, row)) for row in rows]
    assert [(r["id"], r["name_sq"], r["name_en"], r["countries"]) for r in body] == [
        (r["id"], r["name"]["sq"], r["name"]["en"], ";".join(r["countries"])) for r in RECORDS]


def test_csv_row_of_a_record_with_individual_members_and_notes(site):
    # One row written out by hand, so that the columns' contents are checked against what a person
    # reading the record expects, not only against the same reading in code.
    raw = (site.root / "networks" / "networks.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw, newline=""))}
    row = rows["coalition-for-recom"]
    assert {k: row[k] for k in ("albanian_name", "secretariat_city_sq", "secretariat_country",
                                "members_count", "members_as_of", "members_includes_individuals",
                                "status", "last_active")} == {
        "albanian_name": "own", "secretariat_city_sq": "", "secretariat_country": "",
        "members_count": "2050", "members_as_of": "2014", "members_includes_individuals": "true",
        "status": "unknown", "last_active": "2014"}
    assert row["country_names_sq"].split(";")[:3] == ["Bosnja dhe Hercegovina", "Kroacia", "Kosova"]
    assert row["notes_en"].startswith("The member count includes individuals")
    bankwatch = rows["cee-bankwatch-network"]
    assert (bankwatch["secretariat_city_sq"], bankwatch["secretariat_city_en"]) == ("Pragë", "Prague")
    assert bankwatch["wider_region_en"] == "Central and Eastern Europe"
    assert bankwatch["last_active"] == ""


# --- the same records give the same pages -------------------------------------------------------

# Prints every page, listing and data file the generator makes from the real records.
GENERATE = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from kb.records import exports, pages
from kb.records.catalog import load_catalog
catalog = load_catalog()
out = []
for language in {LANGUAGES!r}:
    for record in catalog.networks:
        out.append(pages.network_page(record, language, catalog.themes,
                                      page_url="{SITE_URL}" + record["id"] + "/",
                                      edit_url="{REPO_URL}/edit/main/data/networks/x.yml"))
    out.append(pages.directory_listing(catalog.networks, catalog.themes, language,
                                       exports_path="../networks/", assets_path="../"))
    out.append(pages.reports_listing(catalog.reports, catalog.themes, language))
out.append(exports.networks_json(catalog.networks, "{SITE_URL}"))
out.append(exports.networks_csv(catalog.networks, "{SITE_URL}"))
print(json.dumps(out, ensure_ascii=False))
"""


def test_generator_is_deterministic():
    # Two processes with different hash seeds: an order taken from a set differs between them, as
    # it would between two builds.
    outputs = []
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", GENERATE], cwd=ROOT, capture_output=True,
                                text=True, encoding="utf-8", timeout=300,
                                env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append(json.loads(result.stdout))
    assert len(outputs[0]) == 2 * (len(IDS) + 2) + 2
    assert outputs[0] == outputs[1]


def directory_files(root: Path) -> dict[str, bytes]:
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for folder in (root / "networks", root / "en" / "networks")
             for p in folder.rglob("index.html")}
    for name in ("networks.json", "networks.csv"):
        files[f"networks/{name}"] = (root / "networks" / name).read_bytes()
    return files


def test_a_second_build_gives_the_same_directory(site, tmp_path):
    # Another hash seed than the first build's, so that an order taken from a set shows.
    seed = "12345" if os.environ.get("PYTHONHASHSEED") != "12345" else "54321"
    result = run_mkdocs_build(tmp_path / "site", PYTHONHASHSEED=seed)
    assert result.returncode == 0, result.stderr
    first, second = directory_files(site.root), directory_files(tmp_path / "site")
    assert len(first) == 2 * (len(IDS) + 1) + 2
    assert sorted(first) == sorted(second)
    for name in first:
        assert first[name] == second[name], name


# --- what the search and the sidebars of a record page are made from ------------------------------

def record_html(site, path: str) -> str:
    """The record's own HTML in a built page: the content the theme was given for it."""
    html = site.path_of(path).read_text(encoding="utf-8")
    start = html.index('<div class="kb-record">')
    return html[start:html.index("</script>\n</div>", start) + len("</script>\n</div>")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_indexes_what_it_would_index_of_the_whole_record_page(site, language):
    # Material's search plugin is given only the parts of a record page it indexes
    # (kb/hooks/network_pages.py); the index must hold what the plugin makes of the whole page.
    from material.plugins.search.plugin import SearchIndex

    index = json.loads((site.root / PREFIX[language] / "search" / "search_index.json")
                       .read_text(encoding="utf-8"))
    for record_id in IDS:
        location = f"networks/{record_id}/"
        indexed = [doc for doc in index["docs"] if doc["location"].split("#")[0] == location]
        assert indexed, record_id
        whole_page = SearchIndex()
        whole_page.add_entry_from_context(SimpleNamespace(
            content=record_html(site, record_path(record_id, language)), toc=[], url=location,
            meta={"title": indexed[0]["title"]}, title=None))
        assert indexed == whole_page.entries, record_id
        assert BY_ID[record_id]["description"][language].split()[-1] in indexed[0]["text"]


def test_pages_are_the_same_when_each_renders_its_own_sidebars(site, tmp_path):
    # The sidebars of the record pages are rendered once per folder (kb/hooks/shared_sidebars.py).
    # Built without that hook, Material renders them for every page: the record pages are the same,
    # and every page has the same sidebars (the copy is no git repository, so the written pages
    # lack their "last changed" date).
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    hook = re.search(r"^  - kb/hooks/shared_sidebars\.py.*\n", config, re.M)
    assert hook
    (project / "mkdocs.yml").write_text(config.replace(hook.group(0), ""), encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", cwd=project)
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        for record_id in IDS:
            path = record_path(record_id, language) + "index.html"
            assert (tmp_path / "site" / path).read_bytes() == (site.root / path).read_bytes(), path
    unshared = BuiltSite(root=tmp_path / "site", log=result.stderr)
    for language in LANGUAGES:
        assert unshared.page_paths(language) == site.page_paths(language)
        for path in site.page_paths(language):
            sidebars = [str(s) for s in site.page(path).select("div.md-sidebar")]
            assert len(sidebars) == 2, path
            assert [str(s) for s in unshared.page(path).select("div.md-sidebar")] == sidebars, path


# --- what an editor types is shown as text, and a broken record stops the build -----------------

NASTY_NAME = "<script>alert(1)</script> & [click](https://evil.example)"
NASTY_ACRONYM = "<b>X</b>"
NASTY_DESCRIPTION = "**bold** <img src=x onerror=alert(1)>"
NASTY_CITY = "<u>Town</u>"
ESCAPE_RECORD = f"""\
name:
  sq: "{NASTY_NAME}"
  en: "{NASTY_NAME}"
acronym: {NASTY_ACRONYM}
founded: 2010
countries: [AL]
themes: [human-rights]
description:
  sq: "Tekst me {NASTY_DESCRIPTION} brenda."
  en: "Text with {NASTY_DESCRIPTION} inside."
sources:
  - {{url: "https://example.org/about", title: "About <i>us</i>"}}
last_verified: 2024-01-01
albanian_name: translated
status: unknown
secretariat: {{city: {{sq: "{NASTY_CITY}", en: "{NASTY_CITY}"}}, country: AL}}
wider_region: {{sq: "{NASTY_CITY}", en: "{NASTY_CITY}"}}
notes: {{sq: "Shënim {NASTY_DESCRIPTION}", en: "Note {NASTY_DESCRIPTION}"}}
"""
ESCAPE_PAGES = [record_path("escape-test", lang) for lang in LANGUAGES]
LISTINGS = [directory_path(lang) for lang in LANGUAGES]


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def escape_project(tmp_path_factory):
    """A copy of the project with one record full of markup; built, then broken and built again."""
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    record = project / "data" / "networks" / "escape-test.yml"
    record.write_text(ESCAPE_RECORD, encoding="utf-8")

    site_dir = tmp_path_factory.mktemp("escape-site")
    built = run_mkdocs_build(site_dir, cwd=project)
    assert built.returncode == 0, built.stderr
    # Read the pages now, before the broken build runs into the same folder.
    soups = {path: BeautifulSoup(BuiltSite(site_dir, built.stderr).path_of(path).read_text(
        encoding="utf-8"), "html.parser") for path in ESCAPE_PAGES + LISTINGS}

    before = fingerprint(site_dir)
    record.write_text(ESCAPE_RECORD.replace("founded: 2010", "founded: 2999"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    checked = subprocess.run([sys.executable, str(ROOT / "scripts" / "kb.py"), "check", "--root",
                              str(project)], cwd=ROOT, env=env, capture_output=True, text=True,
                             encoding="utf-8", timeout=120)
    failed = run_mkdocs_build(site_dir, cwd=project)
    return {"soups": soups, "checked": checked, "failed": failed, "before": before,
            "after": fingerprint(site_dir)}


@pytest.mark.parametrize("path", ESCAPE_PAGES + LISTINGS)
def test_markup_in_a_record_is_shown_as_text(escape_project, path):
    page = escape_project["soups"][path]
    text = page.select_one("article").get_text()
    assert NASTY_NAME in text
    assert NASTY_ACRONYM in text
    assert NASTY_CITY in text
    assert not page.select("u")
    for script in page.select("script"):
        assert (script.string or "").strip() != "alert(1)"
    assert not page.select("img[onerror]")
    assert not page.select('a[href^="https://evil.example"]')
    assert [s for s in page.select("strong") if s.get_text() == "bold"] == []
    assert [b for b in page.select("b") if b.get_text() == "X"] == []


@pytest.mark.parametrize("path", ESCAPE_PAGES)
def test_markup_in_a_record_page_title_and_data(escape_project, path):
    page = escape_project["soups"][path]
    text = page.select_one("article").get_text()
    assert NASTY_DESCRIPTION in text
    assert "About <i>us</i>" in text
    assert [i for i in page.select("i") if i.get_text() == "us"] == []
    # Shown as typed: not run, and not escaped twice either ("&lt;script&gt;").
    assert page.title.get_text().startswith(f"{NASTY_NAME} ({NASTY_ACRONYM})")
    assert NASTY_DESCRIPTION in page.select_one('meta[name="description"]')["content"]
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["name"] == NASTY_NAME


def test_a_broken_record_stops_the_build_with_the_checks_message(escape_project):
    checked, failed = escape_project["checked"], escape_project["failed"]
    assert checked.returncode == 1
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, checked.stdout
    assert errors[0].startswith("data/networks/escape-test.yml:5:10: error: founded: ")

    assert failed.returncode != 0
    output = failed.stdout + failed.stderr
    assert errors[0] in output
    assert "Traceback" not in output
    # The site built before stays as it was: nothing deleted, nothing half-written.
    assert "index.html" in escape_project["before"]
    assert escape_project["after"] == escape_project["before"]
