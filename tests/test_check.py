"""`python scripts/kb.py check`: what an editor reads when a record is wrong, and the exit code.

Every case runs the command as editors and the pull-request checks do, on a copy of data/ in a
temporary folder (the hidden `--root` option), with one file added or changed. Each message names
the file, the line and column, the field, and what to write instead:

    data/networks/x.yml:6:10: error: founded: '2999' is in the future; write ...
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, replaced

KB = ROOT / "scripts" / "kb.py"
NETWORK = "data/networks/test-net.yml"
REAL_NETWORKS = len(list((ROOT / "data" / "networks").glob("*.yml")))
REPORT = "data/reports/test-report.yml"

# A valid network record. The line numbers the cases below expect are counted in this text:
#   2 name, 3 name.sq, 4 name.en, 5 acronym, 6 founded, 7 countries, 8 themes, 9 description,
#   12 website, 13 email, 14 sources, 15 sources[1], 16 last_verified, 17 albanian_name, 18 status
VALID_NETWORK = """\
# yaml-language-server: $schema=../schemas/network.schema.json
name:
  sq: Rrjeti Provë
  en: Test Network
acronym: TN
founded: 2010
countries: [AL, XK]
themes: [human-rights]
description:
  sq: Një rrjet për prova.
  en: A network for tests.
website: https://example.org
email: info@example.org
sources:
  - {url: "https://example.org/about", title: About}
last_verified: 2024-01-01
albanian_name: translated
status: unknown
"""

# A valid report record whose one file has an address (so it gives no warning).
#   1 title, 4 date, 8 themes, 9 files, 10 files[1], 11 files[1].url, 12 files[1].format
VALID_REPORT = """\
title:
  sq: Raporti i provës
  en: Test report
date: 2016
summary:
  sq: Një përmbledhje.
  en: A summary.
themes: [civil-society-development]
files:
  - label: {sq: Raporti, en: Report}
    url: https://example.org/report.pdf
    format: PDF
sources:
  - {title: A source}
last_verified: 2024-01-01
"""


# Without its file, the valid report has no file, no landing_page and no not_online.
NO_WAY_TO_GET_IT = ("files:\n  - label: {sq: Raporti, en: Report}\n"
                    "    url: https://example.org/report.pdf\n    format: PDF\n", "")


def network(*replacements: tuple[str, str]) -> str:
    return replaced(VALID_NETWORK, *replacements)


def report(*replacements: tuple[str, str]) -> str:
    return replaced(VALID_REPORT, *replacements)


def data_copy(root: Path, files: dict[str, str | bytes]) -> Path:
    """themes.yml and every real network record, plus `files` (path -> text or raw bytes)."""
    (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "themes.yml", root / "data" / "themes.yml")
    shutil.copytree(ROOT / "data" / "networks", root / "data" / "networks")
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
    return root


def check(root: Path | None, timeout: float = 120, **env) -> subprocess.CompletedProcess:
    """Run the check as a command; outside GitHub Actions unless env says otherwise."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env)
    args = [sys.executable, str(KB), "check"] + (["--root", str(root)] if root else [])
    return subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def lines_of(result: subprocess.CompletedProcess) -> list[str]:
    return result.stdout.splitlines()


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert result.stderr == "", result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def problem_prefix(path: str, line: int, column: int, field: str, severity: str = "error") -> str:
    return f"{path}:{line}:{column}: {severity}: " + (f"{field}: " if field else "")


# --- the real data ------------------------------------------------------------------------------

def test_the_real_data_passes():
    result = check(None)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    lines = lines_of(result)
    summaries = [line for line in lines if line.startswith("Checked ")]
    assert len(summaries) == 1 and lines[-1] == summaries[0], result.stdout
    # themes.yml, countries.yml, terms.yml and every record.
    files = (1 + (ROOT / "data" / "countries.yml").exists() + (ROOT / "data" / "terms.yml").exists()
             + len(list((ROOT / "data" / "networks").glob("*.yml")))
             + len(list((ROOT / "data" / "reports").glob("*.yml"))))
    assert summaries[0].startswith(f"Checked {files} files ")
    assert "no problems" in summaries[0]
    # Anything else printed is a warning, never an error.
    for line in lines[:-1]:
        assert re.match(r"(data/\S+\.yml|docs/\S+\.md):\d+:\d+: warning: ", line), line
    assert "::" not in result.stdout  # annotations only in GitHub Actions


