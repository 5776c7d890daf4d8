"""The editors' messages in Albanian and English: the catalogue is complete, and the editor's
language (--lang, KB_LANG, the locale) decides what `kb.py` and the build print."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, copy_project, run_mkdocs_build
from kb import message_catalog
from kb.messages import catalogue_path, chosen_language

KB = str(ROOT / "scripts" / "kb.py")
BROKEN = "data/networks/bcsdn.yml"


def kb(*args, root: Path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env)
    return subprocess.run([sys.executable, KB, *args, "--root", str(root)], capture_output=True,
                          text=True, encoding="utf-8", env=environment, timeout=120)


def read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def ids(catalogue) -> set:
    return {m.id for m in catalogue if m.id}


def placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --- the catalogue --------------------------------------------------------------------------------

def test_the_template_holds_every_message_of_the_code_and_the_schemas():
    """A message added to the code (or a schema) and not gathered with `kb.py messages` fails."""
    template = read(message_catalog.TEMPLATE)
    assert ids(template) == ids(message_catalog.extract()), (
        "kb/locale/messages.pot is out of date: run python3 scripts/kb.py messages")


def test_every_message_has_an_albanian_translation():
    catalogue = read(catalogue_path("sq"))
    assert ids(catalogue) == ids(read(message_catalog.TEMPLATE)), (
        "the Albanian catalogue is out of date: run python3 scripts/kb.py messages")
    assert message_catalog.untranslated(catalogue) == []


def test_each_translation_keeps_the_placeholders_of_its_message():
    for message in read(catalogue_path("sq")):
        if not message.id or "python-brace-format" not in message.flags:
            continue
        originals = message.id if isinstance(message.id, tuple) else (message.id,)
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        for translation in translations:
            assert placeholders(translation) == placeholders(originals[-1]), message.id


def test_no_compiled_catalogue_is_kept():
    tracked = subprocess.run(["git", "ls-files", "kb/locale"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert "kb/locale/messages.pot" in tracked
    assert not [name for name in tracked if name.endswith(".mo")]


# --- which language -------------------------------------------------------------------------------

@pytest.mark.parametrize("environ, language", [
    ({"LANG": "sq_AL.UTF-8"}, "sq"),
    ({"LANG": "sq_XK.UTF-8"}, "sq"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({}, "en"),
    ({"LC_ALL": "sq_AL.UTF-8", "LANG": "en_US.UTF-8"}, "sq"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "sq_AL.UTF-8"}, "en"),
    ({"LANGUAGE": "sq:en"}, "sq"),
    ({"LANG": "sq_AL.UTF-8", "KB_LANG": "en"}, "en"),
    ({"LANG": "C", "KB_LANG": "sq"}, "sq"),
])
def test_the_locale_chooses_the_language(environ, language):
    assert chosen_language(None, environ) == language


def test_windows_without_locale_variables_follows_the_users_language():
    assert chosen_language(None, {}, system="Albanian_Albania") == "sq"
    assert chosen_language(None, {}, system="sq_AL") == "sq"
    assert chosen_language(None, {}, system="English_United Kingdom") == "en"
    assert chosen_language(None, {"LANG": "C"}, system="Albanian_Albania") == "en"


def test_lang_overrides_the_locale():
    assert chosen_language("en", {"LANG": "sq_AL.UTF-8", "KB_LANG": "sq"}) == "en"
    assert chosen_language("sq", {"LANG": "C"}) == "sq"


# --- what the editor reads ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, int, int]:
    """A copy of the project in which one network has a value of the wrong kind and an unknown
    field: (the project, the line of the first, the line of the second)."""
    root = tmp_path_factory.mktemp("broken")
    project = copy_project(root / "project")
    path = project / BROKEN
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    founded = next(i for i, line in enumerate(lines) if line.startswith("founded:"))
    lines[founded] = "founded: around 2003"
    path.write_text("\n".join(lines) + "\nfoo: 1\n", encoding="utf-8")
    return project, founded + 1, len(lines) + 1


def test_an_albanian_locale_gives_albanian_messages_with_file_line_and_column(broken):
    project, founded_line, foo_line = broken
    result = kb("check", root=project, LANG="sq_AL.UTF-8")
    assert result.returncode == 1 and result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert (f"{BROKEN}:{founded_line}:10: error: founded: 'around 2003' nuk pranohet këtu; "
            "shkruani një vit (2003), një vit dhe muaj (2003-12) ose një datë të plotë "
            "(2009-07-06)") in lines
    assert any(line.startswith(f"{BROKEN}:{foo_line}:1: error: foo: 'foo' nuk është fushë e "
                               "kartelës së rrjetit; fshijeni ose korrigjoni emrin e saj")
               for line in lines), result.stdout
    assert lines[-1].startswith("2 probleme në 1 skedar (nga ")
    assert lines[-1].endswith(" skedarë gjithsej): ndreqni rreshtat më sipër.")
    assert "is not" not in result.stdout


@pytest.mark.parametrize("args, env", [
    (["--lang", "en"], {"LANG": "sq_AL.UTF-8"}),
    ([], {"LANG": "C"}),
    ([], {"LANG": "sq_AL.UTF-8", "KB_LANG": "en"}),
])
def test_english_when_asked_or_when_the_locale_is_not_albanian(broken, args, env):
    project, founded_line, _ = broken
    result = kb("check", *args, root=project, **env)
    assert result.returncode == 1
    assert (f"{BROKEN}:{founded_line}:10: error: founded: 'around 2003' is not accepted here; "
            "write a year (2003)") in result.stdout
    assert result.stdout.splitlines()[-1].startswith("2 problems in 1 file (of ")
    assert "nuk " not in result.stdout


def test_lang_sq_gives_albanian_on_an_english_machine(broken):
    project, _, _ = broken
    result = kb("check", "--lang", "sq", root=project, LANG="en_US.UTF-8")
    assert "nuk pranohet këtu" in result.stdout


def test_github_annotations_carry_both_languages(broken):
    project, founded_line, _ = broken
    for lang in ("sq", "en"):
        result = kb("check", "--lang", lang, root=project, GITHUB_ACTIONS="true")
        annotation = next(line for line in result.stdout.splitlines()
                          if line.startswith(f"::error file={BROKEN},line={founded_line},col=10::"))
        albanian, english = annotation.split("::", 2)[2].split("%0A")
        assert albanian.startswith("founded: 'around 2003' nuk pranohet këtu; shkruani një vit")
        assert english.startswith("founded: 'around 2003' is not accepted here; write a year")


def test_a_clean_check_summary_in_albanian(tmp_path):
    project = copy_project(tmp_path / "project")
    result = kb("check", root=project, LANG="sq_AL.UTF-8")
    assert result.returncode == 0, result.stdout
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("Kontrolli përfundoi për ") and " rrjete, " in summary, summary


def test_new_in_albanian(tmp_path):
    result = kb("new", "network", "rrjeti-provë", root=tmp_path, LANG="sq_AL.UTF-8")
    assert result.returncode == 2
    assert result.stdout.strip() == ("'rrjeti-provë' nuk mund të jetë ID: përdorni shkronja "
                                     "të vogla pa ë dhe ç, shifra dhe viza, për shembull "
                                     "rrjeti-prove")
    result = kb("new", "network", "rrjeti-prove", root=tmp_path, LANG="sq_AL.UTF-8")
    assert result.returncode == 0
    assert result.stdout.strip() == ("U shkrua data/networks/rrjeti-prove.yml. Plotësojeni, "
                                     "pastaj jepni komandën: python3 scripts/kb.py check")
    text = (tmp_path / "data" / "networks" / "rrjeti-prove.yml").read_text(encoding="utf-8")
    assert "# Kartelë e re rrjeti. Plotësoni çdo fushë" in text
    assert "# Kur u themelua rrjeti: një vit, një vit dhe muaj, ose një datë e plotë." in text
    assert "E detyrueshme. Shkruani një vit (2003)" in text
    again = kb("new", "network", "rrjeti-prove", root=tmp_path, LANG="sq_AL.UTF-8")
    assert again.returncode == 1
    assert again.stdout.startswith("data/networks/rrjeti-prove.yml ekziston tashmë; nuk u shkrua "
                                   "asgjë.")


def test_translations_in_albanian(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    (project / "docs" / "only.sq.md").write_text("# Vetëm shqip\n", encoding="utf-8")
    (project / "docs" / "both.sq.md").write_text("# Të dyja\n", encoding="utf-8")
    (project / "docs" / "both.en.md").write_text("# Both\n", encoding="utf-8")
    result = kb("translations", root=project, LANG="sq_AL.UTF-8")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/only.sq.md:1:1: error: translation: kjo faqe nuk ka version në anglisht; krijoni "
        "docs/only.en.md dhe përktheni aty faqen, me të njëjtët tituj (deri atëherë, kush e "
        "lexon sajtin në anglisht sheh tekstin në shqip me një njoftim)",
        "2 faqe: 1 pa përkthim, 0 me përkthim që mund të jetë i vjetruar.",
    ]


def test_help_in_albanian(tmp_path):
    result = kb("check", "--help", root=tmp_path, LANG="sq_AL.UTF-8")
    assert "kontrollon çdo kartelë dhe çdo fjalor në data/" in result.stdout
    assert "gjuha e mesazheve: sq (shqip) ose en (anglisht)" in result.stdout


# --- the build ------------------------------------------------------------------------------------

def test_the_build_stops_with_albanian_messages_under_an_albanian_locale(broken, tmp_path):
    project, founded_line, _ = broken
    result = run_mkdocs_build(tmp_path / "site", cwd=project, LANG="sq_AL.UTF-8")
    assert result.returncode != 0
    assert (f"{BROKEN}:{founded_line}:10: error: founded: 'around 2003' nuk pranohet këtu; "
            "shkruani një vit (2003)") in result.stderr
    assert ("Sajti nuk u ndërtua: 2 probleme në kartelat më sipër. Ndreqni çdo rresht të "
            "treguar, ruajeni skedarin dhe ndërtojeni sërish.") in result.stderr
    assert "is not accepted" not in result.stderr
    english = run_mkdocs_build(tmp_path / "site-en", cwd=project, LANG="sq_AL.UTF-8",
                               KB_LANG="en")
    assert "'around 2003' is not accepted here" in english.stderr
    assert "The site was not built: 2 problems in the records above." in english.stderr


def test_the_maintainers_command_gathers_the_messages(tmp_path):
    """`kb.py messages`, run in a copy (it rewrites kb/locale/): every message is translated."""
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "kb", "messages", "--lang", "en"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("Updated kb/locale/messages.pot and "
                                    "kb/locale/sq/LC_MESSAGES/messages.po; 0 messages"), result.stdout
