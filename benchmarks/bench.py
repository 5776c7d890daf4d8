"""Benchmark: how the check, the build and the site grow with the number of network records.

    python3 benchmarks/bench.py                 N = 0, 1000 and 4000, and the check at 10,000
    python3 benchmarks/bench.py --sizes 0 500   other sizes

For each N it copies the project to a temporary folder, adds N synthetic records and measures:
the check's time (`kb.py check`), the full build's time (`mkdocs build`), the site's size, the size
of one network page, of the directory page and of the search index. Beside it, in the same run, it
builds a plain Material + i18n site with the same number of pages (the same guide, plus N plain
Markdown pages per language, kept out of the navigation as the directory's pages are) without this
project's hook. Times are wall-clock seconds, the best of --repeat runs. It is a measurement, not a
test: it fails on nothing; read the figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from in_venv import run_inside_venv  # noqa: E402  (benchmarks/in_venv.py)

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


def timed(command: list[str], cwd: Path, repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/kb/"}
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout}\n{result.stderr}")
    return best, result


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def size_of(path: Path) -> int | None:
    return path.stat().st_size if path.exists() else None


def measure(count: int, repeat: int, work: Path) -> dict:
    project = work / f"project-{count}"
    copy_project(project)
    records = add_records(project, count)
    python = sys.executable
    check_time, check = timed([python, "scripts/kb.py", "check"], project, repeat)
    build_time, _ = timed([python, "-m", "mkdocs", "build", "--site-dir", "site"], project, repeat)
    site = project / "site"
    site_bytes, site_files = folder_size(site)

    plain = work / f"plain-{count}"
    make_plain_project(plain, records)
    plain_time, _ = timed([python, "-m", "mkdocs", "build", "--site-dir", "site"], plain, repeat)
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
    check_time, check = timed([sys.executable, "scripts/kb.py", "check"], project, repeat)
    return {"records": count, "check_seconds": round(check_time, 2),
            "check_summary": check.stdout.strip().splitlines()[-1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 4000])
    parser.add_argument("--check-size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the best counts")
    parser.add_argument("--output", default=str(ROOT / "bench-results" / "bench.json"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as folder:
        work = Path(folder)
        results = {"sizes": [], "check": None}
        for count in args.sizes:
            print(f"Measuring N = {count} …", flush=True)
            row = measure(count, args.repeat, work)
            results["sizes"].append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
        if args.check_size:
            print(f"Measuring the check alone at N = {args.check_size} …", flush=True)
            results["check"] = measure_check_only(args.check_size, args.repeat, work)
            print(json.dumps(results["check"], ensure_ascii=False), flush=True)

    print()
    print("records  check s  build s  plain s  build/plain  site MB  plain MB  network page KB  directory KB")
    for row in results["sizes"]:
        print(f"{row['records']:>7}  {row['check_seconds']:>7}  {row['build_seconds']:>7}  "
              f"{row['plain_build_seconds']:>7}  {row['build_vs_plain']:>11}  {row['site_mb']:>7}  "
              f"{row['plain_site_mb']:>8}  {row['network_page_kb']:>15}  {row['directory_page_kb']:>12}")
    if results["check"]:
        print(f"check of {results['check']['records']} records: {results['check']['check_seconds']} s")
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