# --- one problem at a time ----------------------------------------------------------------------

# (id, files to add, where the problem is reported, what the message must say)
CASES = [
    # Broken YAML.
    ("tab-indent", {NETWORK: network(("  sq: Rrjeti Provë", "\tsq: Rrjeti Provë"))},
     (NETWORK, 3, 1, ""), "tab character"),
    # A quote opened and never closed: the line to correct is the one with the quote.
    ("unclosed-quote", {NETWORK: network(("  sq: Rrjeti Provë", "  sq: 'Rrjeti Provë"))},
     (NETWORK, 3, 7, ""), "a quote opens here and is never closed"),
    ("unclosed-quote-last-line",
     {NETWORK: network(("last_verified: 2024-01-01", 'last_verified: "2024-01-01'))},
     (NETWORK, 16, 16, ""), "a quote opens here and is never closed"),
    ("colon-in-value", {NETWORK: network(("acronym: TN", "acronym: TN: the test network"))},
     (NETWORK, 5, 12, ""), "put the whole value in double quotes"),
    ("empty-file", {NETWORK: ""}, (NETWORK, 1, 1, ""), "the file is empty"),
    ("not-utf8", {NETWORK: "name: café\n".encode("latin-1")},
     (NETWORK, 1, 10, ""), "not saved as UTF-8"),
    ("duplicate-key", {NETWORK: network(("founded: 2010\n", "founded: 2010\nfounded: 2011\n"))},
     (NETWORK, 7, 1, "founded"), "given twice (first on line 6)"),
    ("unknown-key", {NETWORK: network(("website:", "webiste:"))},
     (NETWORK, 12, 1, "webiste"), "did you mean 'website'?"),
    ("object-tag",
     {NETWORK: network(("acronym: TN", 'acronym: !!python/object/apply:os.system ["echo hi"]'))},
     (NETWORK, 5, 10, "acronym"), "the YAML tag '!!python/object/apply:os.system' is not allowed"),
    # File names.
    ("upper-case-name", {"data/networks/BCSDN.yml": (ROOT / "data/networks/bcsdn.yml").read_text(
        encoding="utf-8")},
     ("data/networks/BCSDN.yml", 1, 1, ""), "merge the two into bcsdn.yml"),
    ("yaml-extension", {"data/networks/bcsdn.yaml": (ROOT / "data/networks/bcsdn.yml").read_text(
        encoding="utf-8")},
     ("data/networks/bcsdn.yaml", 1, 1, ""), "merge the two into bcsdn.yml"),
    ("space-in-name", {"data/networks/my network.yml": VALID_NETWORK},
     ("data/networks/my network.yml", 1, 1, ""), "rename it to my-network.yml"),
    ("stray-file", {"data/networks/notes.txt": "remember to add RECOM\n"},
     ("data/networks/notes.txt", 1, 1, ""), "this file is not read"),
    # Fields.
    ("missing-field", {NETWORK: network(("themes: [human-rights]\n", ""))},
     (NETWORK, 2, 1, "themes"), "this field is missing"),
    ("countries-not-a-list", {NETWORK: network(("countries: [AL, XK]", "countries: AL"))},
     (NETWORK, 7, 12, "countries"), "a list of country codes in square brackets"),
    ("founded-words", {NETWORK: network(("founded: 2010", 'founded: "around 2003"'))},
     (NETWORK, 6, 10, "founded"), "'around 2003' is not accepted here"),
    ("impossible-date", {NETWORK: network(("founded: 2010", "founded: 2009-02-30"))},
     (NETWORK, 6, 10, "founded"), "not a day that exists in the calendar"),
    ("future-date", {NETWORK: network(("founded: 2010", "founded: 2999"))},
     (NETWORK, 6, 10, "founded"), "'2999' is in the future"),
    ("future-last-verified",
     {NETWORK: network(("last_verified: 2024-01-01", "last_verified: 2999-01-01"))},
     (NETWORK, 16, 16, "last_verified"), "is in the future"),
    ("date-before-1900", {NETWORK: network(("founded: 2010", "founded: 1850"))},
     (NETWORK, 6, 10, "founded"), "is before 1900"),
    ("negative-members",
     {NETWORK: network(("themes:", "members: {count: -3, as_of: 2018}\nthemes:"))},
     (NETWORK, 8, 18, "members.count"), "less than zero"),
    ("fractional-members",
     {NETWORK: network(("themes:", "members: {count: 15.5, as_of: 2018}\nthemes:"))},
     (NETWORK, 8, 18, "members.count"), "15.5 is not a whole number"),
    ("ftp-link", {NETWORK: network(("website: https://example.org", "website: ftp://example.org"))},
     (NETWORK, 12, 10, "website"), "starting with https:// or http://"),
    ("javascript-link",
     {NETWORK: network(('url: "https://example.org/about"', 'url: "javascript:alert(1)"'))},
     (NETWORK, 15, 11, "sources[1].url"), "starting with https:// or http://"),
    ("invalid-email", {NETWORK: network(("email: info@example.org", "email: info@example"))},
     (NETWORK, 13, 8, "email"), "an e-mail address such as info@example.org"),
    ("unknown-theme", {NETWORK: network(("themes: [human-rights]", "themes: [human-right]"))},
     (NETWORK, 8, 10, "themes[1]"), "did you mean 'human-rights'?"),
    ("unknown-country", {NETWORK: network(("countries: [AL, XK]", "countries: [AL, QQ]"))},
     (NETWORK, 7, 17, "countries[2]"), "'QQ' is not a country code"),
    ("kosovo-as-ks", {NETWORK: network(("countries: [AL, XK]", "countries: [AL, KS]"))},
     (NETWORK, 7, 17, "countries[2]"), "did you mean XK (Kosovo)?"),
    ("kosovo-as-ko", {NETWORK: network(("countries: [AL, XK]", "countries: [AL, KO]"))},
     (NETWORK, 7, 17, "countries[2]"), "did you mean XK (Kosovo)?"),
    # CLDR names these places, but they are not countries.
    ("canary-islands", {NETWORK: network(("countries: [AL, XK]", "countries: [AL, IC]"))},
     (NETWORK, 7, 17, "countries[2]"),
     "'IC' stands for Canary Islands, which has no country code of its own; write ES (Spain)"),
    ("ascension-secretariat",
     {NETWORK: network(("countries: [AL, XK]", "countries: [AL, XK]\nsecretariat: {country: AC}"))},
     (NETWORK, 8, 24, "secretariat.country"), "'AC' stands for Ascension Island"),
    ("pseudo-region", {NETWORK: network(("countries: [AL, XK]", "countries: [AL, XA]"))},
     (NETWORK, 7, 17, "countries[2]"), "'XA' is not a country code"),
    # Text made only of spaces is empty text.
    ("blank-name", {NETWORK: network(("en: Test Network", 'en: "   "'))},
     (NETWORK, 4, 7, "name.en"), "the value is empty; write the English text"),
    ("blank-source-title", {NETWORK: network(("title: About}", 'title: "\\t "}'))},
     (NETWORK, 15, 47, "sources[1].title"), "the value is empty; write a short title"),
    # Hostile files: refused quickly, with a message, never a traceback.
    ("anchor-and-alias",
     {NETWORK: network(("acronym: TN", "acronym: &short TN"), ("en: Test Network", "en: *short"))},
     (NETWORK, 5, 10, ""), "'&short' names this value so that '*short' can repeat it"),
    ("ampersand-at-the-start", {NETWORK: network(("acronym: TN", "acronym: &TN"))},
     (NETWORK, 5, 10, ""), "if the '&' is part of the text, put the whole value in double quotes"),
    ("deep-nesting", {NETWORK: network(("acronym: TN", "acronym: " + "[" * 900 + "]" * 900))},
     (NETWORK, 5, 30, "acronym" + "[1]" * 20),
     "the brackets or indentation nest deeper than any record needs"),
    # Status and the latest activity.
    ("active-without-last-active", {NETWORK: network(("status: unknown", "status: active"))},
     (NETWORK, 18, 9, "status"), "the status is active, so last_active is required"),
    ("last-active-after-verification",
     {NETWORK: network(("status: unknown", "status: active\nlast_active: 2025"))},
     (NETWORK, 19, 14, "last_active"), "after the record was last verified (2024)"),
    ("last-active-before-founding",
     {NETWORK: network(("status: unknown", "status: unknown\nlast_active: 2005"))},
     (NETWORK, 19, 14, "last_active"), "before the network was founded (2010)"),
    ("unknown-status", {NETWORK: network(("status: unknown", "status: dormant"))},
     (NETWORK, 18, 9, "status"), "active, inactive or unknown"),
    # Reports.
    ("report-broken-field", {REPORT: report(("format: PDF", "format: pdf"))},
     (REPORT, 12, 13, "files[1].format"), "PDF, DOCX"),
]


