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
