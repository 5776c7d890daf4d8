"""Step 4: every record and vocabulary in data/, checked, with every problem found.

`load_catalog()` never raises on bad input: whatever an editor wrote ends up either as a checked
record or as a Problem that says what to change. It only reads files; it never writes to data/.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, terms
from kb.messages import _

from .problems import Problem, relative
from .schema_check import check_against_schema
from .yaml_source import read_yaml

ROOT = Path(__file__).resolve().parents[2]
RECORD_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Catalog:
    themes: dict = field(default_factory=dict)      # key -> {"sq": label, "en": label}
    terms: dict = field(default_factory=dict)       # concept key -> data/terms.yml's entry
    networks: list = field(default_factory=list)    # checked records, sorted by id, each with "id"
    reports: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def suggested_id(stem: str) -> str:
    # Letters with marks lose them (ë -> e, ç -> c) rather than disappear.
    plain = unicodedata.normalize("NFKD", stem.lower()).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain)) or "network"


def record_files(folder: Path, root: Path, kind: str, problems: list) -> list[tuple[str, Path, str]]:
    """(id, path, path as shown) of every record file in a folder; any other file is a problem."""
    found = []
    if not folder.is_dir():
        return found
    names = {p.name for p in folder.iterdir()}
    shown_folder = relative(folder, root)
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # .gitkeep, .DS_Store and the like
        shown = f"{shown_folder}/{path.name}"
        if path.suffix == ".yml" and RECORD_ID.fullmatch(path.stem) and not path.is_dir():
            found.append((path.stem, path, shown))
            continue
        if path.is_dir():
            problems.append(Problem(shown, 1, 1, "", _FOLDER[kind](folder=shown_folder)))
            continue
        new_name = suggested_id(path.stem) + ".yml"
        if new_name in names and new_name != path.name:
            message = _("this file is not read, and a record with the id '{id}' already exists; "
                        "merge the two into {name} and delete this one",
                        id=new_name[:-4], name=new_name)
        else:
            message = _NAMED[kind](name=new_name)
        problems.append(Problem(shown, 1, 1, "", message))
    return found


# One sentence for each kind of record, as the kind's name takes a different form in each language.
_FOLDER = {
    "network": lambda **n: _("folders are not read here; move the network records in it up into "
                             "{folder}/", **n),
    "report": lambda **n: _("folders are not read here; move the report records in it up into "
                            "{folder}/", **n),
}
_NAMED = {
    "network": lambda **n: _("this file is not read: a network record is named <id>.yml, with an "
                             "id of lowercase letters, digits and hyphens; rename it to {name}",
                             **n),
    "report": lambda **n: _("this file is not read: a report record is named <id>.yml, with an "
                            "id of lowercase letters, digits and hyphens; rename it to {name}",
                            **n),
}


def load_themes(root: Path, catalog: Catalog) -> None:
    path = root / "data" / "themes.yml"
    shown = relative(path, root)
    if not path.exists():
        catalog.problems.append(Problem(shown, 1, 1, "", _("the themes vocabulary is missing; "
                                                           "restore data/themes.yml from git")))
        return
    catalog.files_checked += 1
    source = read_yaml(path, shown)
    catalog.problems.extend(source.problems)
    if source.data is None or source.problems:
        return
    schema_problems = check_against_schema(source, "themes", "theme")
    catalog.problems.extend(schema_problems)
    if not schema_problems:
        catalog.themes = source.data


def check_country_names(root: Path, catalog: Catalog) -> None:
    """data/countries.yml, the names readers see for each country code (read by countries.py)."""
    path = root / "data" / "countries.yml"
    if not path.exists():
        return  # the names then come from Babel alone
    shown = relative(path, root)
    catalog.files_checked += 1
    source = read_yaml(path, shown)
    catalog.problems.extend(source.problems)
    if source.data is not None and not source.problems:
        catalog.problems.extend(check_against_schema(source, "countries", "country"))


def load_records(root: Path, catalog: Catalog, kind: str, today: dt.date,
                 wording: terms.Wording | None = None) -> list:
    """Read and check every record of one kind ("network" or "report"): [(id, source)] of the
    records with no error, sorted by id. Every problem found goes into the catalog."""
    folder = root / "data" / f"{kind}s"
    checked = []
    for record_id, path, shown in record_files(folder, root, kind, catalog.problems):
        catalog.files_checked += 1
        source = read_yaml(path, shown)
        catalog.problems.extend(source.problems)
        if wording is not None:
            catalog.problems.extend(wording.record_warnings(source))
        if source.data is None or source.problems:
            continue
        problems = check_against_schema(source, kind, f"{kind} record")
        problems += rules.RECORD_RULES[kind](source, catalog.themes, today)
        catalog.problems.extend(problems)
        if not any(p.severity == "error" for p in problems):
            source.keep_positions_only(rules.COMPARED_FIELDS[kind])
            checked.append((record_id, source))
    catalog.problems.extend(rules.ACROSS_RECORDS[kind](checked))
    return checked


def load_catalog(root: Path = ROOT, today: dt.date | None = None) -> Catalog:
    # Reading thousands of records makes millions of small objects, none of them in a cycle;
    # Python's cycle collector would keep re-scanning them, which took three quarters of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(root, today)
    finally:
        if collecting:
            gc.enable()


def _load_catalog(root: Path, today: dt.date | None) -> Catalog:
    catalog = Catalog()
    today = today or dt.date.today()
    load_themes(root, catalog)
    check_country_names(root, catalog)
    terms.load_terms(root, catalog)
    # The words of the records' texts against data/terms.yml, while each file is at hand.
    wording = terms.Wording(catalog.terms) if catalog.terms else None
    catalog.networks = [{"id": i, **s.data}
                        for i, s in load_records(root, catalog, "network", today, wording)]
    catalog.reports = [{"id": i, **s.data}
                       for i, s in load_records(root, catalog, "report", today, wording)]
    catalog.problems.sort()
    return catalog


_cached: tuple | None = None


def data_fingerprint(root: Path) -> tuple:
    """Names, sizes and change times of every file under data/: equal means nothing changed."""
    return tuple(
        (p.as_posix(), st.st_size, st.st_mtime_ns)
        for p in sorted((root / "data").rglob("*")) if p.is_file() and (st := p.stat())
    )


def load_catalog_cached(root: Path = ROOT) -> Catalog:
    """load_catalog(), read again only when a file under data/ changed (for `mkdocs serve`)."""
    global _cached
    key = (str(root), dt.date.today(), data_fingerprint(root))
    if _cached is None or _cached[0] != key:
        _cached = (key, load_catalog(root))
    return _cached[1]