@pytest.mark.parametrize("files, where, phrase", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_one_problem_is_reported_on_its_line(tmp_path, files, where, phrase):
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    assert len(lines) == 2, result.stdout  # the problem, then the summary
    problem, summary = lines
    assert problem.startswith(problem_prefix(*where)), problem
    assert phrase in problem, problem
    assert summary.startswith("1 problem in 1 file (of ") and "correct the lines above" in summary


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object/apply:subprocess.check_output",
    "!!python/name:os.system",
    "!include",
])
def test_a_yaml_tag_runs_nothing(tmp_path, tag):
    # The command a tag would run leaves a file behind; the check refuses the tag instead.
    marker = tmp_path / "ran"
    files = {NETWORK: network(("  - {url:", f"  - {tag} [touch {marker.as_posix()}]\n  - {{url:"))}
    root = data_copy(tmp_path / "copy", files)
    result = check(root)
    assert_no_traceback(result)
    assert result.returncode == 1, result.stdout
    problem, summary = lines_of(result)
    assert problem.startswith(problem_prefix(NETWORK, 15, 5, "sources[1]")), problem
    assert f"the YAML tag '{tag}' is not allowed" in problem, problem
    assert not marker.exists()


def test_norway_is_a_country_code_not_false(tmp_path):
    files = {NETWORK: network(("countries: [AL, XK]",
                               "countries: [AL, NO]\nsecretariat: {city: {sq: Oslo, en: Oslo}, country: NO}"))}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    networks = REAL_NETWORKS + 1
    assert lines_of(result) == [
        f"Checked {networks + 1} files ({networks} networks, 0 reports): no problems."]
    assert "false" not in result.stdout


