"""The editors' command: check records, write a new one, list translations to bring up to date.

Editors run it as `python3 scripts/kb.py …`, which sets up .venv/ and runs this module there. It
speaks Albanian or English (kb/messages.py): `--lang sq|en`, else the editor's locale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from kb.messages import LANGUAGES, _, chosen_language, ngettext, said_in
from kb.records.catalog import RECORD_ID, ROOT, load_catalog, processors, suggested_id
from kb.records.new_record import new_record_text
from kb.records.terms import check_pages
from kb.translations import problems as translation_problems
from kb.translations import site_languages, translation_status


def say(message, args) -> None:
    print(said_in(message, args.lang))


def report(problems, args) -> None:
    """Print problems one per line; in GitHub Actions also as annotations on the changed lines."""
    for problem in problems:
        print(problem.text(args.lang))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())


def files(count: int):
    return ngettext("{count} file", "{count} files", count)


def check(args) -> int:
    root = Path(args.root) if args.root else ROOT
    # Thousands of records are shared among the processors; the command needs only the problems.
    catalog = load_catalog(root, workers=processors(), problems_only=True)
    # The wording of the pages against data/terms.yml (the records' is checked as they are read):
    # warnings only.
    catalog.problems = sorted(catalog.problems + check_pages(root, catalog.terms))
    report(catalog.problems, args)
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    checked = files(catalog.files_checked)
    if errors:
        say(_("{problems} in {files} (of {checked} checked): correct the lines above.",
              problems=ngettext("{count} problem", "{count} problems", errors),
              files=files(len({p.path for p in catalog.errors})), checked=checked), args)
        return 1
    counts = {"files": checked,
              "networks": ngettext("{count} network", "{count} networks", len(catalog.networks)),
              "reports": ngettext("{count} report", "{count} reports", len(catalog.reports))}
    if warnings:
        say(_("Checked {files} ({networks}, {reports}): no problems, {warnings}.",
              warnings=ngettext("{count} warning", "{count} warnings", warnings), **counts), args)
    else:
        say(_("Checked {files} ({networks}, {reports}): no problems.", **counts), args)
    return 0


def new(args) -> int:
    root = Path(args.root) if args.root else ROOT
    if not RECORD_ID.fullmatch(args.id):
        say(_("'{id}' cannot be an id: use lowercase letters, digits and hyphens, such as "
              "{suggestion}", id=args.id, suggestion=suggested_id(args.id)), args)
        return 2
    path = root / "data" / f"{args.kind}s" / f"{args.id}.yml"
    shown = path.relative_to(root).as_posix()
    if path.exists():
        say(_("{file} already exists; nothing was written. Edit that file, or choose another id.",
              file=shown), args)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
        file.write(new_record_text(args.kind, dt.date.today(), args.lang))
    say(_("Wrote {file}. Fill it in, then run: python3 scripts/kb.py check", file=shown), args)
    return 0


def translations(args) -> int:
    root = Path(args.root) if args.root else ROOT
    statuses = translation_status(root)
    found = translation_problems(statuses, site_languages(root))
    report(found, args)
    missing = [p for p in found if p.severity == "error"]
    outdated = [p for p in found if p.severity == "warning"]
    say(_("{pages}: {missing} missing a translation, {outdated} with a translation that may be "
          "out of date.", pages=ngettext("{count} page", "{count} pages", len(statuses)),
          missing=len(missing), outdated=len(outdated)), args)
    return 1 if missing else 0


def messages(args) -> int:
    """For maintainers: gather the messages into kb/locale/ (see kb/message_catalog.py)."""
    from kb import message_catalog  # only here: it loads Babel's catalogue tools
    untranslated = message_catalog.update()
    say(_("Updated {template} and {catalogue}; {untranslated}.",
          template=message_catalog.TEMPLATE_SHOWN, catalogue=message_catalog.CATALOGUES_SHOWN,
          untranslated=ngettext("{count} message has no Albanian translation yet",
                                "{count} messages have no Albanian translation yet",
                                len(untranslated))), args)
    for msgid in untranslated:
        print("  " + msgid.replace("\n", " "))
    return 1 if untranslated else 0


def main(argv=None) -> int:
    # The language is known before the help texts are written: --lang first, then the rest.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES)
    language = chosen_language(early.parse_known_args(argv)[0].lang)

    def text(message) -> str:
        return said_in(message, language).replace("%", "%%")  # argparse formats help with %

    parser = argparse.ArgumentParser(
        prog="python3 scripts/kb.py",
        description=text(_("The editors' command: check records, write a new one, list "
                           "translations to bring up to date.")))
    lang_help = text(_("the language of the messages: sq (Albanian) or en (English); without it, "
                       "your computer's language"))
    parser.add_argument("--lang", choices=LANGUAGES, help=lang_help)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, help_text, run):
        sub = commands.add_parser(name, help=text(help_text), description=text(help_text))
        sub.add_argument("--lang", choices=LANGUAGES, help=lang_help)
        sub.add_argument("--root", help=argparse.SUPPRESS)  # another checkout, for tests
        sub.set_defaults(run=run)
        return sub

    add("check", _("check every record and vocabulary in data/"), check)
    new_parser = add("new", _("write a new, empty record to fill in"), new)
    new_parser.add_argument("kind", choices=["network", "report"])
    new_parser.add_argument("id", help=text(_("the record's id: lowercase letters, digits and "
                                              "hyphens")))
    add("translations", _("list pages missing or out of date in a language"), translations)
    add("messages", _("for maintainers: gather the messages into kb/locale/ to translate them"),
        messages)
    args = parser.parse_args(argv)
    args.lang = language
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
