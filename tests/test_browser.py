"""The site in a real browser (headless Chromium): language switching, search, the directory's
filters, and pages that log no error and ask no other host for anything."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
import unicodedata
from urllib.parse import urlsplit

import pytest
import yaml

from kb.git_history import in_ci
from conftest import ROOT, run_mkdocs_build

pytestmark = pytest.mark.browser

PREFIX = "/cso-networks/"  # served under a project path, as on GitHub Pages


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if path is None:
        if in_ci():
            pytest.fail("Chromium is missing: CI must run the browser tests (.ci/run installs it)")
        pytest.skip("no Chromium here: install Debian's chromium or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under PREFIX, and its 404 page for anything else, as Pages does."""

    def translate_path(self, path):
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX):]
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            body = (self.server.site_dir / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("browser-site")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(site_dir)))
    server.site_dir = site_dir
    url = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    result = run_mkdocs_build(site_dir, SITE_URL=url)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()


@pytest.fixture
def page(browser, base_url):
    """A page that records console errors and requests to any host but the site's own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    own_host = urlsplit(base_url).netloc
    page.on("request", lambda r: page.foreign_requests.append(r.url)
            if urlsplit(r.url).netloc not in (own_host, "") and not r.url.startswith("data:")
            else None)
    yield page
    context.close()


def test_language_switcher_leads_to_the_same_chapter(page, base_url):
    page.goto(base_url + "guide/membership/")
    page.click("header .md-select button")
    page.click("a.md-select__link[hreflang=en]")
    page.wait_for_url(base_url + "en/guide/membership/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("header .md-select button")
    page.click("a.md-select__link[hreflang=sq]")
    page.wait_for_url(base_url + "guide/membership/")


def search(page, query: str) -> list[str]:
    """Type a query in the search box; the addresses of the results, as links on the page."""
    page.click(".md-search__input")
    page.keyboard.type(query)
    # The count above the results ("U gjetën 8 faqe") appears once the search has answered.
    page.wait_for_function(
        "/\\d/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href)")


@pytest.mark.parametrize("query, expected", [
    ("jeteshkurter", "guide/what-is-a-network/"),  # the text has "jetëshkurtër"
    ("ceshtjet", "guide/governance/"),           # the text has "çështjet"
    ("çështjet", "guide/governance/"),
    ("BCSDN", "networks/bcsdn/"),
])
def test_albanian_search_finds_albanian_pages_with_or_without_diacritics(page, base_url, query,
                                                                        expected):
    page.goto(base_url + "guide/")
    results = search(page, query)
    assert any(r.startswith(base_url + expected) for r in results), results
    assert not any(r.startswith(base_url + "en/") for r in results), results


def test_english_search_finds_english_pages_only(page, base_url):
    page.goto(base_url + "en/guide/")
    results = search(page, "membership")
    assert any(r.startswith(base_url + "en/guide/membership/") for r in results), results
    assert all(r.startswith(base_url + "en/") for r in results), results


def visible_networks(page) -> list[str]:
    return page.eval_on_selector_all(
        ".kb-network-list > li:not([hidden]) a.kb-network-list__name",
        "as => as.map(a => a.getAttribute('href').replace(/\\/$/, ''))")


def test_directory_filters_by_country_and_theme_and_keeps_them_in_the_address(page, base_url):
    records = read_records()
    in_kosovo = sorted(i for i, r in records.items() if "XK" in r["countries"])
    on_gender = sorted(i for i in in_kosovo if "gender-equality" in records[i]["themes"])
    in_czechia = sorted(i for i, r in records.items() if "CZ" in r["countries"])
    assert len(in_kosovo) > len(on_gender) >= 1 and in_czechia  # the data can show each filter
    page.goto(base_url + "networks/")
    everything = visible_networks(page)
    assert len(everything) == len(records)
    page.select_option("#kb-filter-country", "XK")
    assert sorted(visible_networks(page)) == in_kosovo
    assert page.url == base_url + "networks/?country=XK"
    page.select_option("#kb-filter-theme", "gender-equality")
    assert sorted(visible_networks(page)) == on_gender
    assert page.url == base_url + "networks/?country=XK&theme=gender-equality"
    assert re.fullmatch(rf"Shfaq(et|en) {len(on_gender)} nga {len(everything)} rrjete?\.",
                        page.inner_text(".kb-filters__status"))

    # The address alone gives the same view to whoever opens it.
    page.goto(base_url + "networks/?country=CZ")
    assert sorted(visible_networks(page)) == in_czechia
    assert page.input_value("#kb-filter-country") == "CZ"


def read_records() -> dict[str, dict]:
    return {path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for path in sorted((ROOT / "data" / "networks").glob("*.yml"))}


def all_networks_in_order(page) -> list[str]:
    """Every entry, hidden or not, in the order the list has now."""
    return page.eval_on_selector_all(
        ".kb-network-list > li a.kb-network-list__name",
        "as => as.map(a => a.getAttribute('href').replace(/\\/$/, ''))")


@pytest.mark.parametrize("country", ["AL", "BA", "XK", "MK", "ME", "RS"])
def test_each_western_balkan_country_shows_every_network_that_has_it(page, base_url, country):
    expected = sorted(i for i, r in read_records().items() if country in r["countries"])
    assert expected
    page.goto(base_url + f"networks/?country={country}")
    assert sorted(visible_networks(page)) == expected


def test_directory_filters_by_status_and_keeps_it_in_the_address(page, base_url):
    records = read_records()
    page.goto(base_url + "networks/")
    for status in ("active", "inactive", "unknown"):
        expected = sorted(i for i, r in records.items() if r["status"] == status)
        if not expected:
            assert page.locator(f'#kb-filter-status option[value="{status}"]').count() == 0
            continue
        page.select_option("#kb-filter-status", status)
        assert sorted(visible_networks(page)) == expected, status
        assert page.url == base_url + f"networks/?status={status}"
    # Whatever statuses the records have now: an entry of another status than the one chosen is
    # hidden (the entry is changed in the page, as a record with that status would be written).
    page.goto(base_url + "networks/")
    first = all_networks_in_order(page)[0]
    other = "inactive" if records[first]["status"] != "inactive" else "active"
    page.eval_on_selector(f'.kb-network-list a[href="{first}/"]',
                          f"a => a.closest('li').setAttribute('data-status', '{other}')")
    page.select_option("#kb-filter-status", records[first]["status"])
    assert first not in visible_networks(page)
    assert sorted(visible_networks(page)) == sorted(
        i for i, r in records.items() if r["status"] == records[first]["status"] and i != first)

    # The address alone gives the same view.
    some = next(r["status"] for r in records.values())
    page.goto(base_url + f"networks/?status={some}")
    assert page.input_value("#kb-filter-status") == some
    assert sorted(visible_networks(page)) == sorted(
        i for i, r in records.items() if r["status"] == some)


def founded_order(records) -> list[str]:
    """Oldest first; the same year keeps the order by name (the page's own order)."""
    return [i for i, _ in sorted(records.items(), key=lambda item: item[1]["founded"])]


@pytest.mark.parametrize("language", ["sq", "en"])
def test_directory_sorts_by_founding_year_and_by_members(page, base_url, language):
    records = read_records()
    prefix = "" if language == "sq" else "en/"
    page.goto(base_url + prefix + "networks/")
    by_name = all_networks_in_order(page)
    assert sorted(by_name) == sorted(records)
    position = {record_id: index for index, record_id in enumerate(by_name)}

    page.select_option("#kb-sort", "founded")
    assert page.url == base_url + prefix + "networks/?sort=founded"
    assert all_networks_in_order(page) == sorted(
        records, key=lambda i: (records[i]["founded"], position[i]))

    page.select_option("#kb-sort", "members")
    assert page.url == base_url + prefix + "networks/?sort=members"
    counted = [i for i in records if "members" in records[i]]
    uncounted = [i for i in records if "members" not in records[i]]
    assert all_networks_in_order(page) == (
        sorted(counted, key=lambda i: (-int(records[i]["members"]["count"]), position[i]))
        + sorted(uncounted, key=position.get))

    # Back to the names: the page's own order again, and a clean address.
    page.select_option("#kb-sort", "")
    assert all_networks_in_order(page) == by_name
    assert page.url == base_url + prefix + "networks/"

    # A shared address with an order and a filter gives the same view.
    page.goto(base_url + prefix + "networks/?sort=founded&country=HR")
    assert page.input_value("#kb-sort") == "founded"
    assert visible_networks(page) == [
        i for i in sorted(records, key=lambda i: (records[i]["founded"], position[i]))
        if "HR" in records[i]["countries"]]


def found_by(records: dict, text: str) -> list[str]:
    """The ids of the records whose names, acronym or secretariat's city hold text, in lower case
    and in any language: what the directory's text filter searches."""
    found = set()
    for id_, record in records.items():
        city = (record.get("secretariat") or {}).get("city") or {}
        texts = [*record["name"].values(), record.get("acronym", ""), *city.values()]
        if any(text in value.lower() for value in texts):
            found.add(id_)
    return sorted(found)


# Searched without diacritics: what an entry shows (its name in the page's language, its acronym)
# and what it does not (its name in the other language, the secretariat's city).
@pytest.mark.parametrize("language, typed, text", [
    ("sq", "shoqerise", "shoqërisë"),  # the name shown
    ("en", "shoqerise", "shoqërisë"),  # the name in the other language
    ("sq", "skopje", "skopje"),        # the city, in the other language
    ("en", "bcsdn", "bcsdn"),          # the acronym
])
def test_directory_text_filter_ignores_diacritics_and_reset_shows_all(page, base_url, language,
                                                                      typed, text):
    named = found_by(read_records(), text)
    assert "bcsdn" in named
    prefix = "" if language == "sq" else "en/"
    page.goto(base_url + prefix + "networks/")
    page.fill("#kb-filter-text", typed)
    assert sorted(visible_networks(page)) == named
    assert page.url.endswith("?q=" + typed)
    page.click(".kb-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.kb-network-list > li[hidden]').length === 0")
    assert page.url == base_url + prefix + "networks/"


def test_directory_filters_work_from_the_keyboard(page, base_url):
    page.goto(base_url + "networks/")
    page.focus("#kb-filter-text")
    page.keyboard.press("Tab")  # to the country list
    assert page.evaluate("document.activeElement.id") == "kb-filter-country"
    page.keyboard.press("ArrowDown")  # the first country in the list
    assert len(visible_networks(page)) < 6
    assert "?country=" in page.url
    status = page.locator(".kb-filters__status")
    assert status.get_attribute("role") == "status"


def test_without_javascript_the_directory_shows_every_network(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "networks/?country=XK&sort=founded")
    records = read_records()
    assert len(page.query_selector_all(".kb-network-list > li")) == len(records)
    assert len(page.query_selector_all(".kb-network-list > li[hidden]")) == 0
    assert page.is_hidden(".kb-filters")
    # In the order of the names, whatever the address asks for.
    names = page.eval_on_selector_all(".kb-network-list__name", "as => as.map(a => a.textContent)")
    assert names == sorted(names, key=lambda n: unicodedata.normalize("NFD", n.casefold()))
    context.close()


PAGES = ["", "guide/", "guide/membership/", "networks/", "networks/bcsdn/", "reports/",
         "contributing/"]


@pytest.mark.parametrize("path", PAGES + ["en/" + p for p in PAGES])
def test_page_logs_no_error_and_asks_no_other_host(page, base_url, path):
    page.goto(base_url + path, wait_until="networkidle")
    assert page.errors == [], page.errors
    assert page.foreign_requests == [], page.foreign_requests


def search_requests(urls: list[str]) -> list[str]:
    """The requests for the search index and for Material's search worker (which holds lunr)."""
    return [u for u in urls if u.endswith("/search_index.json") or "/workers/search." in u]


@pytest.mark.parametrize("path", ["", "guide/membership/", "networks/", "networks/bcsdn/",
                                  "reports/", "en/guide/membership/"])
def test_search_is_fetched_only_when_the_reader_starts_to_search(page, base_url, path):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert search_requests(requested) == []
    page.keyboard.press("/")  # Material's search key: focuses the search box
    page.keyboard.type("rrjet" if not path.startswith("en/") else "network")
    page.wait_for_function(
        "/\\d/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15000)
    index = "en/search/search_index.json" if path.startswith("en/") else PREFIX + "search/search_index.json"
    assert [u for u in search_requests(requested) if u.endswith(index)], requested
    assert page.errors == [], page.errors


def test_missing_page_shows_the_404_page_in_both_languages(page, base_url):
    response = page.goto(base_url + "no/such/page/")
    assert response.status == 404
    page.errors.clear()  # the browser reports the 404 answer itself as an error
    text = page.inner_text("article")
    assert "nuk u gjet" in text.lower() and "not found" in text.lower()
    page.click("article a[hreflang=en]")
    page.wait_for_url(base_url + "en/")
    assert page.errors == [] and page.foreign_requests == []


def test_a_chapter_prints_without_navigation_and_with_link_addresses(page, base_url):
    page.goto(base_url + "guide/why-network/")
    page.emulate_media(media="print")
    for hidden in ("header.md-header", ".md-sidebar--primary", "footer.md-footer",
                   ".md-content__button"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible("article h1")
    outside = page.locator('article a[href^="http"]').first
    after = outside.evaluate("a => getComputedStyle(a, '::after').content")
    assert outside.get_attribute("href") in after
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