@pytest.mark.parametrize("code, phrase", [
    ("SR", "'SR' is the code of Suriname, which is outside Europe and Türkiye; "
           "did you mean RS (Serbia)?"),
    ("MN", "'MN' is the code of Mongolia, which is outside Europe and Türkiye; "
           "did you mean ME (Montenegro)?"),
    ("MA", "did you mean MK (North Macedonia)?"),
    ("CR", "did you mean HR (Croatia)?"),
    ("BH", "did you mean BA (Bosnia"),
    ("US", "'US' is the code of United States, which is outside Europe and Türkiye; check"),
])
def test_a_country_outside_europe_is_a_warning_naming_the_likely_code(tmp_path, code, phrase):
    files = {NETWORK: network(("countries: [AL, XK]", f"countries: [AL, {code}]"))}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    warning, summary = lines_of(result)
    assert warning.startswith(problem_prefix(NETWORK, 7, 17, "countries[2]", "warning")), warning
    assert phrase in warning, warning
    assert summary.endswith("no problems, 1 warning.")


@pytest.mark.parametrize("code, warned", [("KG", False), ("SR", True)])
def test_a_record_with_a_wider_region_is_asked_only_about_slips(tmp_path, code, warned):
    files = {NETWORK: network(("countries: [AL, XK]", f"countries: [AL, {code}]\n"
                               "wider_region: {sq: Evropa dhe Azia Qendrore, "
                               "en: Europe and Central Asia}"))}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    ours = [line for line in lines_of(result) if line.startswith(NETWORK)]
    assert len(ours) == warned, result.stdout
    if warned:
        assert "did you mean RS (Serbia)?" in ours[0]


def test_countries_of_europe_and_turkiye_pass_in_silence(tmp_path):
    files = {NETWORK: network(("countries: [AL, XK]",
                               "countries: [AL, BA, HR, XK, MK, ME, RS, SI, TR, CY, GE, UA, IS]"))}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    assert len(lines_of(result)) == 1 and "no problems." in result.stdout, result.stdout


