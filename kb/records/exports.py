"""Step 5b: the directory as data files for people who reuse it: networks.json and networks.csv.

Both list the records in id order, so that a new export differs from the last one only where a
record changed.

The columns and names given "per language" are there for every language of the site, in the
order of mkdocs.yml (sq, en); a language the records have no text in gets the original's text.

networks.json: {"countries": {code: {"sq": name, "en": name}} for every code the records use,
"networks": [each record's fields in the order of the schema, with its "id" first and its
"page_url" last]}. A field a record does not have is left out.

networks.csv: UTF-8 with a byte-order mark, one row per network, in the columns of CSV_COLUMNS, in
this order (a column whose field a record does not have is empty):
  id, name_sq, name_en, albanian_name (own | translated), acronym, founded, structure,
  secretariat_city_sq, secretariat_city_en, secretariat_country (code), countries (codes, ";"),
  country_names_sq, country_names_en (the same countries by name, ";"), wider_region_sq,
  wider_region_en, members_count, members_as_of, members_includes_individuals (true | false),
  themes (keys, ";"), status (active | inactive | unknown), last_active, description_sq,
  description_en, notes_sq, notes_en, website, email, source_urls (";"), last_verified, page_url
"""

from __future__ import annotations

import csv
import io
import json

from .countries import country_name
from .schema_check import validator
from .texts import plain, text, text_languages

def csv_columns(languages=None) -> list[str]:
    """The CSV's columns; those ending in _<language> once per language, in a row."""
    languages = languages or text_languages()

    def each(field):
        return [f"{field}_{language}" for language in languages]

    return [
        "id", *each("name"), "albanian_name", "acronym", "founded", "structure",
        *each("secretariat_city"), "secretariat_country", "countries", *each("country_names"),
        *each("wider_region"), "members_count", "members_as_of", "members_includes_individuals",
        "themes", "status", "last_active", *each("description"), *each("notes"), "website",
        "email", "source_urls", "last_verified", "page_url",
    ]


CSV_COLUMNS = csv_columns()


def _field_order() -> list[str]:
    return list(validator("network").schema["properties"])


def _codes(networks: list) -> list[str]:
    codes = {code for record in networks for code in record["countries"]}
    codes |= {record["secretariat"]["country"] for record in networks if "secretariat" in record}
    return sorted(codes)


def networks_json(networks: list, site_url: str, languages=None) -> str:
    languages = languages or text_languages()
    order = _field_order()
    items = []
    for record in networks:
        item = {"id": record["id"]}
        item.update({key: record[key] for key in order if key in record})
        item["page_url"] = page_url(record, site_url)
        items.append(item)
    countries = {code: {language: country_name(code, language) for language in languages}
                 for code in _codes(networks)}
    return json.dumps({"countries": countries, "networks": items}, ensure_ascii=False,
                      indent=2) + "\n"


def _text(record: dict, field: str, language: str) -> str:
    value = record.get(field)
    return plain(value, language) if value else ""


def networks_csv(networks: list, site_url: str, languages=None) -> str:
    """UTF-8 with a byte-order mark, which Excel needs to show ë and ç correctly."""
    languages = languages or text_languages()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns(languages), lineterminator="\r\n")
    writer.writeheader()
    for record in networks:
        secretariat = record.get("secretariat", {})
        city = secretariat.get("city", {})
        members = record.get("members", {})
        individuals = members.get("includes_individuals")
        row = {
            "id": record["id"],
            "albanian_name": record["albanian_name"],
            "acronym": record.get("acronym", ""),
            "founded": record["founded"],
            "structure": record.get("structure", ""),
            "secretariat_country": secretariat.get("country", ""),
            "countries": ";".join(record["countries"]),
            "members_count": members.get("count", ""),
            "members_as_of": members.get("as_of", ""),
            "members_includes_individuals": "" if individuals is None else str(individuals).lower(),
            "themes": ";".join(record["themes"]),
            "status": record["status"],
            "last_active": record.get("last_active", ""),
            "website": record.get("website", ""),
            "email": record.get("email", ""),
            "source_urls": ";".join(source["url"] for source in record["sources"]),
            "last_verified": record["last_verified"],
            "page_url": page_url(record, site_url),
        }
        for language in languages:
            row[f"name_{language}"] = text(record["name"], language)
            row[f"secretariat_city_{language}"] = text(city, language) if city else ""
            row[f"country_names_{language}"] = ";".join(country_name(c, language)
                                                        for c in record["countries"])
            for field in ("wider_region", "description", "notes"):
                row[f"{field}_{language}"] = _text(record, field, language)
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


def page_url(record: dict, site_url: str) -> str:
    return (site_url or "/").rstrip("/") + f"/networks/{record['id']}/"
