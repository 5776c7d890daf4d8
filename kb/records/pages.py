"""Step 5: checked records -> the directory's pages, in one language at a time.

Pure functions: the same records give the same pages, byte for byte. Every value from a record is
escaped by Jinja2 and written inside a raw HTML block, so Markdown or HTML that an editor typed into
a record is shown as text, never run or turned into a link.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import chart
from .countries import country_name
from .rules import parse_partial_date
from .texts import original_language, other_language, plain, text

TEMPLATES = Path(__file__).resolve().parent / "templates"
DIRECTORY = "networks"
REPORTS = "reports"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=StrictUndefined, keep_trailing_newline=True,
    )
    env.filters["json_script"] = json_for_script
    return env


@cache
def _all_strings() -> dict:
    return yaml.safe_load((TEMPLATES / "strings.yml").read_text(encoding="utf-8"))


def strings(language: str) -> dict:
    """The words around the data in `language`; the original language's where it has none."""
    return _all_strings().get(language) or _all_strings()[original_language()]


def has_strings(language: str) -> bool:
    """Whether strings.yml has the words in `language` itself."""
    return language in _all_strings()


def interface_language(language: str) -> str:
    """The language strings(language) is written in."""
    return language if has_strings(language) else original_language()


def language_name(code: str, language: str) -> str:
    """The name of language `code` as readers of `language` write it: ('mk', 'sq') -> 'maqedonisht'."""
    return Locale.parse(language_locale(language)).languages.get(code, code)


def language_locale(language: str) -> str:
    """The locale of a language of the site, for dates, numbers and documents: strings.yml may
    name one (en_GB, as the English pages are written); otherwise the language's own code."""
    return (_all_strings().get(language) or {}).get("locale", language)


def json_for_script(value) -> str:
    """JSON safe to put inside <script>: no '</' can close the element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def search_key(*texts: str) -> str:
    """Lower case without diacritics, so 'shoqeri' finds 'Shoqërisë' in the directory filter."""
    joined = " ".join(t for t in texts if t)
    decomposed = unicodedata.normalize("NFD", joined.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Babel takes a fraction of a millisecond per date or number; with hundreds of records, each shown
# on its page and in the directory, the same few values come back thousands of times.
@lru_cache(maxsize=4096)
def partial_date(value, language: str) -> str:
    """2003 -> '2003'; '2003-12' -> 'dhjetor 2003' / 'December 2003'; full dates in full."""
    text = str(value)
    date, _ = parse_partial_date(text)
    locale = language_locale(language)
    if len(text) == 4 or date is None:
        return text
    if len(text) == 7:
        return format_date(date, "LLLL y", locale=locale)
    return format_date(date, "long", locale=locale)


def short_description(text: str, limit: int = 160) -> str:
    """The first sentences of a description that fit a search engine's snippet."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > 60 else cut[: cut.rfind(" ")] + " …"


STATUSES = ("active", "inactive", "unknown")
# The orders the directory offers; the page itself is in the first one, so it needs no script.
SORT_ORDERS = ("name", "founded", "members")


@lru_cache(maxsize=4096)
def number(count: int, language: str) -> str:
    """2050 -> '2 050' (sq, with a no-break space) or '2,050' (en), as the texts write it."""
    return format_decimal(count, locale=language_locale(language))


def network_view(record: dict, language: str, themes: dict) -> dict:
    """What a reader sees of one record, in one language, with absent fields left out."""
    s = strings(language)
    status = record["status"]
    view = {
        "id": record["id"],
        "name": text(record["name"], language),
        "other_name": text(record["name"], other_language(language)),
        "other_language": other_language(language),
        "albanian_name": record["name"][original_language()],
        "original_language": original_language(),
        "albanian_name_kind": s[f"albanian_name_{record['albanian_name']}"],
        "acronym": record.get("acronym"),
        "founded": partial_date(record["founded"], language),
        "founded_year": str(record["founded"])[:4],
        # For sorting: "2003" < "2003-12" < "2003-12-06", so a plain comparison of the text works.
        "founded_key": str(record["founded"]),
        "structure": s[f"structure_{record['structure']}"] if "structure" in record else None,
        "countries": [(code, country_name(code, language)) for code in record["countries"]],
        "wider_region": text(record["wider_region"], language) if "wider_region" in record else None,
        "themes": [(key, text(themes[key], language)) for key in record["themes"]],
        "status": status,
        "status_label": s[f"status_{status}"],
        "status_about": s[f"status_about_{status}"],
        "last_active": record.get("last_active"),
        "description": plain(record["description"], language),
        "notes": plain(record["notes"], language) if "notes" in record else None,
        "website": record.get("website"),
        "email": record.get("email"),
        "sources": record["sources"],
        "last_verified": partial_date(record["last_verified"], language),
        "secretariat": None,
        "members": None,
        "members_count": None,
    }
    if "secretariat" in record:
        place = record["secretariat"]
        country = country_name(place["country"], language)
        city = text(place["city"], language) if "city" in place else None
        view["secretariat"] = ", ".join(p for p in (city, country) if p)
        view["secretariat_country"] = country
    if "members" in record:
        members = record["members"]
        if members.get("includes_individuals"):
            key = "members_value_individuals"
        else:
            key = "members_value_one" if members["count"] == 1 else "members_value"
        view["members"] = s[key].format(count=number(members["count"], language),
                                        as_of=members["as_of"])
        view["members_count"] = members["count"]
    return view


