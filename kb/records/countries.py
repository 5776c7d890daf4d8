"""Country names in each language, from Babel (the Unicode CLDR data), never a hand-written table."""

from __future__ import annotations

from functools import cache

from babel import Locale

# CLDR also names regions that are not countries (EU, UN, "Outlying Oceania" …).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}
# Codes editors are likely to write by mistake, and the right one.
COMMON_SLIPS = {"KS": "XK", "KO": "XK", "UK": "GB", "SR": "RS", "MN": "ME", "MA": "MK", "CR": "HR"}


@cache
def country_names(language: str) -> dict[str, str]:
    """Code -> name in `language` ('sq' or 'en'), for every ISO 3166-1 country plus XK (Kosovo)."""
    return {
        code: name
        for code, name in Locale.parse(language).territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


def is_country(code: str) -> bool:
    return code in country_names("en")


def country_name(code: str, language: str) -> str:
    return country_names(language).get(code, code)
