"""Step 3: the rules that a schema cannot express, within a record and across all of them."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from kb.messages import PerLanguage, _

from .countries import (QUIET_CODES, TERRITORIES, country_name, is_country_code, is_in_europe,
                        likely_meant)
from .problems import Problem
from .texts import text_languages

EARLIEST_YEAR = 1900
# Compiled once: each is matched against every date and country code of thousands of records.
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def parse_partial_date(value) -> tuple[dt.date | None, str]:
    """'2009-07-06' / '2009-07' / 2009 -> (first day it can mean, '') or (None, what is wrong:
    "not a date" or "no such day")."""
    text = str(value)
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        return None, "not a date"
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        return dt.date(year, month or 1, day or 1), ""
    except ValueError:
        return None, "no such day"


def check_date(source, parts, value, today: dt.date, expected) -> list[Problem]:
    """expected: a function giving what to write instead, called only for a message (making a
    message costs time, and thousands of records have no problem)."""
    date, wrong = parse_partial_date(value)
    if date is None and wrong == "no such day":
        return [source.problem(parts, _("'{value}' is not a day that exists in the calendar; "
                                        "write {expected}", value=value, expected=expected()))]
    if date is None:
        return [source.problem(parts, _("'{value}' is not a date; write {expected}",
                                        value=value, expected=expected()))]
    if date > today:
        return [source.problem(parts, _("'{value}' is in the future; write {expected}",
                                        value=value, expected=expected()))]
    if date.year < EARLIEST_YEAR:
        return [source.problem(parts, _("'{value}' is before {year}, which cannot be right for "
                                        "this field; write {expected}",
                                        value=value, year=EARLIEST_YEAR, expected=expected()))]
    return []


def check_countries(source, codes_at, wider_region: bool = False) -> list[Problem]:
    """Codes that are not countries are errors; a real code outside Europe is a warning, as it is
    more often a slip (SR for RS) than a network's country. A record that names a wider region
    (wider_region) may list countries outside Europe: only the known slips are asked about then."""
    problems = []
    for parts, code in codes_at:
        # A code not in capitals has already been reported by the schema check.
        if not (isinstance(code, str) and COUNTRY_CODE.fullmatch(code)):
            continue
        if code in QUIET_CODES:
            continue  # nearly every code written: no message, no names to look up
        meant = likely_meant(code)
        names = {"code": code, "meant": meant, "name": _country(code),
                 "meant_name": _country(meant) if meant else ""}
        if code in TERRITORIES:
            problems.append(source.problem(parts, _(
                "'{code}' stands for {name}, which has no country code of its own; write "
                "{meant} ({meant_name}), the code of the country it is part of", **names)))
        elif not is_country_code(code):
            problems.append(source.problem(parts, _(
                "'{code}' is not a country code; did you mean {meant} ({meant_name})? write a "
                "two-letter ISO 3166-1 code such as AL, MK or XK (Kosovo)", **names) if meant else
                _("'{code}' is not a country code; write a two-letter ISO 3166-1 code such as "
                  "AL, MK or XK (Kosovo)", **names)))
        elif not is_in_europe(code) and (meant or not wider_region):
            problems.append(source.problem(parts, _(
                "'{code}' is the code of {name}, which is outside Europe and Türkiye; did you mean "
                "{meant} ({meant_name})?", **names) if meant else _(
                "'{code}' is the code of {name}, which is outside Europe and Türkiye; check that "
                "this is the country you mean (the codes of the Western Balkans are AL, BA, HR, "
                "XK, ME, MK and RS), and if it is, name the network's wider region in "
                "wider_region", **names), severity="warning"))
    return problems


def check_themes(source, themes, vocabulary: dict) -> list[Problem]:
    problems = []
    for index, key in enumerate(themes):
        if isinstance(key, str) and key not in vocabulary:
            close = difflib.get_close_matches(key, list(vocabulary), n=1, cutoff=0.7)
            message = _("'{key}' is not a theme of data/themes.yml; did you mean '{close}'?",
                        key=key, close=close[0]) if close else _(
                "'{key}' is not a theme of data/themes.yml; use one of: {themes}, or add the new "
                "theme to data/themes.yml with its Albanian and English labels",
                key=key, themes=", ".join(vocabulary))
            problems.append(source.problem(("themes", index), message))
    return problems


def check_unique(records, field_values, what: str) -> list[Problem]:
    """Report every record whose value for a field another record also has, naming the other.

    records: [(id, source)]; field_values(record) -> [(parts, value)] for the values to compare;
    what: "name", "acronym" or "title" (of _ALSO_USED).
    """
    first = {}   # key -> its first holder (record_id, source, parts, value)
    held = {}    # key -> all its holders, for a key held more than once (few, among thousands)
    for record_id, source in records:
        for parts, value in field_values(source.data):
            key = " ".join(str(value).casefold().split())
            if not key:
                continue
            holder = (record_id, source, parts, value)
            if key in held:
                held[key].append(holder)
            elif key in first:
                held[key] = [first[key], holder]
            else:
                first[key] = holder
    problems = []
    for shared in held.values():
        if len({record_id for record_id, *_ in shared}) < 2:
            continue
        for record_id, source, parts, value in shared:
            others = ", ".join(sorted({s.path for r, s, *_ in shared if r != record_id}))
            problems.append(source.problem(parts, _ALSO_USED[what](value=value, others=others)))
    return problems


# One sentence for each field compared across records.
_ALSO_USED = {
    "name": lambda **n: _("the name '{value}' is also used by {others}; each network is listed "
                          "once: merge the records or correct one of them", **n),
    "acronym": lambda **n: _("the acronym '{value}' is also used by {others}; each network is "
                             "listed once: merge the records or correct one of them", **n),
    "title": lambda **n: _("the title '{value}' is also used by {others}; each report is listed "
                           "once: merge the records or correct one of them", **n),
}


def _country(code: str):
    """A country's name in the language the message is printed in."""
    return PerLanguage({language: country_name(code, language) for language in text_languages()})