@pytest.mark.parametrize("blank", ['"   "', '"\\t"', '" \\u00a0 "'])
def test_blank_text_gets_the_message_of_empty_text(tmp_path, blank):
    empty = check(data_copy(tmp_path / "empty", {NETWORK: network(("en: Test Network", 'en: ""'))}))
    spaces = check(data_copy(tmp_path / "blank", {NETWORK: network(("en: Test Network",
                                                                      f"en: {blank}"))}))
    assert empty.returncode == spaces.returncode == 1
    assert lines_of(spaces)[0] == lines_of(empty)[0], (spaces.stdout, empty.stdout)


@pytest.mark.parametrize("last_active, warned", [(2020, True), (2021, False)])
def test_an_active_status_with_an_old_activity_is_a_warning(tmp_path, last_active, warned):
    # last_verified is 2024-01-01: an activity in 2021 is within three years, 2020 is not.
    files = {NETWORK: network(("status: unknown", f"status: active\nlast_active: {last_active}"))}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    lines = [line for line in lines_of(result) if NETWORK in line]
    if warned:
        assert len(lines) == 1, result.stdout
        assert lines[0].startswith(problem_prefix(NETWORK, 19, 14, "last_active", "warning"))
        assert "more than 3 years before last_verified (2024)" in lines[0]
        assert "status: unknown" in lines[0]
    else:
        assert lines == [], result.stdout


def test_an_unknown_status_with_a_recent_activity_is_a_warning(tmp_path):
    files = {NETWORK: network(("status: unknown", "status: unknown\nlast_active: 2022"))}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    lines = [line for line in lines_of(result) if NETWORK in line]
    assert len(lines) == 1, result.stdout
    assert lines[0].startswith(problem_prefix(NETWORK, 18, 9, "status", "warning"))
    assert "write status: active" in lines[0]


def test_a_report_readers_cannot_get_is_a_warning(tmp_path):
    files = {REPORT: report(NO_WAY_TO_GET_IT)}
    result = check(data_copy(tmp_path, files))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stdout
    warning, summary = lines_of(result)
    assert warning.startswith(problem_prefix(REPORT, 1, 1, "title", "warning")), warning
    assert "the page cannot tell readers where to get this report" in warning
    assert summary.startswith(f"Checked {REAL_NETWORKS + 2} files ")
    assert summary.endswith("no problems, 1 warning.")


def test_the_summary_names_one_record_in_the_singular(tmp_path):
    (tmp_path / "data" / "networks").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "themes.yml", tmp_path / "data" / "themes.yml")
    (tmp_path / NETWORK).write_text(VALID_NETWORK, encoding="utf-8")
    (tmp_path / "data" / "reports").mkdir()
    (tmp_path / REPORT).write_text(VALID_REPORT, encoding="utf-8")
    result = check(tmp_path)
    assert result.returncode == 0, result.stdout
    assert lines_of(result) == ["Checked 3 files (1 network, 1 report): no problems."]


BILLION_LAUGHS = "lol1: &lol1 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]\n" for n in range(2, 10))


def test_a_record_that_expands_exponentially_is_refused_at_once(tmp_path):
    # Nine anchors, each a list of nine aliases of the one before: 9**9 values once expanded.
    root = data_copy(tmp_path, {NETWORK: VALID_NETWORK + BILLION_LAUGHS})
    before = fingerprint(root)
    started = time.monotonic()
    result = check(root, timeout=30)
    elapsed = time.monotonic() - started
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    assert len(lines) == 10, result.stdout  # one line per anchor, then the summary
    for n, line in enumerate(lines[:-1], start=1):
        assert line.startswith(problem_prefix(NETWORK, len(VALID_NETWORK.splitlines()) + n, 7, "")), line
        assert f"'&lol{n}' names this value so that '*lol{n}' can repeat it" in line, line
        assert "write the value out in full" in line, line
    # The check starts a Python process too; the refusal itself takes a few milliseconds.
    assert elapsed < 5, elapsed
    assert fingerprint(root) == before


