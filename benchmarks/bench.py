"""Benchmark: how the check, the build and the site grow with the number of network records.

    python3 benchmarks/bench.py                 both comparisons below, with their budgets
    python3 benchmarks/bench.py --sizes 0 500   other sizes of the first comparison
    python3 benchmarks/bench.py --sizes --copies 1000 --check-copies 10000   the second alone

Two comparisons, each copying the project to a temporary folder and adding N records:

1. Synthetic records (--sizes, --check-size): small random records. For each N it measures the
   check's time (`kb.py check`), the full build's time (`mkdocs build`), the site's size, the size
   of one network page, of the directory page and of the search index. Beside it, in the same run,
   it builds a plain Material + i18n site with the same number of pages (the same guide, plus N
   plain Markdown pages per language, kept out of the navigation as the directory's pages are)
   without this project's hooks.
2. Copies of a real record (--copies, --check-copies): N copies of data/networks/bcsdn.yml, each
   under a new file name, with the only changes the rules against duplicates require (the number
   of the copy after name.sq, name.en and the acronym). The build is compared with a bare Material
   + i18n site of the same page count (PLAIN_CONFIG: nothing but the site's name and address, the
   theme in Albanian, search, i18n; the home page in the navigation, every other page not;
   each page a heading, twelve sentences and a small table). Budgets: the build at most
   BUILD_BUDGET times the plain one, the check of --check-copies records under CHECK_BUDGET s.
   The check is timed after a first one in the fresh copy, whose time is given apart: that one
   also compiles the project's code and the schemas, as the first check after a clone does.

The commands run as the build and the check run, with .venv's Python, inside the copy. The build
and the plain build alternate, so that both meet the same load. Times are wall-clock seconds, the
median of --repeat runs (the machine's other work makes single runs noisy); the second comparison
also gives processor seconds (user + system, the command's and git's), which other work on the
machine changes far less. On a machine with several processors the check of thousands of records
shares them among processes, so its wall-clock time is below its processor time. It is a
measurement, not a test: it fails on nothing, and only says whether a budget holds; read the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

try:
    import resource
except ImportError:  # Windows: wall-clock times only
    resource = None

ROOT = Path(__file__).resolve().parent.parent
from in_venv import run_inside_venv  # noqa: E402  (benchmarks/in_venv.py)
from results import write_results  # noqa: E402

run_inside_venv(__file__)

import yaml  # noqa: E402

COUNTRIES = ["AL", "BA", "HR", "XK", "MK", "ME", "RS", "SI", "RO", "TR", "BG", "GR", "HU", "AT"]
WORDS = ("civic rights forum alliance platform citizens women youth environment justice media "
         "transparency democracy education rural regional balkan solidarity dialogue").split()
FJALË = ("qytetare të drejta forumi aleanca platforma qytetarët gratë të rinjtë mjedisi drejtësia "
         "media transparenca demokracia arsimi rurale rajonale ballkanike solidariteti dialogu").split()


def synthetic_record(index: int, themes: list[str], rng: random.Random) -> dict:
    words = rng.sample(WORDS, 3)
    fjalë = rng.sample(FJALË, 3)
    return {
        "name": {"sq": f"Rrjeti {' '.join(fjalë)} {index:05d}",
                 "en": f"{' '.join(w.title() for w in words)} Network {index:05d}"},
        "albanian_name": "translated",
        "acronym": f"SYN{index:05d}",
        "founded": rng.randint(1990, 2024),
        "structure": rng.choice(["formal", "informal"]),
        "secretariat": {"city": {"sq": "Tiranë", "en": "Tirana"}, "country": rng.choice(COUNTRIES)},
        "countries": sorted(rng.sample(COUNTRIES, rng.randint(1, 6))),
        "members": {"count": rng.randint(3, 300), "as_of": 2025},
        "themes": rng.sample(themes, rng.randint(1, 3)),
        "status": "active",
        "last_active": 2025,
        "description": {
            "sq": "Rrjet sintetik për matjen e shpejtësisë. " + " ".join(rng.choices(FJALË, k=40)),
            "en": "A synthetic network for measuring speed. " + " ".join(rng.choices(WORDS, k=40)),
        },
        "website": f"https://network-{index:05d}.example.org",
        "sources": [{"url": f"https://network-{index:05d}.example.org/about", "title": "About"}],
        "last_verified": "2026-11-01",
    }


def copy_project(target: Path) -> None:
    for name in ("docs", "overrides", "scripts", "kb", "data"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def add_records(project: Path, count: int) -> list[dict]:
    themes = list(yaml.safe_load((project / "data" / "themes.yml").read_text(encoding="utf-8")))
    rng = random.Random(count)  # the same records for the same N, run after run
    folder = project / "data" / "networks"
    records = []
    for index in range(count):
        record = synthetic_record(index, themes, rng)
        text = "# yaml-language-server: $schema=../schemas/network.schema.json\n"
        text += yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        (folder / f"synthetic-{index:05d}.yml").write_text(text, encoding="utf-8")
        records.append(record)
    return records


def make_plain_project(target: Path, records: list[dict]) -> None:
    """The same site as plain Material + i18n: no hook, the records as hand-written pages."""
    shutil.copytree(ROOT / "docs", target / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.split("\nhooks:")[0] + "\n"  # everything before the hook and what follows it
    config = config.replace("  custom_dir: overrides\n", "")
    config += "not_in_nav: |\n  /networks/synthetic-*\n"
    config += "markdown_extensions:\n  - admonition\n  - attr_list\n  - def_list\n  - tables\n"
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    folder = target / "docs" / "networks"
    for index, record in enumerate(records):
        for language in ("sq", "en"):
            page = (f"# {record['name'][language]} ({record['acronym']})\n\n"
                    f"{record['description'][language]}\n\n"
                    f"- Founded: {record['founded']}\n- Countries: {', '.join(record['countries'])}\n"
                    f"- Themes: {', '.join(record['themes'])}\n- Website: <{record['website']}>\n\n"
                    f"## Sources\n\n- [{record['sources'][0]['title']}]({record['sources'][0]['url']})\n")
            (folder / f"synthetic-{index:05d}.{language}.md").write_text(page, encoding="utf-8")


# The editors' check as scripts/kb.py runs it inside .venv/; run in the copy, it checks the copy.
CHECK = [sys.executable, "-m", "kb", "check"]
BUILD = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]


class Run(NamedTuple):
    seconds: float            # wall-clock
    processor_seconds: float  # user + system, of the command and what it starts (0 on Windows)
    result: subprocess.CompletedProcess


def run_once(command: list[str], cwd: Path) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/kb/"}
    before = processor_seconds()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")
    return Run(seconds, processor_seconds() - before, result)


def processor_seconds() -> float:
    """Processor time of the commands run so far: other work on the machine can double a run's
    wall-clock time, and hardly changes this."""
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    """The median time of `repeat` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        seconds, _, result = run_once(command, cwd)
        times.append(seconds)
    return statistics.median(times), result