def names(data) -> list:
    name = data.get("name") or {}
    return [(("name", lang), name[lang]) for lang in text_languages()
            if isinstance(name.get(lang), str)]


def acronyms(data) -> list:
    return [(("acronym",), data["acronym"])] if isinstance(data.get("acronym"), str) else []


def common_problems(source, vocabulary: dict, today: dt.date, date_field: str,
                    date_expected) -> list[Problem]:
    """What every kind of record is checked for: its own date, last_verified and themes."""
    data = source.data
    problems = []
    if _is_partial_date(data.get(date_field)):
        problems += check_date(source, (date_field,), data[date_field], today, date_expected)
    if _is_partial_date(data.get("last_verified")):
        problems += check_date(source, ("last_verified",), data["last_verified"], today,
                               lambda: _("the date you checked the record, such as {today}",
                                         today=today.isoformat()))
    if isinstance(data.get("themes"), list):
        problems += check_themes(source, data["themes"], vocabulary)
    return problems


def network_problems(source, vocabulary: dict, today: dt.date) -> list[Problem]:
    """Rules within one network record. Fields of the wrong kind are skipped here: the schema
    check has already reported them, and every other field is still checked."""
    data = source.data
    problems = common_problems(source, vocabulary, today, "founded",
                               lambda: _("the year the network was founded, such as 2003"))
    countries = data.get("countries")
    codes = [(("countries", i), c) for i, c in enumerate(countries)] if isinstance(countries, list) else []
    secretariat = data.get("secretariat")
    if isinstance(secretariat, dict) and "country" in secretariat:
        codes.append((("secretariat", "country"), secretariat["country"]))
    problems += check_countries(source, codes, wider_region="wider_region" in data)
    members = data.get("members")
    if isinstance(members, dict) and isinstance(members.get("as_of"), int):
        as_of = members["as_of"]
        founded = parse_partial_date(data.get("founded"))[0]
        if as_of > today.year:
            problems.append(source.problem(("members", "as_of"), _(
                "{year} is in the future; write the year the count was true", year=as_of)))
        elif founded and as_of < founded.year:
            problems.append(source.problem(("members", "as_of"), _(
                "{year} is before the network was founded ({founded}); write the year the count "
                "was true", year=as_of, founded=data["founded"])))
    problems += activity_problems(source, today)
    return problems


# How old the latest dated activity of an active network may be, in years before last_verified.
ACTIVE_WITHIN_YEARS = 3


