"""The vocabulary (data/terms.yml): the glossary made from it, and the warnings `kb.py check` gives
where a page or a record uses a word the vocabulary lists as `avoid`.

The warnings are what an editor reads in the command's output and on the pull request:

    docs/guide/x.sq.md:3:12: warning: terms: "advokimin" — write "avokim" (…)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, replaced
from test_check import VALID_NETWORK, assert_no_traceback, check, lines_of, network

TERMS = yaml.safe_load((ROOT / "data" / "terms.yml").read_text(encoding="utf-8"))
PREFIX = {"sq": "", "en": "en/"}
ALBANIAN_ALPHABET = ("a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x "
                     "xh y z zh").split()


def project(root: Path, files: dict[str, str], terms: str | None = None) -> Path:
    """A copy of the vocabularies with one valid network, plus `files` (path -> text)."""
    (root / "data" / "networks").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "themes.yml", root / "data" / "themes.yml")
    if terms is None:
        shutil.copy(ROOT / "data" / "terms.yml", root / "data" / "terms.yml")
    else:
        (root / "data" / "terms.yml").write_text(terms, encoding="utf-8")
    (root / "data" / "networks" / "test-net.yml").write_text(VALID_NETWORK, encoding="utf-8")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return root


def terms_warnings(result) -> list[str]:
    return [line for line in lines_of(result) if ": warning: terms: " in line]


# --- the glossary page --------------------------------------------------------------------------

def albanian_key(text: str) -> list[int]:
    """Albanian alphabetical order, written out independently of the site's code."""
    text, key = text.lower(), []
    while text:
        letter = next((d for d in ALBANIAN_ALPHABET if len(d) == 2 and text.startswith(d)), text[0])
        key.append(ALBANIAN_ALPHABET.index(letter) if letter in ALBANIAN_ALPHABET else -1)
        text = text[len(letter):]
    return key


@pytest.mark.parametrize("language", ["sq", "en"])
def test_the_glossary_lists_every_term_with_its_anchor_in_order(site, language):
    page = site.page(PREFIX[language] + "glossary/")
    entries = page.select("article h3[id]")
    headings = {h["id"]: h.get_text(strip=True).rstrip("¶") for h in entries}
    assert len(TERMS) >= 30
    assert headings == {key: concept[language] for key, concept in TERMS.items()}
    words = [h.get_text(strip=True).rstrip("¶") for h in entries]
    key = albanian_key if language == "sq" else str.casefold
    assert words == sorted(words, key=key)
    # Each entry: its definition, and the word in the other language marked with that language.
    other = "en" if language == "sq" else "sq"
    for heading in entries:
        concept = TERMS[heading["id"]]
        definition = heading.find_next_sibling("p").get_text(strip=True)
        assert definition == concept["definition"][language]
        details = heading.find_next_sibling("ul")
        assert details.select_one(f'em[lang="{other}"]').get_text() == concept[other]


@pytest.mark.parametrize("language", ["sq", "en"])
def test_the_glossary_shows_the_variants_readers_meet(site, language):
    page = site.page(PREFIX[language] + "glossary/")
    entry = page.select_one("#cso").find_next_sibling("ul").get_text(" ", strip=True)
    assert "OJF" in entry and "OJQ" in entry and "NGO" in entry
    advocacy = page.select_one("#advocacy").find_next_sibling("ul").get_text(" ", strip=True)
    label = {"sq": "Në vend të:", "en": "Albanian:"}[language]
    assert label in advocacy
    if language == "sq":
        assert "advokim" in advocacy


def test_a_chapter_can_link_a_term_in_both_languages(site):
    for language in ("sq", "en"):
        page = site.page(PREFIX[language] + "glossary/")
        # The anchor is the concept's key, the same in both languages.
        assert page.select_one('h3#advocacy a.headerlink[href="#advocacy"]') is not None
        nav = [a.get("href", "") for a in site.page(PREFIX[language]).select("nav a")]
        assert any(href.rstrip("/").endswith("glossary") for href in nav), nav


