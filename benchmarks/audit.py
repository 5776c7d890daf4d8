"""Benchmark of page quality: Lighthouse (mobile) scores and axe-core accessibility violations.

    python3 benchmarks/audit.py                       build the site, then audit twelve pages
    python3 benchmarks/audit.py --site site           audit a site already built into site/

It audits the home page, a guidance chapter, the directory, a network page, the reports page and
the templates (where the site has them), in Albanian and in English: Lighthouse's four scores
(performance, accessibility, best practices, SEO) with its mobile settings, the median of --runs
runs, and axe-core's WCAG 2.1 A and AA rules. It also measures what a first view transfers
(compressed, as GitHub Pages serves it, against the budget of 70 KB; on the directory and the
reports, which grow with the records, the budget is for the page without its entries, and each
entry's share is given beside it), whether the page asks for the search index before anyone
searches, and every request to a host other than the site's own.
It is a measurement, not a test: it fails on nothing; read the figures.

Needs Node.js and npm (it installs the exact versions of benchmarks/audit/package-lock.json into
benchmarks/audit/node_modules on first use) and Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
from in_venv import run_inside_venv  # noqa: E402  (benchmarks/in_venv.py)
from results import write_results  # noqa: E402

run_inside_venv(__file__)

TOOLS = ROOT / "benchmarks" / "audit"
PAGES = ["", "guide/membership/", "networks/", "networks/bcsdn/", "reports/", "templates/"]
BUDGET_KB = 70  # what the first view of any page may transfer, compressed
# The directory and the library hold one entry per network or report, all in the page, so that it
# is complete without JavaScript: their first view grows with the records, as a chapter's does with
# its text. For them the 70 KB are the page without its entries; what each entry adds is reported.
LISTINGS = {"networks/": "ul.kb-network-list > li", "reports/": "section.kb-report"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("Chromium is needed: apt-get install chromium, or set CHROMIUM_PATH.")


def install_tools() -> None:
    if not (TOOLS / "node_modules" / ".bin" / "lighthouse").exists():
        print("Installing Lighthouse and axe-core (npm ci) …", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)


def build(site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                    str(site_dir)], cwd=ROOT, env=env, check=True)


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text compressed with gzip, cached for ten minutes."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in self.COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


def lighthouse_median(url: str, browser: str, runs: int) -> dict:
    """Lighthouse `runs` times; the median of each score (a single run varies by a few points)."""
    results = [lighthouse(url, browser) for _ in range(runs)]
    good = [r for r in results if "scores" in r]
    if not good:
        return results[-1] if results else {}
    median = {name: sorted(r["scores"][name] for r in good)[len(good) // 2] for name in CATEGORIES}
    return {**good[-1], "scores": median,
            "runs": {name: [r["scores"][name] for r in good] for name in CATEGORIES}}


def lighthouse(url: str, browser: str) -> dict:
    result = subprocess.run(
        [str(TOOLS / "node_modules" / ".bin" / "lighthouse"), url, "--output=json", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": browser}, timeout=300)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:]}
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = sorted(
        f"{audit['id']}: {audit['title']}"
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    metrics = {key: report["audits"][key]["displayValue"] for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "total-byte-weight") if key in report["audits"]}
    return {"scores": scores, "metrics": metrics, "below_full_marks": failing}


def entries_share(html: bytes, selector: str) -> tuple[int, float]:
    """How many entries a listing page has and what they add to it compressed, in KB: the page
    with and without them, each written out the same way, compressed as the server does."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(html, "html.parser")
    whole = len(gzip.compress(str(soup).encode()))
    entries = soup.select(selector)
    for entry in entries:
        entry.decompose()
    return len(entries), (whole - len(gzip.compress(str(soup).encode()))) / 1024


def axe_and_requests(urls: list[str], browser_path: str, own_host: str) -> dict:
    from playwright.sync_api import sync_playwright
    axe_source = (TOOLS / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=CHROME_FLAGS[1:])
        for url in urls:
            page = browser.new_page(viewport={"width": 412, "height": 915})
            foreign, finished = [], []
            page.on("request", lambda r: foreign.append(r.url)
                    if urlsplit(r.url).netloc not in (own_host, "") else None)
            page.on("requestfinished", lambda r: finished.append(r))
            response = page.goto(url, wait_until="networkidle")
            if response is None or response.status >= 400:
                page.close()
                continue
            page.wait_for_timeout(500)
            # Bytes on the wire for the response bodies (compressed where the server compressed).
            transferred = sum(r.sizes()["responseBodySize"] for r in finished)
            search = [r.url for r in finished
                      if r.url.endswith("search_index.json") or "/workers/search." in r.url]
            page.add_script_tag(content=axe_source)
            violations = page.evaluate("""async () => {
                const result = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                return result.violations.map(v => `${v.id} (${v.impact}): ${v.help} – ` +
                    v.nodes.length + ' element(s), e.g. ' + v.nodes[0].target.join(' '));
            }""")
            results[url] = {"axe_violations": violations, "other_hosts": sorted(set(foreign)),
                            "first_view_kb": round(transferred / 1024, 1),
                            "requests": len(finished), "search_before_use": search}
            listing = next((LISTINGS[p] for p in LISTINGS if urlsplit(url).path.endswith("/" + p)),
                           None)
            if listing:
                count, kb = entries_share(response.body(), listing)
                results[url]["entries"] = {
                    "count": count, "kb": round(kb, 1), "kb_each": round(kb / max(count, 1), 3),
                    "first_view_without_kb": round(transferred / 1024 - kb, 1)}
            page.close()
        browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", help="a folder with the site already built (else it is built)")
    parser.add_argument("--output", default=str(ROOT / "bench-results" / "audit.json"))
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median); 0 measures only axe, weight and requests")
    args = parser.parse_args()
    browser = chromium()
    install_tools()

    with tempfile.TemporaryDirectory(prefix="kb-audit-") as folder:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
            PagesLikeHandler, directory=args.site or folder))
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        if not args.site:
            print("Building the site …", flush=True)
            build(Path(folder), base)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        urls = [base + prefix + path for prefix in ("", "en/") for path in PAGES]
        report = axe_and_requests(urls, browser, urlsplit(base).netloc)
        for url in report:
            print(f"Lighthouse: {url}", flush=True)
            report[url].update(lighthouse_median(url, browser, args.runs))
        server.shutdown()

    print()
    print(f"{'page':<28} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4}  axe  other hosts"
          f"  first view (budget {BUDGET_KB} KB)  search before use")
    for url, row in report.items():
        scores = row.get("scores", {})
        print(f"{'/' + url.split('/', 3)[3]:<28} "
              + " ".join(f"{scores.get(c, '–'):>4}" for c in CATEGORIES)
              + f"  {len(row['axe_violations']):>3}  {len(row['other_hosts']):>11}"
              + f"  {row['first_view_kb']:>7} KB in {row['requests']} requests"
              + f"  {'yes' if row['search_before_use'] else 'no'}")
        if "entries" in row:
            e = row["entries"]
            print(f"    {e['count']} entries: {e['kb']} KB, {e['kb_each']} KB each; the page "
                  f"without them: {e['first_view_without_kb']} KB (budget {BUDGET_KB} KB)")
        for line in row["axe_violations"] + row.get("below_full_marks", []) + row.get("error", []):
            print(f"    {line}")
    write_results(report, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
