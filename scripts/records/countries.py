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


# --- Codes that exist but are probably not meant (checked in rules.check_countries) -------------

# CLDR names these places, but ISO 3166-1 gives them no country code of their own: each is part of
# the country given here.
TERRITORIES = {"AC": "SH", "CP": "FR", "CQ": "GG", "DG": "IO", "EA": "ES", "IC": "ES", "TA": "SH"}
# CLDR's made-up regions for testing software.
_PSEUDO_REGIONS = {"XA", "XB"}
# Europe as the UN's M49 standard draws it (region 150), with Kosovo, and the members of the Council
# of Europe to its south-east: Türkiye, Cyprus, Georgia, Armenia and Azerbaijan. A code outside it
# is more often a slip than a network's country, so the check asks about it.
EUROPE = frozenset(
    "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU "
    "LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK "
    "TR CY GE AM AZ".split())
# Real codes outside Europe written for a country here, and the code meant.
_SLIPS_OUTSIDE_EUROPE = {"BH": "BA", "AU": "AT"}


def is_country_code(code: str) -> bool:
    """A code of ISO 3166-1, or XK (Kosovo); not a territory or region that CLDR also names."""
    return is_country(code) and code not in TERRITORIES and code not in _PSEUDO_REGIONS


def is_in_europe(code: str) -> bool:
    return code in EUROPE


def likely_meant(code: str) -> str | None:
    """The code an editor most likely meant by `code`, where a slip is known."""
    if code in TERRITORIES:
        return TERRITORIES[code]
    return COMMON_SLIPS.get(code) or _SLIPS_OUTSIDE_EUROPE.get(code)
