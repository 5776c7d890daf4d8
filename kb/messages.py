"""The editors' messages in their language: English in the code, Albanian in a gettext catalogue.

Every message an editor reads is written in the code as `_("… {field} …", field=…)` or
`ngettext("{count} file", "{count} files", n)`: a whole sentence in English, the source language,
with named placeholders. What these calls return is a Message: the English text itself (a str, so
the code and its tests handle it as any text), which can also be said in another language with
`message.said_in("sq")`. Nothing is translated until a message is printed, so the same problem
can be printed in Albanian for the editor and in both languages for GitHub.

The translations are kb/locale/sq/LC_MESSAGES/messages.po, read with Babel the first time a message
is printed in Albanian and kept in memory (no compiled .mo file). `python3 scripts/kb.py messages`
(kb/message_catalog.py) gathers the messages of the code and of data/schemas/ into
kb/locale/messages.pot and adds the new ones to the .po file, to be translated there.

Which language an editor reads: `--lang sq|en` on the command; else KB_LANG; else the locale
(the first of LC_ALL, LC_MESSAGES, LANG, LANGUAGE that is set: a value starting with "sq" means
Albanian; on Windows, where none is usually set, the user's language); else English.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal

# The language the messages are written in, in the code (gettext's msgids).
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
# Every language with a catalogue in kb/locale/<code>/, the translated ones first: ("sq", "en").
TRANSLATED = tuple(sorted(path.parent.parent.name
                          for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))
LANGUAGES = (*TRANSLATED, SOURCE_LANGUAGE)


def _meant(value: str) -> str | None:
    """The catalogue language a locale names: 'sq_AL.UTF-8' or Windows' 'Albanian_Albania' -> 'sq'."""
    value = value.lower()
    for code in TRANSLATED:
        if value.startswith(code) or value.startswith(Locale.parse(code).english_name.lower()):
            return code
    return None


def chosen_language(asked: str | None = None, environ=None, system: str | None = None) -> str:
    """The language of the messages: `asked` (--lang), else KB_LANG, else the locale, else
    English. `system` is the locale Windows gives (where those variables are rarely set)."""
    environ = os.environ if environ is None else environ
    if asked in LANGUAGES:
        return asked
    if environ.get("KB_LANG") in LANGUAGES:
        return environ["KB_LANG"]
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            # LANGUAGE may list several, "sq_AL:en": the first is the one preferred.
            return _meant(value.split(":")[0]) or SOURCE_LANGUAGE
    if system is None and os.name == "nt":
        system = locale.getlocale()[0]  # "Albanian_Albania" or "sq_AL"
    return (system and _meant(system)) or SOURCE_LANGUAGE


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalogue of `language`, read from its .po file once per process. A message it does not
    translate (or marks fuzzy) stays in English."""
    # Imported here: a command that prints nothing in Albanian need not load Babel's catalogue tools.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = catalogue_path(language)
    if language == SOURCE_LANGUAGE or not path.exists():
        return _ENGLISH
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


# The source language needs no catalogue: a message is its own English.
_ENGLISH = gettext.NullTranslations()


class Message(str):
    """A message: its English text (the str), and what it takes to say it in another language."""

    msgid: str
    plural: str | None
    count: int | None
    params: dict | None

    def __new__(cls, msgid: str, params: dict | None = None, plural: str | None = None,
                count: int | None = None):
        self = super().__new__(cls, _fill(
            _ENGLISH, msgid, plural, count, params, SOURCE_LANGUAGE))
        self.msgid, self.plural, self.count, self.params = msgid, plural, count, params
        return self

    def said_in(self, language: str) -> str:
        if language == SOURCE_LANGUAGE:
            return str.__str__(self)
        return _fill(translations(language), self.msgid, self.plural, self.count, self.params,
                     language)

    # A str subclass would otherwise lose these on copy and pickle.
    def __reduce__(self):
        return (Message, (self.msgid, self.params, self.plural, self.count))


def _fill(catalogue, msgid, plural, count, params, language) -> str:
    text = catalogue.ngettext(msgid, plural, count) if plural is not None \
        else catalogue.gettext(msgid)
    if params is None:
        return text
    return text.format(**{name: say(value, language) for name, value in params.items()})


def say(value, language: str):
    """A placeholder's value in `language`: a Message in that language, a PerLanguage's text, a
    Number written the language's way; anything else as it is (the editor's own words)."""
    if isinstance(value, (Message, PerLanguage, Number, LanguageName)):
        return value.said_in(language)
    return value


class PerLanguage(dict):
    """A placeholder's value given in each language, such as a note of data/terms.yml."""

    def said_in(self, language: str) -> str:
        return self.get(language) or self.get(SOURCE_LANGUAGE, "")

    def __hash__(self):
        return hash(tuple(sorted(self.items())))

    def __str__(self) -> str:
        return self.said_in(SOURCE_LANGUAGE)


class Number(int):
    """A number written as the language writes it: 1,000 in English, 1 000 in Albanian."""

    def said_in(self, language: str) -> str:
        return format_decimal(int(self), locale=language)


def _(msgid: str, **params) -> Message:
    """A message. Placeholders are named ({field}); a literal brace is written twice ({{)."""
    return Message(msgid, params)


def ngettext(singular: str, plural: str, count: int, **params) -> Message:
    """A message that changes with a number, given to its placeholder {count}."""
    return Message(singular, {"count": count, **params}, plural, count)


def verbatim(text: str) -> Message:
    """A message that is not in the code, such as an "x-expected" text of data/schemas/ (gathered
    into the catalogue by kb/message_catalog.py): translated as it is, never formatted."""
    return Message(text)


def said_in(text, language: str) -> str:
    """Any text in `language`: a Message translated, anything else as it is."""
    return text.said_in(language) if isinstance(text, Message) else str(text)


class LanguageName(str):
    """The name of a language of the site, by its code, as the language printed names it:
    "English" / "anglisht" (Babel's CLDR data)."""

    def said_in(self, language: str) -> str:
        code = str.__str__(self)
        return Locale.parse(language).languages.get(code, code)