def timed_pair(first: tuple[list[str], Path], second: tuple[list[str], Path],
               repeat: int) -> tuple[list[Run], list[Run]]:
    """Both commands `repeat` times, in turns, so that both meet the same load; every run."""
    runs = ([], [])
    for _ in range(repeat):
        for command_runs, (command, cwd) in zip(runs, (first, second)):
            command_runs.append(run_once(command, cwd))
    return runs


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def size_of(path: Path) -> int | None:
    return path.stat().st_size if path.exists() else None


def measure(count: int, repeat: int, work: Path) -> dict:
    project = work / f"project-{count}"
    copy_project(project)
    records = add_records(project, count)
    check_time, check = timed(CHECK, project, repeat)
    plain = work / f"plain-{count}"
    make_plain_project(plain, records)
    build_runs, plain_runs = timed_pair((BUILD, project), (BUILD, plain), repeat)
    build_time = statistics.median(r.seconds for r in build_runs)
    plain_time = statistics.median(r.seconds for r in plain_runs)
    site = project / "site"
    site_bytes, site_files = folder_size(site)
    plain_bytes, plain_files = folder_size(plain / "site")
    return {
        "records": count,
        "check_seconds": round(check_time, 2),
        "check_summary": check.stdout.strip().splitlines()[-1],
        "build_seconds": round(build_time, 2),
        "plain_build_seconds": round(plain_time, 2),
        "build_vs_plain": round(build_time / plain_time, 2),
        "site_mb": round(site_bytes / 1e6, 2),
        "site_files": site_files,
        "plain_site_mb": round(plain_bytes / 1e6, 2),
        "plain_site_files": plain_files,
        "network_page_kb": round(size_of(site / "networks" / "bcsdn" / "index.html") / 1e3, 1),
        "directory_page_kb": round(size_of(site / "networks" / "index.html") / 1e3, 1),
        "guide_page_kb": round(size_of(site / "guide" / "membership" / "index.html") / 1e3, 1),
        # Uncompressed, and compressed with gzip as GitHub Pages sends it.
        "search_index_kb": {
            str(p.relative_to(site)): [round(p.stat().st_size / 1e3, 1),
                                       round(len(gzip.compress(p.read_bytes())) / 1e3, 1)]
            for p in sorted(site.rglob("search_index.json"))
        },
        "directory_page_gzip_kb": round(
            len(gzip.compress((site / "networks" / "index.html").read_bytes())) / 1e3, 1),
    }