@pytest.mark.parametrize("text, phrase", [
    (network(("countries: [AL, XK]", "countries: [" + ", ".join(["AL"] * 10_000) + "]")),
     "the file holds more than 1,000 values, far more than a record needs"),
    (VALID_NETWORK + "".join(f"field{n}: value\n" for n in range(5_000)),
     "the file holds more than 1,000 values, far more than a record needs"),
    (network(("  en: A network for tests.", "  en: " + "word " * 1_000_000)),
     "the file is 5,000 kilobytes, far larger than a record (a few kilobytes)"),
], ids=["a-long-list", "many-fields", "a-huge-text"])
def test_a_record_far_too_large_is_refused_at_once(tmp_path, text, phrase):
    root = data_copy(tmp_path, {NETWORK: text})
    started = time.monotonic()
    result = check(root, timeout=60)
    elapsed = time.monotonic() - started
    assert_no_traceback(result)
    assert result.returncode == 1
    problem, summary = lines_of(result)
    assert problem.startswith(f"{NETWORK}:") and ": error: " in problem, problem
    assert phrase in problem, problem
    assert elapsed < 5, elapsed


# --- every problem at once ----------------------------------------------------------------------

THREE_PROBLEMS = network(("founded: 2010", "founded: 2009-02-30"),
                         ("countries: [AL, XK]", "countries: [AL, KS]"),
                         ("website:", "webiste:"))


def test_every_problem_in_a_file_is_printed(tmp_path):
    result = check(data_copy(tmp_path, {NETWORK: THREE_PROBLEMS}))
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    assert len(lines) == 4, result.stdout
    assert lines[0].startswith(problem_prefix(NETWORK, 6, 10, "founded"))
    assert "not a day that exists" in lines[0]
    assert lines[1].startswith(problem_prefix(NETWORK, 7, 17, "countries[2]"))
    assert "did you mean XK (Kosovo)?" in lines[1]
    assert lines[2].startswith(problem_prefix(NETWORK, 12, 1, "webiste"))
    assert "did you mean 'website'?" in lines[2]
    assert lines[3].startswith("3 problems in 1 file (of ")


def two_bad_files(root: Path) -> Path:
    return data_copy(root, {
        NETWORK: network(("  sq: Rrjeti Provë", "\tsq: Rrjeti Provë")),         # not YAML
        REPORT: report(("themes: [civil-society-development]", "themes: [cooking]"),  # a field
                       NO_WAY_TO_GET_IT),                                            # a warning
    })


def test_problems_in_two_files_are_all_printed(tmp_path):
    result = check(two_bad_files(tmp_path))
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    assert len(lines) == 4, result.stdout
    assert lines[0].startswith(problem_prefix(NETWORK, 3, 1, ""))
    assert lines[1].startswith(problem_prefix(REPORT, 1, 1, "title", "warning"))
    assert lines[2].startswith(problem_prefix(REPORT, 8, 10, "themes[1]"))
    assert "'cooking' is not a theme" in lines[2]
    assert lines[3].startswith("2 problems in 2 files (of ")
    assert "::" not in result.stdout


def test_github_actions_also_gets_annotations(tmp_path):
    result = check(two_bad_files(tmp_path), GITHUB_ACTIONS="true")
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    plain = [line for line in lines if re.match(r"data/\S+:\d+:\d+: (error|warning): ", line)]
    annotations = [line for line in lines if line.startswith("::")]
    assert len(plain) == 3 and len(annotations) == 3, result.stdout
    for line in plain:
        path, line_number, column, severity, text = re.match(
            r"(\S+):(\d+):(\d+): (error|warning): (.*)", line).groups()
        # The annotation gives the message in Albanian, then on its own line (%0A) in English.
        start = f"::{severity} file={path},line={line_number},col={column}::"
        assert any(a.startswith(start) and a.endswith(f"%0A{text}") for a in annotations), line
    assert sum(a.startswith("::error file=data/networks/test-net.yml,line=3,col=1::")
               for a in annotations) == 1
    assert sum(a.startswith("::error file=data/reports/test-report.yml,line=8,col=10::themes[1]: ")
               for a in annotations) == 1
    assert sum(a.startswith("::warning file=data/reports/test-report.yml,line=1,col=1::title: ")
               for a in annotations) == 1
    assert lines[-1].startswith("2 problems in 2 files (of ")


# --- the check only reads -----------------------------------------------------------------------