# --- the warnings -------------------------------------------------------------------------------

PAGE = """\
---
title: Provë
---

Ky rresht është në rregull, me avokim të përbashkët.
Rrjeti merret me advokimin e përbashkët dhe me Advokim.
Një organizatë anëtare shërben si
organizatë strehuese për rrjetin.
"""


def test_a_discouraged_variant_is_a_warning_with_its_line_and_column(tmp_path):
    record = network(("  sq: Një rrjet për prova.", "  sq: >-\n    Një rrjet për prova, që bën\n"
                                                    "    advokim për të rinjtë."))
    root = project(tmp_path, {
        "docs/guide/test.sq.md": PAGE,
        "docs/guide/test.en.md": "# Test\n\nMembers get  Trainings and training.\n",
        "data/networks/test-net.yml": record,
    })
    result = check(root)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout  # warnings never fail the check
    warnings = terms_warnings(result)
    assert warnings == [
        'data/networks/test-net.yml:12:5: warning: terms: "advokim" — write "avokim" '
        "(common in CSO texts; this guide writes avokim, as in avokat (lawyer))",
        'docs/guide/test.en.md:3:14: warning: terms: "Trainings" — write "training courses" '
        "(in British English 'training' has no plural)",
        'docs/guide/test.sq.md:6:18: warning: terms: "advokimin" — write "avokim" '
        "(common in CSO texts; this guide writes avokim, as in avokat (lawyer))",
        'docs/guide/test.sq.md:6:48: warning: terms: "Advokim" — write "avokim" '
        "(common in CSO texts; this guide writes avokim, as in avokat (lawyer))",
        'docs/guide/test.sq.md:8:12: warning: terms: "strehuese" — write "pritës, pritëse" '
        "(strehim means shelter or housing)",
    ], result.stdout
    assert lines_of(result)[-1].endswith(f"no problems, {len(warnings)} warnings.")


def test_a_phrase_is_found_across_a_line_break_and_in_its_inflected_forms(tmp_path):
    page = ("Anëtarët mblidhen në\nngjarjen  përmbyllëse të projektit.\n"
            "Rrjetet e strehuara nga një anëtar.\n")
    result = check(project(tmp_path, {"docs/test.sq.md": page}))
    warnings = terms_warnings(result)
    assert [w.split(" — ")[0] for w in warnings] == [
        'docs/test.sq.md:2:1: warning: terms: "ngjarjen përmbyllëse"',
        'docs/test.sq.md:3:1: warning: terms: "Rrjetet e strehuara"',
    ], result.stdout


def test_no_warning_for_accepted_words_longer_words_addresses_or_code(tmp_path):
    page = """\
# Fjalët që lejohen

OJQ-të në Kosovë, OJF-të në Shqipëri, kuvendi, kryesia dhe pushteti lokal janë në rregull.
Fjalët paadvokim dhe advokimizëm nuk janë fjala që kërkohet.
Shihni [këtë faqe](https://example.org/advokimi-ne-praktike "advokim"),
<https://example.org/advokim>, www.example.org/advokim, `advokim` dhe ``një `advokim` tjetër``.
Një titull me adresë { #advokim } dhe <span title="advokim">tekst</span>.
<!-- advokim -->

```text
advokim
```

~~~~
Rrjet i strehuar
~~~~
"""
    record = network(("website: https://example.org", "website: https://example.org/advokim"),
                     ("  sq: Një rrjet për prova.",
                      "  sq: Një rrjet i OJQ-ve për prova (https://example.org/advokim)."))
    result = check(project(tmp_path, {"docs/index.sq.md": page,
                                      "data/networks/test-net.yml": record}))
    assert_no_traceback(result)
    assert terms_warnings(result) == [], result.stdout