def activity_problems(source, today: dt.date) -> list[Problem]:
    """status and last_active agree with each other and with founded and last_verified."""
    data = source.data
    status = data.get("status")
    last_active = data.get("last_active")
    if not isinstance(last_active, int) or isinstance(last_active, bool):
        if status == "active" and "last_active" not in data:
            return [source.problem(("status",), _(
                "the status is active, so last_active is required: add a line last_active: with "
                "the year of the latest dated activity a source shows, such as 2025 (and that "
                "source under sources), or write status: unknown if no source shows one"))]
        return []  # a last_active of the wrong kind has been reported by the schema check
    problems = []
    verified = parse_partial_date(data.get("last_verified"))[0]
    founded = parse_partial_date(data.get("founded"))[0]
    checked_year = verified.year if verified and verified <= today else today.year
    if last_active > checked_year:
        problems.append(source.problem(("last_active",), _(
            "{year} is after the record was last verified ({checked}); write the year of the "
            "latest dated activity a source shows", year=last_active, checked=checked_year)))
    elif founded and last_active < founded.year:
        problems.append(source.problem(("last_active",), _(
            "{year} is before the network was founded ({founded}); write the year of the latest "
            "dated activity a source shows", year=last_active, founded=data["founded"])))
    elif status == "active" and checked_year - last_active > ACTIVE_WITHIN_YEARS:
        problems.append(source.problem(("last_active",), _(
            "the status is active, but the latest dated activity ({year}) is more than {years} "
            "years before last_verified ({checked}); give a more recent activity with its "
            "source, or write status: unknown",
            year=last_active, years=ACTIVE_WITHIN_YEARS, checked=checked_year),
            severity="warning"))
    elif status == "unknown" and checked_year - last_active <= ACTIVE_WITHIN_YEARS:
        problems.append(source.problem(("status",), _(
            "the status is unknown, but the latest dated activity ({year}) is within {years} "
            "years of last_verified ({checked}); write status: active",
            year=last_active, years=ACTIVE_WITHIN_YEARS, checked=checked_year),
            severity="warning"))
    return problems


def report_problems(source, vocabulary: dict, today: dt.date) -> list[Problem]:
    """Rules within one report record. Readers must learn where to get each report: a file to
    download, the publisher's page, or, when neither is known, what is known (not_online)."""
    data = source.data
    problems = common_problems(source, vocabulary, today, "date",
                               lambda: _("the year the report was published, such as 2016"))
    online = [field for field in ("files", "landing_page") if data.get(field)]
    if not online and not data.get("not_online"):
        problems.append(source.problem(
            ("title",), _("the page cannot tell readers where to get this report; add files "
                          "with their addresses, or landing_page (the publisher's page for the "
                          "report), or, if neither is known, not_online (what is known about "
                          "where it was published); never guess an address"),
            severity="warning", key=True))
    elif online and data.get("not_online"):
        problems.append(source.problem(
            ("not_online",), _("the page does not show this text, because the record has "
                               "{fields}; delete not_online, or move what it says that is still "
                               "true to notes", fields=", ".join(online)),
            severity="warning"))
    return problems


def titles(data) -> list:
    title = data.get("title") or {}
    return [(("title", lang), title[lang]) for lang in text_languages()
            if isinstance(title.get(lang), str)]


def across_reports(records) -> list[Problem]:
    return check_unique(records, titles, "title")


def _is_partial_date(value) -> bool:
    return isinstance(value, (int, str)) and not isinstance(value, bool) and bool(
        PARTIAL_DATE.fullmatch(str(value)))


def across_networks(records) -> list[Problem]:
    """Rules across all network records: records = [(id, source)], sorted by id."""
    return check_unique(records, names, "name") + check_unique(records, acronyms, "acronym")


# The fields compared across records, whose place in the file a later problem may name.
COMPARED_FIELDS = {"network": [("name", lang) for lang in text_languages()] + [("acronym",)],
                   "report": [("title", lang) for lang in text_languages()]}
# Which rules apply to which kind of record (used by catalog.load_records).
RECORD_RULES = {"network": network_problems, "report": report_problems}
ACROSS_RECORDS = {"network": across_networks, "report": across_reports}