def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_check_changes_and_deletes_no_file(tmp_path):
    # Files the check might be tempted to "fix": a wrong name, a stray file, an empty record,
    # text that is not UTF-8, and ordinary mistakes.
    root = data_copy(tmp_path, {
        NETWORK: THREE_PROBLEMS,
        REPORT: report(NO_WAY_TO_GET_IT),
        "data/networks/BCSDN.yml": (ROOT / "data/networks/bcsdn.yml").read_text(encoding="utf-8"),
        "data/networks/my network.yml": VALID_NETWORK,
        "data/networks/notes.txt": "notes\n",
        "data/networks/empty.yml": "",
        "data/networks/latin.yml": "name: café\n".encode("latin-1"),
    })
    before = fingerprint(root)
    result = check(root)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert fingerprint(root) == before


@pytest.mark.parametrize("change, field, line, column, value", [
    (("en: Test Network", "en: BALKAN civil society Development  Network"), "name.en", 4, 7,
     "BALKAN civil society Development  Network"),
    (("acronym: TN", "acronym: bcsdn"), "acronym", 5, 10, "bcsdn"),
], ids=["duplicate-name", "duplicate-acronym"])
def test_a_name_or_acronym_used_twice_is_reported_on_both_records(tmp_path, change, field, line,
                                                                  column, value):
    result = check(data_copy(tmp_path, {NETWORK: network(change)}))
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    ours = [l for l in lines if l.startswith(f"{NETWORK}:{line}:{column}: error: {field}: ")]
    theirs = [l for l in lines if l.startswith("data/networks/bcsdn.yml:") and f" {field}: " in l]
    assert len(ours) == 1 and "also used by data/networks/bcsdn.yml" in ours[0], lines
    assert len(theirs) == 1 and f"also used by {NETWORK}" in theirs[0], lines
    assert len(lines) == 3  # the two problems, then the summary


# --- one schema, one meaning --------------------------------------------------------------------

def test_a_keyword_only_2020_12_knows_is_applied(tmp_path):
    # The quick validator knows draft 7; a rule that exists only in JSON Schema 2020-12 must still
    # be applied, not passed over. Here: a record that gives its members must give its structure.
    shutil.copytree(ROOT / "kb", tmp_path / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "data" / "networks").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "schemas", tmp_path / "data" / "schemas")
    shutil.copy(ROOT / "data" / "themes.yml", tmp_path / "data" / "themes.yml")
    (tmp_path / NETWORK).write_text(
        network(("themes:", "members: {count: 15, as_of: 2018}\nthemes:")), encoding="utf-8")

    def check_copy():
        return subprocess.run([sys.executable, "-m", "kb", "check"],
                              cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                              timeout=120, env={k: v for k, v in os.environ.items()
                                                if k != "GITHUB_ACTIONS"})

    assert check_copy().returncode == 0  # the record is right under the schema as it is

    # The schema changes after a first check, which kept its compiled form in .cache/schemas/.
    schema_path = tmp_path / "data" / "schemas" / "network.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["dependentRequired"] = {"members": ["structure"]}
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    result = check_copy()
    assert_no_traceback(result)
    assert result.returncode == 1, result.stdout
    assert lines_of(result)[0].startswith(problem_prefix(NETWORK, 2, 1, "structure")), result.stdout
    assert "a record that gives 'members' needs it; add formal or informal" in result.stdout


@pytest.mark.parametrize("damage", [lambda kept: kept[:100], lambda kept: b"i\x05\x00\x00\x00"],
                         ids=["cut short", "other data"])
def test_a_damaged_compiled_schema_is_made_again(tmp_path, damage):
    # .cache/schemas/ keeps each schema compiled between checks. A file there cut short or
    # overwritten (a disk full, a copy interrupted) is made again; the check says the same.
    root = copy_project(tmp_path)
    (root / NETWORK).write_text(network(), encoding="utf-8")
    first = subprocess.run([sys.executable, "-m", "kb", "check"], cwd=root, capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
    assert first.returncode == 0, first.stdout + first.stderr
    kept = sorted((root / ".cache" / "schemas").glob("network-*"))
    assert len(kept) == 1, kept
    kept[0].write_bytes(damage(kept[0].read_bytes()))
    (root / NETWORK).write_text(network(("status: unknown", "status: unknwon")),
                                encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "kb", "check"], cwd=root, capture_output=True,
                           text=True, encoding="utf-8", timeout=120)
    assert_no_traceback(again)
    assert again.returncode == 1
    assert lines_of(again)[0].startswith(problem_prefix(NETWORK, 18, 9, "status")), again.stdout
    assert "'unknwon' is not accepted here" in again.stdout
    assert len(kept[0].read_bytes()) > 100  # made again whole


