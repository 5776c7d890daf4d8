"""Step 5b: the directory as data files for people who reuse it: networks.json and networks.csv.

Both list the records in id order, with the fields in the order of the schema, so that a new export
differs from the last one only where a record changed.
"""

from __future__ import annotations

import csv
import io
import json

from .schema_check import validator

CSV_COLUMNS = [
    "id", "name_sq", "name_en", "acronym", "founded", "structure", "secretariat_city",
    "secretariat_country", "countries", "members_count", "members_as_of", "themes",
    "description_sq", "description_en", "website", "email", "source_urls", "last_verified",
    "page_url",
]


def _field_order() -> list[str]:
    return list(validator("network").schema["properties"])


def networks_json(networks: list, site_url: str) -> str:
    order = _field_order()
    items = []
    for record in networks:
        item = {"id": record["id"]}
        item.update({key: record[key] for key in order if key in record})
        item["page_url"] = page_url(record, site_url)
        items.append(item)
    return json.dumps({"networks": items}, ensure_ascii=False, indent=2) + "\n"


def networks_csv(networks: list, site_url: str) -> str:
    """UTF-8 with a byte-order mark, which Excel needs to show ë and ç correctly."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in networks:
        secretariat = record.get("secretariat", {})
        members = record.get("members", {})
        writer.writerow({
            "id": record["id"],
            "name_sq": record["name"]["sq"],
            "name_en": record["name"]["en"],
            "acronym": record.get("acronym", ""),
            "founded": record["founded"],
            "structure": record.get("structure", ""),
            "secretariat_city": secretariat.get("city", ""),
            "secretariat_country": secretariat.get("country", ""),
            "countries": ";".join(record["countries"]),
            "members_count": members.get("count", ""),
            "members_as_of": members.get("as_of", ""),
            "themes": ";".join(record["themes"]),
            "description_sq": " ".join(record["description"]["sq"].split()),
            "description_en": " ".join(record["description"]["en"].split()),
            "website": record.get("website", ""),
            "email": record.get("email", ""),
            "source_urls": ";".join(source["url"] for source in record["sources"]),
            "last_verified": record["last_verified"],
            "page_url": page_url(record, site_url),
        })
    return "\ufeff" + out.getvalue()


def page_url(record: dict, site_url: str) -> str:
    return (site_url or "/").rstrip("/") + f"/networks/{record['id']}/"
