"""The guide's vocabulary, data/terms.yml: checked like the records, made into the glossary page,
and used to warn where a page or a record uses a word the vocabulary discourages.

The warnings work as prose linters such as Vale do for documentation teams: every `avoid` variant
becomes a pattern, matched without regard to capitals, at word boundaries and with the usual
Albanian endings, and each match is reported with its file, line and column and what to write
instead. They stay warnings: they never change the exit code of `kb.py check` or stop the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kb.messages import PerLanguage, _

from .problems import Problem, relative
from .schema_check import check_against_schema
from .texts import text_languages
from .yaml_source import read_yaml

TERMS_FILE = Path("data") / "terms.yml"
GLOSSARY = "glossary"
# The languages of the vocabulary are those of every record text; a page is docs/<path>.<language>.md.
LANGUAGES = text_languages()


@cache
def word_forms(language: str) -> dict:
    """How words of `language` change in a text (data/word-forms.yml): endings, final vowels that
    drop before them, linking words, the alphabet."""
    path = Path(__file__).resolve().parents[2] / "data" / "word-forms.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")).get(language) or {}


def _endings(language: str) -> str:
    endings = sorted(word_forms(language).get("endings", []), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(e) for e in endings) + ")?" if endings else ""


def _linking(language: str) -> tuple:
    return tuple(word_forms(language).get("linking", ()))


def _drops_final_vowel(word: str, language: str) -> bool:
    return len(word) > 3 and word[-1].lower() in word_forms(language).get("final_vowels", ())


@dataclass(frozen=True)
class Rule:
    """One `avoid` variant of the vocabulary, ready to be looked for."""

    concept: str
    language: str
    text: str
    write: str
    note: PerLanguage   # the reason, in each language of the messages
    where: tuple    # the variant's place in data/terms.yml, for messages about the rule itself


def _word_pattern(word: str, language: str) -> str:
    if word.casefold() in _linking(language):
        return "(?:" + "|".join(_linking(language)) + ")"
    if _drops_final_vowel(word, language):
        vowels = "".join(word_forms(language)["final_vowels"])
        return re.escape(word[:-1]) + f"[{re.escape(vowels)}]?" + _endings(language)
    return re.escape(word) + _endings(language)


def variant_pattern(text: str, language: str) -> str:
    """A variant as a regular expression: its words, in small letters, with their endings, up to
    the end of a word. It is matched against a text in small letters, and a match only counts at
    the start of a word (see Matcher.find)."""
    words = r"\s+".join(_word_pattern(word.lower(), language) for word in text.split())
    return words + r"(?!\w)"


class Matcher:
    """Finds the variants of one language in a text, all in one pass."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self.patterns = [re.compile(variant_pattern(r.text, r.language)) for r in rules]
        # One expression for all of them, each starting with a letter: the regular expression
        # engine then skips quickly to the places where a variant can start. A lookbehind for the
        # start of a word, or re.IGNORECASE, would make it some forty times slower.
        self.regex = re.compile("|".join(f"(?:{p.pattern})" for p in self.patterns)) \
            if rules else None

    def find(self, text: str):
        """(start, end, rule) of every match, in order."""
        if self.regex is None:
            return
        lowered = text.lower()
        if len(lowered) != len(text):
            # A few letters change length in small letters (İ): keep each place where it is.
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        position = 0
        while match := self.regex.search(lowered, position):
            start = match.start()
            if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                position = start + 1  # inside a longer word: "paadvokim" is not "advokim"
                continue
            rule = next(r for r, p in zip(self.rules, self.patterns) if p.match(lowered, start))
            yield start, match.end(), rule
            position = match.end()


def _stems(rule: Rule) -> tuple[str, ...]:
    """The variant's words in small letters, without the -e/-ë they may drop and without the
    linking words; the longest first, as it is the least likely to be found by chance."""
    words = [w.lower() for w in rule.text.split() if w.casefold() not in _linking(rule.language)]
    stems = [w[:-1] if _drops_final_vowel(w, rule.language) else w for w in words]
    return tuple(sorted(stems, key=len, reverse=True))


def avoid_rules(vocabulary: dict) -> list[Rule]:
    rules = []
    for concept_id, concept in vocabulary.items():
        for index, variant in enumerate(concept.get("variants", [])):
            if variant["status"] != "avoid":
                continue
            language = next(code for code in LANGUAGES if code in variant)
            note = PerLanguage(variant.get("note", {}))
            rules.append(Rule(concept_id, language, variant[language],
                              variant.get("write", concept[language]), note,
                              (concept_id, "variants", index, language)))
    return rules


# --- reading data/terms.yml ---------------------------------------------------------------------

