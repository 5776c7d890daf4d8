"""Step 4: every record and vocabulary in data/, checked, with every problem found.

`load_catalog()` never raises on bad input: whatever an editor wrote ends up either as a checked
record or as a Problem that says what to change. It only reads files; it never writes to data/.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, terms
from kb.file_changes import fingerprint
from kb.messages import _

from .problems import Problem, relative
from .schema_check import check_against_schema
from .yaml_source import Source, read_yaml

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


def record_files(folder: Path, root: Path, kind: str, problems: list) -> list[tuple[str, str, str]]:
    """(id, path, path as shown) of every record file in a folder; any other file is a problem."""
    found = []
    if not folder.is_dir():
        return found
    # os.scandir knows which entries are folders without asking the system again for each of
    # thousands of files.
    with os.scandir(folder) as entries:
        is_folder = {entry.name: entry.is_dir() for entry in entries}
    shown_folder = relative(folder, root)
    # Paths as text: thousands of Path objects cost more to make, and to send to the processes
    # that share a long check, than the reading they are for.
    folder_text = os.fspath(folder)
    for name in sorted(is_folder):
        if name.startswith("."):
            continue  # .gitkeep, .DS_Store and the like
        shown = f"{shown_folder}/{name}"
        if name.endswith(".yml") and RECORD_ID.fullmatch(name[:-4]) and not is_folder[name]:
            found.append((name[:-4], os.path.join(folder_text, name), shown))
            continue
        if is_folder[name]:
            problems.append(Problem(shown, 1, 1, "", _FOLDER[kind](folder=shown_folder)))
            continue
        new_name = suggested_id(Path(name).stem) + ".yml"
        if new_name in is_folder and new_name != name:
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


@dataclass(frozen=True)
class RecordCheck:
    """How each record file of one kind is checked on its own. The rules across records come
    after, once every file is read. Sent as it is to the processes that share a long check."""

    kind: str                                # "network" or "report"
    themes: dict
    today: dt.date
    wording: terms.Wording | None = None     # the records' words against data/terms.yml
    # Keep of each record only the fields the rules across records compare: all `kb.py check`
    # needs, and much less to send back from the processes that share the files.
    problems_only: bool = False

    def file(self, path: Path, shown: str) -> tuple[list, Source | None]:
        """(the file's problems, its source if it has no error)."""
        source = read_yaml(path, shown)
        problems = list(source.problems)
        if self.wording is not None:
            problems += self.wording.record_warnings(source)
        if source.data is None or source.problems:
            return problems, None
        found = check_against_schema(source, self.kind, f"{self.kind} record")
        found += rules.RECORD_RULES[self.kind](source, self.themes, self.today)
        problems += found
        if any(p.severity == "error" for p in found):
            return problems, None
        compared = rules.COMPARED_FIELDS[self.kind]
        source.keep_positions_only(compared)
        if self.problems_only:
            fields = {parts[0] for parts in compared}
            source.data = {key: value for key, value in source.data.items() if key in fields}
        return problems, source

    def files(self, files: list) -> list[tuple[list, Source | None]]:
        """file() for each of files [(path, path as shown)], in their order."""
        return [self.file(path, shown) for path, shown in files]


# From this many files of one kind on, several processes share them (load_catalog's workers);
# below it, starting the processes costs more than it saves. More than MAX_WORKERS gain little.
PARALLEL_FROM = 1000
MAX_WORKERS = 8


def check_files(check: RecordCheck, files: list, workers: int) -> list[tuple[list, Source | None]]:
    if workers > 1 and len(files) >= PARALLEL_FROM:
        # The first file here: it also prepares what every process would otherwise prepare on its
        # own (the compiled schema, the country names), which the processes then inherit.
        first = check.files(files[:1])
        try:
            return first + _check_in_processes(check, files[1:], min(workers, MAX_WORKERS))
        except (OSError, BrokenProcessPool):
            return first + check.files(files[1:])  # where processes cannot start, this one does all
    return check.files(files)


def _check_in_processes(check: RecordCheck, files: list, workers: int) -> list:
    # Each process gets the check and the list of files once, when it starts (where processes
    # start as copies of this one, "fork" on Linux, without even sending them), then only the
    # bounds of its chunks. Contiguous chunks, two per process: a process that finishes its first
    # chunk early takes another, and every chunk's results cost a pause to send back. map() gives
    # the results back in the files' order, so the problems come out as from one process.
    size = -(-len(files) // (workers * 2))
    chunks = [(start, min(start + size, len(files))) for start in range(0, len(files), size)]
    with ProcessPoolExecutor(workers, initializer=_receive, initargs=(check, files)) as pool:
        return [result for chunk in pool.map(_check_chunk, chunks) for result in chunk]


_received: tuple = ()  # (check, files) in a process that shares a long check


def _receive(check: RecordCheck, files: list) -> None:
    global _received
    gc.disable()  # as in load_catalog
    _received = (check, files)


def _check_chunk(bounds: tuple[int, int]) -> list[tuple[list, Source | None]]:
    check, files = _received
    return check.files(files[bounds[0]:bounds[1]])


def load_records(root: Path, catalog: Catalog, check: RecordCheck, workers: int = 1) -> list:
    """Read and check every record of one kind: [(id, source)] of the records with no error,
    sorted by id. Every problem found goes into the catalog."""
    folder = root / "data" / f"{check.kind}s"
    found = record_files(folder, root, check.kind, catalog.problems)
    catalog.files_checked += len(found)
    results = check_files(check, [(path, shown) for _, path, shown in found], workers)
    checked = []
    for (record_id, _, _), (problems, source) in zip(found, results):
        catalog.problems.extend(problems)
        if source is not None:
            checked.append((record_id, source))
    catalog.problems.extend(rules.ACROSS_RECORDS[check.kind](checked))
    return checked


def load_catalog(root: Path = ROOT, today: dt.date | None = None, workers: int = 1,
                 problems_only: bool = False) -> Catalog:
    """workers: how many processes may share thousands of record files (`kb.py check` uses every
    processor; the build, inside MkDocs, one). problems_only: each record in the catalog holds
    only its id and the fields compared across records (see RecordCheck)."""
    # Reading thousands of records makes millions of small objects, none of them in a cycle;
    # Python's cycle collector would keep re-scanning them, which took three quarters of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(root, today or dt.date.today(), workers, problems_only)
    finally:
        if collecting:
            gc.enable()


def _load_catalog(root: Path, today: dt.date, workers: int, problems_only: bool) -> Catalog:
    catalog = Catalog()
    load_themes(root, catalog)
    check_country_names(root, catalog)
    terms.load_terms(root, catalog)
    # The words of the records' texts against data/terms.yml, while each file is at hand.
    wording = terms.Wording(catalog.terms) if catalog.terms else None
    records = {}
    for kind in ("network", "report"):
        check = RecordCheck(kind, catalog.themes, today, wording, problems_only)
        records[kind] = [{"id": i, **s.data} for i, s in load_records(root, catalog, check, workers)]
    catalog.networks, catalog.reports = records["network"], records["report"]
    catalog.problems.sort()
    return catalog


_cached: tuple | None = None


def load_catalog_cached(root: Path = ROOT, workers: int = 1) -> Catalog:
    """load_catalog(), read again only when a file under data/ changed (for `mkdocs serve`).
    workers: as for load_catalog, when it is read."""
    global _cached
    key = (str(root), dt.date.today(), fingerprint(root / "data"))
    if _cached is None or _cached[0] != key:
        _cached = (key, load_catalog(root, workers=workers))
    return _cached[1]


def processors() -> int:
    """How many processors this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