def measure_check_only(count: int, repeat: int, work: Path) -> dict:
    project = work / f"check-{count}"
    copy_project(project)
    add_records(project, count)
    check_time, check = timed(CHECK, project, repeat)
    return {"records": count, "check_seconds": round(check_time, 2),
            "check_summary": check.stdout.strip().splitlines()[-1]}


# The second comparison: copies of a real record against a bare Material + i18n site.
COPIED_RECORD = "bcsdn"
BUILD_BUDGET = 1.2     # the full build, at most this many times the plain one (at --copies)
CHECK_BUDGET = 2.0     # the check of --check-copies records, in seconds

PLAIN_CONFIG = """\
site_name: Plain
site_url: https://example.org/kb/
theme:
  name: material
  language: sq
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: sq
          name: Shqip
          default: true
        - locale: en
          name: English
nav:
  - index.md
not_in_nav: |
  /pages/
"""


def add_record_copies(project: Path, count: int) -> None:
    """count copies of data/networks/bcsdn.yml, each its own file, byte for byte the same but
    for what the rules against duplicates require: each name (sq, en) and the acronym get the
    copy's number, as in "Balkan Civil Society Development Network 00042" and "BCSDN-00042"."""
    folder = project / "data" / "networks"
    text = (folder / f"{COPIED_RECORD}.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    unique_lines = [f"  sq: {data['name']['sq']}\n", f"  en: {data['name']['en']}\n",
                    f"acronym: {data['acronym']}\n"]
    for line in unique_lines:
        if text.count(line) != 1:
            sys.exit(f"{COPIED_RECORD}.yml changed shape: cannot make copies ({line.strip()})")
    for index in range(count):
        copy = text
        for line in unique_lines:
            copy = copy.replace(line, f"{line[:-1]} {index:05d}\n" if line.startswith(" ")
                                else f"{line[:-1]}-{index:05d}\n")
        (folder / f"{COPIED_RECORD}-copy-{index:05d}.yml").write_text(copy, encoding="utf-8")


SENTENCE_WORDS = ("network members secretariat governance funding advocacy partners report "
                  "meeting board decision region policy organisation assembly plan budget").split()


