"""The editors' command: check records, write a new one, list translations to bring up to date.

Editors run it as `python3 scripts/kb.py …`, which sets up .venv/ and runs this module there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from kb.records.catalog import RECORD_ID, ROOT, load_catalog, suggested_id
from kb.records.new_record import new_record_text
from kb.records.terms import check_pages
from kb.translations import problems as translation_problems
from kb.translations import site_languages, translation_status


def report(problems) -> None:
    """Print problems one per line; in GitHub Actions also as annotations on the changed lines."""
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def check(args) -> int:
    root = Path(args.root) if args.root else ROOT
    catalog = load_catalog(root)
    # The wording of the pages against data/terms.yml (the records' is checked as they are read):
    # warnings only.
    catalog.problems = sorted(catalog.problems + check_pages(root, catalog.terms))
    report(catalog.problems)
    errors, warnings = len(catalog.errors), len(catalog.warnings)
    files = plural(catalog.files_checked, "file")
    if errors:
        touched = plural(len({p.path for p in catalog.errors}), "file")
        print(f"{plural(errors, 'problem')} in {touched} (of {files} checked): "
              "correct the lines above.")
        return 1
    note = f", {plural(warnings, 'warning')}" if warnings else ""
    print(f"Checked {files} ({plural(len(catalog.networks), 'network')}, "
          f"{plural(len(catalog.reports), 'report')}): no problems{note}.")
    return 0


def new(args) -> int:
    root = Path(args.root) if args.root else ROOT
    if not RECORD_ID.fullmatch(args.id):
        print(f"'{args.id}' cannot be an id: use lowercase letters, digits and hyphens, "
              f"such as {suggested_id(args.id)}")
        return 2
    path = root / "data" / f"{args.kind}s" / f"{args.id}.yml"
    shown = path.relative_to(root).as_posix()
    if path.exists():
        print(f"{shown} already exists; nothing was written. Edit that file, or choose another id.")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
        file.write(new_record_text(args.kind, dt.date.today()))
    print(f"Wrote {shown}. Fill it in, then run: python3 scripts/kb.py check")
    return 0


def translations(args) -> int:
    root = Path(args.root) if args.root else ROOT
    statuses = translation_status(root)
    found = translation_problems(statuses, site_languages(root))
    report(found)
    missing = [p for p in found if p.severity == "error"]
    outdated = [p for p in found if p.severity == "warning"]
    print(f"{len(statuses)} pages: {len(missing)} missing a translation, {len(outdated)} with a "
          "translation that may be out of date.")
    return 1 if missing else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python3 scripts/kb.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = commands.add_parser("check", help="check every record and vocabulary in data/")
    check_parser.add_argument("--root", help=argparse.SUPPRESS)  # another checkout, for tests
    check_parser.set_defaults(run=check)
    new_parser = commands.add_parser("new", help="write a new, empty record to fill in")
    new_parser.add_argument("kind", choices=["network", "report"])
    new_parser.add_argument("id", help="the record's id: lowercase letters, digits and hyphens")
    new_parser.add_argument("--root", help=argparse.SUPPRESS)
    new_parser.set_defaults(run=new)
    translations_parser = commands.add_parser(
        "translations", help="list pages missing or out of date in a language")
    translations_parser.add_argument("--root", help=argparse.SUPPRESS)
    translations_parser.set_defaults(run=translations)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