def json_ld(record: dict, language: str, page_url: str) -> dict:
    """schema.org data for search engines: the network as an NGO."""
    data = {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": text(record["name"], language),
        "alternateName": [n for n in (record.get("acronym"), text(record["name"], other_language(language)))
                          if n],
        "description": plain(record["description"], language),
        "foundingDate": str(record["founded"]),
        "areaServed": [{"@type": "Country", "name": country_name(c, language)}
                       for c in record["countries"]],
        "url": page_url,
        "mainEntityOfPage": page_url,
        "subjectOf": [{"@type": "WebPage", "url": s["url"], "name": s["title"]} for s in record["sources"]],
    }
    if "website" in record:
        data["sameAs"] = record["website"]
    if "email" in record:
        data["email"] = record["email"]
    if "secretariat" in record:
        address = {"@type": "PostalAddress", "addressCountry": record["secretariat"]["country"]}
        if "city" in record["secretariat"]:
            address["addressLocality"] = text(record["secretariat"]["city"], language)
        data["address"] = address
    return data


def _front_matter(title: str, description: str) -> str:
    # MkDocs and Material print page titles and descriptions without escaping, so they are escaped
    # here, once, as HTML text. A JSON string is also a YAML string, and far quicker to write.
    return (f"---\ntitle: {json.dumps(html.escape(title), ensure_ascii=False)}\n"
            f"description: {json.dumps(html.escape(description), ensure_ascii=False)}\n---\n")


class RecordPage(NamedTuple):
    source: str        # the Markdown source: the front matter alone, for the title and description
    html: str          # the content, which needs no Markdown conversion
    search_html: str   # what the site's search reads of the content: html without what it skips


def network_page(record: dict, language: str, themes: dict, page_url: str,
                 edit_url: str | None) -> RecordPage:
    """/networks/<id>/ in one language."""
    view = network_view(record, language, themes)
    template = _environment().get_template("network.html.j2")
    body = template.render(
        n=view, s=strings(language), language=language, edit_url=edit_url,
        json_ld=json_ld(record, language, page_url), search_only=False,
    )
    # Material's search plugin parses every tag of a page to find the text it indexes; given the
    # few elements it keeps instead of the whole record, it indexes the same text in a fraction
    # of the time (kb/hooks/network_pages.py).
    search_body = template.render(n=view, s=strings(language), search_only=True)
    title = f"{view['name']} ({view['acronym']})" if view["acronym"] else view["name"]
    return RecordPage(_front_matter(title, short_description(view["description"])), body,
                      search_body)


def _counted(counts: dict, labels: dict) -> list[tuple[str, str, int]]:
    """(key, label, count), the most frequent first; equal counts in the order of the label."""
    return sorted(((key, labels[key], count) for key, count in counts.items() if count),
                  key=lambda item: (-item[2], search_key(item[1])))


def directory_listing(networks: list, themes: dict, language: str, exports_path: str,
                      assets_path: str) -> str:
    """The HTML added under the hand-written introduction of /networks/: filters, list, counts.

    The list is in the order of the names in the page's language, so that it is complete and
    ordered without the script; the script only hides entries and reorders them.
    """
    s = strings(language)
    views = [network_view(record, language, themes) for record in networks]
    for view, record in zip(views, networks):
        # The text filter reads the entry's name and acronym from the entry itself
        # (directory.js); here only what the entry does not show: the names in the other
        # languages and the secretariat's city.
        city = (record.get("secretariat") or {}).get("city") or {}
        view["search"] = search_key(*(text for text in (*record["name"].values(), *city.values())
                                      if text != view["name"]))
    # Sorted without diacritics, so that "Çeki" stands among the C's, not after "Z"; the id
    # settles equal names, so the order never depends on the order the files were read in.
    views.sort(key=lambda v: (search_key(v["name"]), v["id"]))

    per_theme = {key: 0 for key in themes}
    for view in views:
        for key, _ in view["themes"]:
            per_theme[key] += 1
    per_status = {status: 0 for status in STATUSES}
    for view in views:
        per_status[view["status"]] += 1
    country_counts = counts_by_country(networks, language)
    theme_counts = _counted(per_theme, {key: text(label, language) for key, label in themes.items()})
    # Statuses in their own order (active, inactive, unknown), not by how many there are.
    status_counts = [(status, s[f"status_{status}"], per_status[status])
                     for status in STATUSES if per_status[status]]

    def options(counts):
        return sorted(((key, s["option_count"].format(name=name, count=count))
                       for key, name, count in counts), key=lambda i: search_key(i[1]))

    return _environment().get_template("directory.html.j2").render(
        networks=views, s=s, language=language, exports_path=exports_path,
        assets_path=assets_path,
        country_options=options(country_counts), theme_options=options(theme_counts),
        status_options=[(key, s["option_count"].format(name=name, count=count))
                        for key, name, count in status_counts],
        sort_orders=SORT_ORDERS,
        country_counts=country_counts, theme_counts=theme_counts, status_counts=status_counts,
        chart_size=chart.size(len(country_counts)) if country_counts else None,
    )