def load_terms(root: Path, catalog) -> None:
    """Read and check data/terms.yml into catalog.terms; every problem goes into the catalog.

    A copy of data/ without the file (as some tests make) is checked without the vocabulary."""
    path = root / TERMS_FILE
    if not path.exists():
        return
    catalog.files_checked += 1
    source = read_yaml(path, relative(path, root))
    catalog.problems.extend(source.problems)
    if source.data is None or source.problems:
        return
    problems = check_against_schema(source, "terms", "concept")
    if not problems:
        problems = _vocabulary_rules(source)
    catalog.problems.extend(problems)
    if not any(p.severity == "error" for p in problems):
        catalog.terms = source.data


def _vocabulary_rules(source) -> list[Problem]:
    """What the schema cannot see: a variant given twice, or one that would warn on a word the
    vocabulary recommends (its own concept's word, an accepted variant, a suggestion)."""
    vocabulary = source.data
    problems = []
    seen: dict[tuple[str, str], str] = {}
    recommended = []  # (language, text, what it is)
    for concept_id, concept in vocabulary.items():
        for language in LANGUAGES:
            recommended.append((language, concept[language],
                                _("the word of '{concept}'", concept=concept_id)))
        for index, variant in enumerate(concept.get("variants", [])):
            language = next(code for code in LANGUAGES if code in variant)
            key = (language, " ".join(variant[language].casefold().split()))
            if key in seen:
                problems.append(source.problem(
                    (concept_id, "variants", index, language),
                    _("'{variant}' is already a variant of '{concept}'; keep it once",
                      variant=variant[language], concept=seen[key])))
            seen.setdefault(key, concept_id)
            if variant["status"] == "accepted":
                recommended.append((language, variant[language],
                                    _("an accepted variant of '{concept}'", concept=concept_id)))
            elif "write" in variant:
                recommended.append((language, variant["write"],
                                    _("the suggestion of '{concept}'", concept=concept_id)))
    for rule in avoid_rules(vocabulary):
        matcher = Matcher([rule])
        clash = next((what for language, text, what in recommended
                      if language == rule.language and any(matcher.find(text))), None)
        if clash:
            problems.append(source.problem(
                rule.where,
                _("'{variant}' would also warn on {clash}; give the variant as a longer phrase "
                  "that is wrong wherever it appears, or make it accepted",
                  variant=rule.text, clash=clash)))
    return problems


# --- the warnings on pages and records ----------------------------------------------------------

class Wording:
    """The `avoid` variants of a vocabulary, looked for in the pages and in the records' texts."""

    def __init__(self, vocabulary: dict):
        rules = avoid_rules(vocabulary)
        self.matchers = {language: Matcher([r for r in rules if r.language == language])
                         for language in LANGUAGES}
        # The stems of each variant's words: a text that lacks one of them cannot hold that
        # variant, and `in` tells that faster than walking the record and running the regular
        # expression on each of its texts (most records hold no variant at all).
        self.stems = [_stems(rule) for rule in rules]

    def may_occur_in(self, text: str) -> bool:
        lowered = text.lower()
        for longest, *others in self.stems:
            if longest in lowered and all(stem in lowered for stem in others):
                return True
        return False

    def page_warnings(self, text: str, language: str, shown: str) -> list[Problem]:
        if not self.may_occur_in(text):
            return []
        return [_warning(shown, text, start, end, rule)
                for start, end, rule in self.matchers[language].find(mask_markdown(text))]

    def record_warnings(self, source) -> list[Problem]:
        """The warnings for one record just read (a yaml_source.Source with its text and nodes)."""
        if source.node is None or not self.may_occur_in(source.text):
            return []
        text, problems = source.text, []
        for language, scalar in _texts_by_language(source.node):
            start, end = scalar.start_mark.index, scalar.end_mark.index
            # The value as it stands in the file, quotes and line breaks included, so that a
            # match's place in it is its place in the file.
            segment = _URL.sub(_blank, text[start:end])
            problems += [_warning(source.path, text, start + s, start + e, rule)
                         for s, e, rule in self.matchers[language].find(segment)]
        return problems


def check_pages(root: Path, vocabulary: dict) -> list[Problem]:
    """A warning for every `avoid` variant in docs/**/<page>.<language>.md. (The records' texts
    are checked as they are read: see load_records in catalog.py.)"""
    docs = root / "docs"
    if not vocabulary or not docs.is_dir():
        return []
    wording = Wording(vocabulary)
    problems = []
    for path in sorted(docs.rglob("*.md")):
        language = next((code for code in LANGUAGES if path.name.endswith(f".{code}.md")), None)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs names a page it cannot read
        if language is not None:
            shown = path.relative_to(root).as_posix()
            problems += wording.page_warnings(text, language, shown)
    return problems


