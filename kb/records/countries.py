"""Country codes and names. Which codes exist comes from Babel (the Unicode CLDR data); the names
readers see come from data/countries.yml, one form per language, and from Babel only for a code that
file does not list (CLDR mixes forms: "Shqipëri" but "Maqedonia e Veriut", "Bosnia & Herzegovina")."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from babel import Locale

from .texts import original_language

NAMES_FILE = Path(__file__).resolve().parents[2] / "data" / "countries.yml"

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
    return code in country_names(original_language())  # CLDR names the same codes in every language


@cache
def chosen_names() -> dict:
    """data/countries.yml: code -> {"sq": name, "en": name}. A file that cannot be read counts as
    empty here; `kb.py check` reports what is wrong with it."""
    try:
        data = yaml.load(NAMES_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def country_name(code: str, language: str) -> str:
    chosen = chosen_names().get(code)
    if isinstance(chosen, dict) and isinstance(chosen.get(language), str) and chosen[language]:
        return chosen[language]
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


# The codes check_countries never asks about: in Europe, and no known slip for another code.
QUIET_CODES = EUROPE - TERRITORIES.keys() - COMMON_SLIPS.keys() - _SLIPS_OUTSIDE_EUROPE.keys()


def likely_meant(code: str) -> str | None:
    """The code an editor most likely meant by `code`, where a slip is known."""
    if code in TERRITORIES:
        return TERRITORIES[code]
    return COMMON_SLIPS.get(code) or _SLIPS_OUTSIDE_EUROPE.get(code)