def counts_by_country(networks: list, language: str) -> list[tuple[str, str, int]]:
    """(code, name, networks) for each country that networks work in, the most frequent first."""
    per_country: dict[str, int] = {}
    for record in networks:
        for code in record["countries"]:
            per_country[code] = per_country.get(code, 0) + 1
    return _counted(per_country, {code: country_name(code, language) for code in per_country})


def directory_chart(networks: list, language: str) -> str:
    """The chart of networks per country (networks/chart.svg) that the directory shows."""
    rows = [(name, count) for _, name, count in counts_by_country(networks, language)]
    return chart.bar_chart(rows, strings(language)["chart_title"])


def report_availability(record: dict) -> str:
    """Where a reader can get a report, from the record alone: 'download' (a file with an
    address), 'publisher' (the publisher's page) or 'offline' (no online copy we can link to)."""
    if any(item.get("url") for item in record.get("files", [])):
        return "download"
    if record.get("landing_page"):
        return "publisher"
    return "offline"


def report_view(record: dict, language: str, themes: dict) -> dict:
    """What a reader sees of one report, in one language, with absent fields left out."""
    s = strings(language)
    files = []
    for item in record.get("files", []):
        if not item.get("url"):
            continue
        details = [item["format"]] if "format" in item else []
        if "language" in item:
            details.append(s["report_language"].format(
                language=language_name(item["language"], language)))
        if "size" in item:
            details.append(item["size"])
        files.append({"label": text(item["label"], language), "url": item["url"],
                      "archive_url": item.get("archive_url"),
                      "language_code": item.get("language"), "details": details})
    other = other_language(language)
    translated = record.get("title_translated")
    # The other language's title is shown only when it is the report's own title: readers of
    # one language gain nothing from our translation into the other.
    other_title = None
    if translated != other and text(record["title"], other) != text(record["title"], language):
        other_title = text(record["title"], other)
    state = report_availability(record)
    return {
        "id": record["id"],
        "title": text(record["title"], language),
        "title_is_ours": translated == language,
        "other_title": other_title,
        "other_title_label": s["report_original_title" if translated == language
                               else "report_other_title"].format(
                                   language=language_name(other, language)),
        "other_language": other,
        "date": partial_date(record["date"], language) if "date" in record else None,
        "authors": record.get("authors", []),
        "publisher": record.get("publisher"),
        "series": record.get("series"),
        "commissioned_by": record.get("commissioned_by"),
        "themes": [text(themes[key], language) for key in record["themes"]],
        "summary": plain(record["summary"], language),
        "notes": plain(record["notes"], language) if "notes" in record else None,
        "state": state,
        "files": files,
        "landing_page": record.get("landing_page"),
        "announcement": record.get("announcement"),
        "not_online": plain(record["not_online"], language)
                      if state == "offline" and "not_online" in record else None,
        "sources": [{"title": x["title"], "url": x.get("url")} for x in record["sources"]],
    }


def reports_listing(reports: list, themes: dict, language: str) -> str:
    """The HTML added under the hand-written introduction of /reports/: how many reports can be
    got in each way, then every report, newest first."""
    s = strings(language)
    views = [report_view(record, language, themes) for record in reports]
    dated = sorted((r for r, v in zip(reports, views) if "date" in r), key=lambda r: str(r["date"]),
                   reverse=True)
    order = [r["id"] for r in dated] + [r["id"] for r in reports if "date" not in r]
    by_id = {v["id"]: v for v in views}
    counts = {state: sum(v["state"] == state for v in views)
              for state in ("download", "publisher", "offline")}
    total = s["report_count_one" if len(views) == 1 else "report_count"].format(count=len(views))
    return _environment().get_template("reports.html.j2").render(
        reports=[by_id[i] for i in order], s=s, total=total, counts=counts)


def format_timestamp(timestamp: int, language: str) -> str:
    """A Unix time as a long date in the reader's language (UTC): '29 November 2026'."""
    day = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date()
    return format_date(day, "long", locale=language_locale(language))