def _texts_by_language(node):
    """(language, scalar node) of every text under a key sq or en, at any depth."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.ScalarNode):
                if isinstance(key, yaml.ScalarNode) and key.value in LANGUAGES:
                    yield key.value, value
            else:
                yield from _texts_by_language(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _texts_by_language(item)


def _warning(shown: str, text: str, start: int, end: int, rule: Rule) -> Problem:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    written = " ".join(text[start:end].split())
    message = _('"{written}" — write "{write}" ({reason})', written=written, write=rule.write,
                reason=rule.note) if rule.note else \
        _('"{written}" — write "{write}"', written=written, write=rule.write)
    return Problem(shown, line, column, "terms", message, "warning")


# What readers never see as prose is blanked out, keeping every other character in its place.
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+")
_NOT_PROSE = re.compile("|".join([
    r"<!--.*?-->",                                  # HTML comments
    r"(?P<ticks>`+)[^\n]+?(?<!`)(?P=ticks)(?!`)",  # `code`
    r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)",   # ](link target "title")
    r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+",               # [reference]: target
    r"\{[ \t]*(?:[#.:]|[\w-]+=)[^{}\n]*\}",         # { #anchor .class lang=en }
    r"</?[A-Za-z][^>\n]*>",                         # HTML tags (the text between them stays)
    _URL.pattern,
]), re.DOTALL | re.MULTILINE)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def mask_markdown(text: str) -> str:
    """The page with code blocks, code, link targets, URLs and markup turned into spaces."""
    lines = text.split("\n")
    fence = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and opening and opening.group(1)[0] == fence[0] \
                and len(opening.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
            lines[number] = " " * len(line)
            fence = None
            continue
        if fence is not None:
            lines[number] = " " * len(line)
    return _NOT_PROSE.sub(_blank, "\n".join(lines))


# --- the glossary page --------------------------------------------------------------------------

def alphabetical_key(text: str, language: str) -> tuple:
    """The place of `text` in the alphabet of `language` (data/word-forms.yml), where a letter
    may be written with two characters (sh); without an alphabet, letter by letter."""
    alphabet = word_forms(language).get("alphabet")
    if not alphabet:
        return tuple(ord(c) for c in text.casefold())
    order = {letter: index for index, letter in enumerate(alphabet)}
    folded, key, index = text.casefold(), [], 0
    while index < len(folded):
        pair = folded[index:index + 2]
        if len(pair) == 2 and pair in order:
            key.append(order[pair])
            index += 2
            continue
        char = folded[index]
        # A space sorts first ("kuotë anëtarësie" before "kuotëformë"); other characters after z.
        key.append(-1 if char.isspace() else order.get(char, len(alphabet) + ord(char)))
        index += 1
    return tuple(key)


def sort_key(text: str, language: str):
    return alphabetical_key(text, language)


def _md(text: str) -> str:
    """Text from the vocabulary, shown as written: never read as Markdown or HTML."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]#|])", r"\\\1", text)


def _variant_list(variants: list, language: str, shown_in: str) -> str:
    """'*OJF* (the legal term in Albania), *OJQ* (…)': variants in `language`, notes in the
    page's language `shown_in`."""
    items = []
    for variant in variants:
        word = f"*{_md(variant[language])}*"
        if language != shown_in:
            word += f"{{ lang={language} }}"
        note = variant.get("note", {}).get(shown_in)
        items.append(word + (f" ({_md(note)})" if note else ""))
    return ", ".join(items)


def glossary_markdown(vocabulary: dict, language: str, labels: dict) -> str:
    """The entries of the glossary page in one language, in that language's alphabetical order.

    Each entry is a heading whose id is the concept's key (the same in every language), so a
    chapter links a term as glossary.md#advocacy."""
    other = next(code for code in LANGUAGES if code != language)
    lines = [f"## {labels['glossary_heading']}", "",
             labels["glossary_count"].format(count=len(vocabulary)), ""]
    for concept_id in sorted(vocabulary, key=lambda c: sort_key(vocabulary[c][language], language)):
        concept = vocabulary[concept_id]
        variants = concept.get("variants", [])

        def of(code, status):
            return [v for v in variants if code in v and v["status"] == status]

        lines += [f"### {_md(concept[language])} {{ #{concept_id} }}", "",
                  _md(concept["definition"][language]), ""]
        details = []
        accepted = of(language, "accepted")
        if accepted:
            label = labels["glossary_accepted_one" if len(accepted) == 1 else "glossary_accepted"]
            details.append(f"**{label}:** " + _variant_list(accepted, language, language))
        if of(language, "avoid"):
            details.append(f"**{labels['glossary_avoid']}:** "
                           + _variant_list(of(language, "avoid"), language, language))
        in_other = f"**{labels['glossary_other']}:** *{_md(concept[other])}*{{ lang={other} }}"
        if of(other, "accepted"):
            in_other += f"; {labels['glossary_also']} " + _variant_list(
                of(other, "accepted"), other, language)
        details.append(in_other)
        lines += [f"- {detail}" for detail in details] + [""]
    return "\n".join(lines)