# --- thousands of records, shared among processes -----------------------------------------------

COPIES = 1200  # above catalog.PARALLEL_FROM: the check shares them among processes


def copy_name(index: int) -> str:
    return f"data/networks/test-net-{index:05d}.yml"


def thousands_of_records(root: Path) -> Path:
    """data_copy() and data/terms.yml, with COPIES valid networks more, three of them wrong, far
    apart so that different processes read them: a date that does not exist (copy 7), an English
    word data/terms.yml asks to avoid (copy 600, a warning), and the name of copy 3 given again
    (copy 1150)."""
    files = {}
    for index in range(COPIES):
        files[copy_name(index)] = network(("sq: Rrjeti Provë", f"sq: Rrjeti Provë {index:05d}"),
                                          ("en: Test Network", f"en: Test Network {index:05d}"),
                                          ("acronym: TN", f"acronym: TN-{index:05d}"))
    files[copy_name(7)] = files[copy_name(7)].replace("founded: 2010", "founded: 2010-02-30")
    files[copy_name(600)] = files[copy_name(600)].replace("A network for tests.",
                                                          "A network that runs trainings.")
    files[copy_name(1150)] = files[copy_name(1150)].replace("Network 01150", "Network 00003")
    root = data_copy(root, files)
    shutil.copy(ROOT / "data" / "terms.yml", root / "data" / "terms.yml")
    return root


EXPECTED_PROBLEMS = [
    problem_prefix(copy_name(3), 4, 7, "name.en") + "the name 'Test Network 00003' is also used "
    f"by {copy_name(1150)}",
    problem_prefix(copy_name(7), 6, 10, "founded") + "'2010-02-30' is not a day that exists",
    problem_prefix(copy_name(600), 11, 27, "terms", "warning") + '"trainings" — write',
    problem_prefix(copy_name(1150), 4, 7, "name.en") + "the name 'Test Network 00003' is also "
    f"used by {copy_name(3)}",
]


def test_a_check_of_thousands_of_records_prints_every_problem_in_order(tmp_path):
    result = check(thousands_of_records(tmp_path), timeout=300)
    assert_no_traceback(result)
    assert result.returncode == 1
    lines = lines_of(result)
    assert len(lines) == len(EXPECTED_PROBLEMS) + 1, result.stdout
    for line, expected in zip(lines, EXPECTED_PROBLEMS):
        assert line.startswith(expected), (line, expected)
    checked = REAL_NETWORKS + COPIES + 2  # and themes.yml, terms.yml
    assert lines[-1].startswith(f"3 problems in 3 files (of {checked} files checked)"), lines[-1]


def test_processes_sharing_the_records_find_what_one_process_finds(tmp_path):
    # Forced to two processes, whatever this machine has, and compared with one: the same
    # problems, worded and placed the same, and the same records for the pages.
    from kb.records.catalog import load_catalog
    root = thousands_of_records(tmp_path)
    alone, shared = (load_catalog(root, workers=workers) for workers in (1, 2))
    assert [p.text("en") for p in shared.problems] == [p.text("en") for p in alone.problems]
    assert len(alone.problems) == len(EXPECTED_PROBLEMS)
    assert shared.networks == alone.networks and shared.reports == alone.reports
    assert len(shared.networks) == REAL_NETWORKS + COPIES - 1  # the one with a wrong date is left out


SPAWNED_CHECK = """
import multiprocessing, sys
from pathlib import Path
from kb.records.catalog import load_catalog
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")  # as on Windows and macOS
    for problem in load_catalog(Path(sys.argv[1]), workers=2, problems_only=True).problems:
        print(problem.text("en"))
"""


def test_processes_started_afresh_find_the_same_problems(tmp_path):
    # On Windows and macOS the processes do not inherit this one: they start afresh, import the
    # code again and are sent what they need.
    root = thousands_of_records(tmp_path / "project")
    script = tmp_path / "spawned_check.py"
    script.write_text(SPAWNED_CHECK, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script), str(root)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert_no_traceback(result)
    lines = lines_of(result)
    assert len(lines) == len(EXPECTED_PROBLEMS), result.stdout
    for line, expected in zip(lines, EXPECTED_PROBLEMS):
        assert line.startswith(expected), (line, expected)
