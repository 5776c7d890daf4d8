"""A file's size as readers write it: '14 kB', '1,2 MB' in Albanian, '1.2 MB' in English."""

from __future__ import annotations

from babel.numbers import format_decimal

from kb.records.pages import language_locale


def file_size(size: int, language: str) -> str:
    locale = language_locale(language)
    if size < 1_000_000:
        return f"{format_decimal(max(1, round(size / 1000)), locale=locale)} kB"
    return f"{format_decimal(round(size / 1_000_000, 1), format='#,##0.0', locale=locale)} MB"