def plain_page(index: int, rng: random.Random) -> str:
    """A heading, twelve sentences of about a dozen words, and a small table."""
    sentences = []
    for _ in range(12):
        words = rng.choices(SENTENCE_WORDS, k=12)
        sentences.append(" ".join(words).capitalize() + ".")
    rows = "\n".join(f"| {rng.choice(SENTENCE_WORDS)} | {rng.randint(1, 300)} |" for _ in range(4))
    return (f"# Page {index:05d}\n\n{' '.join(sentences[:6])}\n\n{' '.join(sentences[6:])}\n\n"
            f"| Item | Count |\n| --- | --- |\n{rows}\n")


def make_bare_plain_project(target: Path, pages_per_language: int) -> None:
    """PLAIN_CONFIG's site with pages_per_language pages in each of sq and en."""
    docs = target / "docs"
    (docs / "pages").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    rng = random.Random(pages_per_language)
    for language in ("sq", "en"):
        (docs / f"index.{language}.md").write_text(plain_page(0, rng), encoding="utf-8")
        for index in range(1, pages_per_language):
            (docs / "pages" / f"page-{index:05d}.{language}.md").write_text(
                plain_page(index, rng), encoding="utf-8")


def html_pages(site: Path, language: str) -> int:
    """The pages of one language in a built site (sitemap and 404 aside)."""
    pages = [p for p in site.rglob("index.html")
             if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))]
    english = [p for p in pages if p.relative_to(site).parts[0] == "en"]
    return len(english) if language == "en" else len(pages) - len(english)


def measure_copies(count: int, repeat: int, work: Path) -> dict:
    project = work / f"copies-{count}"
    copy_project(project)
    add_record_copies(project, count)
    # The page count comes from a first build of the project (not timed), so that the plain site
    # has as many pages as this one whatever the guide holds.
    run_once(BUILD, project)
    pages = html_pages(project / "site", "sq")
    if html_pages(project / "site", "en") != pages:
        sys.exit("the two languages have different page counts")
    plain = work / f"bare-plain-{count}"
    make_bare_plain_project(plain, pages)
    build_runs, plain_runs = timed_pair((BUILD, project), (BUILD, plain), repeat)
    if html_pages(plain / "site", "sq") != pages:
        sys.exit(f"the plain site has {html_pages(plain / 'site', 'sq')} pages, not {pages}")
    build_time = statistics.median(r.seconds for r in build_runs)
    plain_time = statistics.median(r.seconds for r in plain_runs)
    ratio = build_time / plain_time
    return {
        "copies": count,
        "pages_per_language": pages,
        "build_seconds": round(build_time, 2),
        "plain_build_seconds": round(plain_time, 2),
        "build_vs_plain": round(ratio, 2),
        "build_runs": [round(r.seconds, 2) for r in build_runs],
        "plain_runs": [round(r.seconds, 2) for r in plain_runs],
        "build_processor_seconds": round(statistics.median(
            r.processor_seconds for r in build_runs), 2),
        "plain_processor_seconds": round(statistics.median(
            r.processor_seconds for r in plain_runs), 2),
        "build_budget": BUILD_BUDGET,
        "build_within_budget": ratio <= BUILD_BUDGET,
    }


