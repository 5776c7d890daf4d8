"""Country names: one form per language wherever the site names a country.

The names come from data/countries.yml (read here as plain text). Albanian uses the definite form
(Shqipëria, Kosova, Maqedonia e Veriut), English the short forms of the guide (Turkey, Bosnia and
Herzegovina). The Unicode CLDR names that Babel would give instead mix forms ("Shqipëri" beside
"Maqedonia e Veriut", "Bosnia & Herzegovina", "Türkiye"): none of them may show where the site
writes a country's name itself.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from babel import Locale
from bs4 import BeautifulSoup

from conftest import ROOT

LANGUAGES = ("sq", "en")
PREFIX = {"sq": "", "en": "en/"}


def read_yaml(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


NAMES = read_yaml(ROOT / "data" / "countries.yml")
RECORDS = {p.stem: read_yaml(p) for p in sorted((ROOT / "data" / "networks").glob("*.yml"))}


def codes_used() -> set[str]:
    codes = set()
    for record in RECORDS.values():
        codes |= set(record["countries"])
        if "secretariat" in record:
            codes.add(record["secretariat"]["country"])
    return codes


def other_forms(language: str) -> dict[str, str]:
    """code -> the CLDR name, for each code used whose CLDR name differs from ours."""
    cldr = Locale.parse(language).territories
    return {code: cldr[code] for code in codes_used()
            if code in cldr and cldr[code] != NAMES[code][language]}


def test_every_country_code_in_the_data_has_a_name_in_both_languages():
    missing = sorted(code for code in codes_used()
                     if not (NAMES.get(code, {}).get("sq") and NAMES.get(code, {}).get("en")))
    assert missing == [], f"add these codes to data/countries.yml with both names: {missing}"


def test_the_names_file_holds_real_country_codes_only():
    territories = Locale.parse("en").territories
    assert [code for code in NAMES if code not in territories] == []


@pytest.mark.parametrize("code, sq, en", [
    ("AL", "Shqipëria", "Albania"),
    ("XK", "Kosova", "Kosovo"),
    ("MK", "Maqedonia e Veriut", "North Macedonia"),
    ("ME", "Mali i Zi", "Montenegro"),
    ("BA", "Bosnja dhe Hercegovina", "Bosnia and Herzegovina"),
    ("TR", "Turqia", "Turkey"),
])
def test_the_chosen_forms(code, sq, en):
    assert NAMES[code] == {"sq": sq, "en": en}


def test_no_english_name_uses_an_ampersand():
    assert [n["en"] for n in NAMES.values() if "&" in n["en"]] == []


NAME_LABEL = {language: labels["albanian_name"] for language, labels in yaml.safe_load(
    (ROOT / "kb" / "records" / "templates" / "strings.yml").read_text(encoding="utf-8")).items()}


def generated_country_texts(site, language: str) -> list[str]:
    """Every text on the directory and record pages that the site writes as a country's name, or
    that holds such names: list entries, filter options, the chart, the tables, the facts."""
    texts = []
    listing = site.page(PREFIX[language] + "networks/").select_one("article")
    texts += [o.get_text() for o in listing.select('select[name="country"] option')]
    chart = site.path_of(PREFIX[language] + "networks/chart.svg").read_text(encoding="utf-8")
    texts += [t.get_text() for t in BeautifulSoup(chart, "html.parser").select("svg text")]
    texts += [td.get_text() for td in listing.select("table.kb-counts td")]
    texts += [s.get_text() for s in listing.select(".kb-network-list__countries, "
                                                   ".kb-network-list__facts")]
    for record_id in RECORDS:
        page = site.page(PREFIX[language] + f"networks/{record_id}/").select_one("article")
        # Every fact but the network's name, which is the record's own text ("… dhe Turqi").
        texts += [dt.find_next_sibling("dd").get_text() for dt in page.select("dl.kb-facts dt")
                  if dt.get_text(strip=True) != NAME_LABEL[language]]
    return texts


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_filters_and_chart_use_one_form(site, language):
    texts = generated_country_texts(site, language)
    assert texts
    joined = "\n".join(texts)
    for code in codes_used():
        assert NAMES[code][language] in joined, code
    for code, cldr in other_forms(language).items():
        assert not re.search(rf"(?<!\w){re.escape(cldr)}(?!\w)", joined), (code, cldr)
    if language == "en":
        assert "&" not in joined


def test_exports_use_the_same_names(site):
    raw = (site.root / "networks" / "networks.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    for row in rows:
        codes = row["countries"].split(";")
        assert row["country_names_sq"].split(";") == [NAMES[c]["sq"] for c in codes]
        assert row["country_names_en"].split(";") == [NAMES[c]["en"] for c in codes]
    data = json.loads((site.root / "networks" / "networks.json").read_text(encoding="utf-8"))
    for code, names in data["countries"].items():
        assert names == NAMES[code]
