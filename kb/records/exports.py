"""Step 5b: the directory as data files for people who reuse it: networks.json and networks.csv.

Both list the records in id order, so that a new export differs from the last one only where a
record changed.

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

CSV_COLUMNS = [
    "id", "name_sq", "name_en", "albanian_name", "acronym", "founded", "structure",
    "secretariat_city_sq", "secretariat_city_en", "secretariat_country", "countries",
    "country_names_sq", "country_names_en", "wider_region_sq", "wider_region_en",
    "members_count", "members_as_of", "members_includes_individuals", "themes", "status",
    "last_active", "description_sq", "description_en", "notes_sq", "notes_en", "website", "email",
    "source_urls", "last_verified", "page_url",
]


def _field_order() -> list[str]:
    return list(validator("network").schema["properties"])


def _codes(networks: list) -> list[str]:
    codes = {code for record in networks for code in record["countries"]}
    codes |= {record["secretariat"]["country"] for record in networks if "secretariat" in record}
    return sorted(codes)


def networks_json(networks: list, site_url: str) -> str:
    order = _field_order()
    items = []
    for record in networks:
        item = {"id": record["id"]}
        item.update({key: record[key] for key in order if key in record})
        item["page_url"] = page_url(record, site_url)
        items.append(item)
    countries = {code: {language: country_name(code, language) for language in ("sq", "en")}
                 for code in _codes(networks)}
    return json.dumps({"countries": countries, "networks": items}, ensure_ascii=False,
                      indent=2) + "\n"


def _text(record: dict, field: str, language: str) -> str:
    value = record.get(field)
    return " ".join(value[language].split()) if value else ""


def networks_csv(networks: list, site_url: str) -> str:
    """UTF-8 with a byte-order mark, which Excel needs to show ë and ç correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in networks:
        secretariat = record.get("secretariat", {})
        city = secretariat.get("city", {})
        members = record.get("members", {})
        individuals = members.get("includes_individuals")
        writer.writerow({
            "id": record["id"],
            "name_sq": record["name"]["sq"],
            "name_en": record["name"]["en"],
            "albanian_name": record["albanian_name"],
            "acronym": record.get("acronym", ""),
            "founded": record["founded"],
            "structure": record.get("structure", ""),
            "secretariat_city_sq": city.get("sq", ""),
            "secretariat_city_en": city.get("en", ""),
            "secretariat_country": secretariat.get("country", ""),
            "countries": ";".join(record["countries"]),
            "country_names_sq": ";".join(country_name(c, "sq") for c in record["countries"]),
            "country_names_en": ";".join(country_name(c, "en") for c in record["countries"]),
            "wider_region_sq": _text(record, "wider_region", "sq"),
            "wider_region_en": _text(record, "wider_region", "en"),
            "members_count": members.get("count", ""),
            "members_as_of": members.get("as_of", ""),
            "members_includes_individuals": "" if individuals is None else str(individuals).lower(),
            "themes": ";".join(record["themes"]),
            "status": record["status"],
            "last_active": record.get("last_active", ""),
            "description_sq": _text(record, "description", "sq"),
            "description_en": _text(record, "description", "en"),
            "notes_sq": _text(record, "notes", "sq"),
            "notes_en": _text(record, "notes", "en"),
            "website": record.get("website", ""),
            "email": record.get("email", ""),
            "source_urls": ";".join(source["url"] for source in record["sources"]),
            "last_verified": record["last_verified"],
            "page_url": page_url(record, site_url),
        })
    return "\ufeff" + out.getvalue()


def page_url(record: dict, site_url: str) -> str:
    return (site_url or "/").rstrip("/") + f"/networks/{record['id']}/"