def test_the_language_of_a_page_or_a_text_decides_which_words_are_checked(tmp_path):
    # "trainings" is a word to avoid in English only; "advokim" in Albanian only.
    record = network(("  en: A network for tests.", "  en: A network for advokim tests."),
                     ("  sq: Një rrjet për prova.", "  sq: Një rrjet për trainings."))
    result = check(project(tmp_path, {"docs/index.sq.md": "trainings\n",
                                      "docs/index.en.md": "advokim\n",
                                      "data/networks/test-net.yml": record}))
    assert terms_warnings(result) == [], result.stdout


# --- a broken data/terms.yml --------------------------------------------------------------------

GOOD_TERMS = """\
advocacy:
  sq: avokim
  en: advocacy
  definition:
    sq: Përpjekje e planifikuar për të ndryshuar një ligj ose një politikë.
    en: A planned effort to change a law or a policy.
  variants:
    - {sq: advokim, status: avoid}
    - {sq: lobim, status: accepted}
"""


def terms_with(*replacements: tuple[str, str]) -> str:
    return replaced(GOOD_TERMS, *replacements)


BROKEN_TERMS = [
    ("tab", terms_with(("  en: advocacy", "\ten: advocacy")), 3, 1, "", "tab character"),
    ("unknown-status", terms_with(("status: accepted", "status: acepted")), 9, 27,
     "advocacy.variants[2].status", "accepted (readers use it"),
    ("missing-definition", terms_with(("    en: A planned effort to change a law or a policy.\n", "")),
     5, 5, "advocacy.definition.en", "this field is missing"),
    ("both-languages", terms_with(("{sq: lobim, status", "{sq: lobim, en: lobbying, status")), 9, 7,
     "advocacy.variants[2]", "one variant in one language"),
    ("bad-key", terms_with(("advocacy:", "Advocacy:")), 1, 1, "Advocacy",
     "'Advocacy' cannot be a key; write a key of lowercase letters"),
    ("avoid-the-own-word",
     terms_with(("{sq: advokim, status: avoid}", "{sq: Avokim, status: avoid}")),
     8, 12, "advocacy.variants[1].sq", "would also warn on the word of 'advocacy'"),
    ("twice", terms_with(("{sq: lobim, status: accepted}", "{sq: Advokim, status: avoid}")),
     9, 12, "advocacy.variants[2].sq", "'Advokim' is already a variant of 'advocacy'"),
]


@pytest.mark.parametrize("case", BROKEN_TERMS, ids=[c[0] for c in BROKEN_TERMS])
def test_a_broken_vocabulary_is_an_error_with_file_and_line(tmp_path, case):
    _, text, line, column, field, message = case
    result = check(project(tmp_path, {}, terms=text))
    assert_no_traceback(result)
    assert result.returncode == 1, result.stdout
    prefix = f"data/terms.yml:{line}:{column}: error: " + (f"{field}: " if field else "")
    errors = [l for l in lines_of(result) if ": error: " in l]
    assert len(errors) == 1 and errors[0].startswith(prefix), result.stdout
    assert message in errors[0]


def test_the_good_vocabulary_of_these_cases_passes(tmp_path):
    result = check(project(tmp_path, {"docs/index.sq.md": "Avokimi, jo advokimi.\n"},
                           terms=GOOD_TERMS))
    assert result.returncode == 0, result.stdout
    assert terms_warnings(result) == ['docs/index.sq.md:1:13: warning: terms: "advokimi" — '
                                      'write "avokim"'], result.stdout


# --- the real texts -----------------------------------------------------------------------------

def test_the_real_pages_and_records_use_the_vocabulary():
    """Zero warnings on docs/ and data/. When this fails, the lines printed name each file, line
    and word to change; `python3 scripts/kb.py check` prints the same lines."""
    result = check(None)
    assert_no_traceback(result)
    assert terms_warnings(result) == [], "\n".join(terms_warnings(result))
    assert re.search(r"Checked \d+ files", result.stdout)