def measure_check_copies(count: int, repeat: int, work: Path) -> dict:
    project = work / f"check-copies-{count}"
    copy_project(project)
    add_record_copies(project, count)
    # The first check in the copy, as in a fresh clone, also compiles the code and the schemas
    # (kept in __pycache__/ and .cache/schemas/); the ones after it are an editor's checks.
    first = run_once(CHECK, project)
    runs = [run_once(CHECK, project) for _ in range(repeat)]
    check_time = statistics.median(r.seconds for r in runs)
    return {"copies": count, "check_seconds": round(check_time, 2),
            "check_runs": [round(r.seconds, 2) for r in runs],
            "check_processor_seconds": round(statistics.median(
                r.processor_seconds for r in runs), 2),
            "first_check_seconds": round(first.seconds, 2),
            "check_summary": runs[-1].result.stdout.strip().splitlines()[-1],
            "check_budget_seconds": CHECK_BUDGET, "check_within_budget": check_time < CHECK_BUDGET,
            "first_check_within_budget": first.seconds < CHECK_BUDGET}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[0, 1000, 4000],
                        help="synthetic records (first comparison); none to skip it")
    parser.add_argument("--check-size", type=int, default=10000, help="0 to skip")
    parser.add_argument("--copies", type=int, default=1000,
                        help=f"copies of {COPIED_RECORD}.yml (second comparison); 0 to skip")
    parser.add_argument("--check-copies", type=int, default=10000, help="0 to skip")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each command; the median counts")
    parser.add_argument("--output", default=str(ROOT / "bench-results" / "bench.json"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as folder:
        work = Path(folder)
        results = {"sizes": [], "check": None, "copies": None, "check_copies": None}
        for count in args.sizes:
            print(f"Measuring N = {count} …", flush=True)
            row = measure(count, args.repeat, work)
            results["sizes"].append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        if args.check_size:
            print(f"Measuring the check alone at N = {args.check_size} …", flush=True)
            results["check"] = measure_check_only(args.check_size, args.repeat, work)
            print(json.dumps(results["check"], ensure_ascii=False), flush=True)
        if args.copies:
            print(f"Measuring the build with {args.copies} copies of {COPIED_RECORD}.yml against "
                  "a bare Material + i18n site …", flush=True)
            results["copies"] = measure_copies(args.copies, args.repeat, work)
            print(json.dumps(results["copies"], ensure_ascii=False), flush=True)
        if args.check_copies:
            print(f"Measuring the check of {args.check_copies} copies of {COPIED_RECORD}.yml …",
                  flush=True)
            results["check_copies"] = measure_check_copies(args.check_copies, args.repeat, work)
            print(json.dumps(results["check_copies"], ensure_ascii=False), flush=True)

    print()
    print("1. Synthetic records against plain pages of the same site")
    print("records  check s  build s  plain s  build/plain  site MB  plain MB  network page KB  directory KB")
    for row in results["sizes"]:
        print(f"{row['records']:>7}  {row['check_seconds']:>7}  {row['build_seconds']:>7}  "
              f"{row['plain_build_seconds']:>7}  {row['build_vs_plain']:>11}  {row['site_mb']:>7}  "
              f"{row['plain_site_mb']:>8}  {row['network_page_kb']:>15}  {row['directory_page_kb']:>12}")
    if results["check"]:
        print(f"check of {results['check']['records']} records: {results['check']['check_seconds']} s")
    print(f"2. Copies of {COPIED_RECORD}.yml against a bare Material + i18n site "
          f"(median of {args.repeat})")
    if results["copies"]:
        row = results["copies"]
        print(f"build with {row['copies']} copies ({row['pages_per_language']} pages per language): "
              f"{row['build_seconds']} s against {row['plain_build_seconds']} s, "
              f"{row['build_vs_plain']} times (budget {BUILD_BUDGET}: "
              f"{'holds' if row['build_within_budget'] else 'exceeded'}); processor time "
              f"{row['build_processor_seconds']} s against {row['plain_processor_seconds']} s")
    if results["check_copies"]:
        row = results["check_copies"]
        print(f"check of {row['copies']} copies: {row['check_seconds']} s (budget under "
              f"{CHECK_BUDGET} s: {'holds' if row['check_within_budget'] else 'exceeded'}); "
              f"processor time {row['check_processor_seconds']} s; the first check in the fresh "
              f"copy, which also compiles the code and the schemas: {row['first_check_seconds']} s "
              f"({'holds' if row['first_check_within_budget'] else 'exceeded'})")
    write_results(results, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
