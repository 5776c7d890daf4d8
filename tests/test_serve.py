"""`mkdocs serve` while an editor works: a broken record stops the rebuild with the check's message,
the server keeps running, and the next save that fixes the record is picked up."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_project, replaced


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"gave up waiting for {what}")


@pytest.fixture
def served_project(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = tmp_path / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"})
    try:
        yield project, url, log_path, server
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_serve_reports_a_broken_record_keeps_serving_and_recovers(served_project):
    project, url, log_path, server = served_project
    page = url + "en/networks/bcsdn/"
    first = wait_for(lambda: fetch(page), "the first build")
    assert "Balkan Civil Society Development Network" in first

    record = project / "data" / "networks" / "bcsdn.yml"
    original = record.read_text(encoding="utf-8")
    broken = original.replace("founded: 2001", "founded: 2999")
    record.write_text(broken, encoding="utf-8")
    message = ("data/networks/bcsdn.yml:7:10: error: founded: '2999' is in the future; write the "
               "year the network was founded, such as 2003")
    wait_for(lambda: message in log_path.read_text(encoding="utf-8"), "the check's message")
    # MkDocs holds requests until the next good build; the server itself keeps running, and
    # nothing the editor wrote was touched.
    assert server.poll() is None
    assert record.read_text(encoding="utf-8") == broken

    record.write_text(original.replace("founded: 2001", "founded: 2004-01"), encoding="utf-8")
    wait_for(lambda: "January 2004" in (fetch(page) or ""), "the rebuild after the fix")
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


SERVE_RECORD = """\
name: {sq: Rrjeti i provës, en: Serve Test Network}
albanian_name: translated
acronym: STN
founded: 2008-10-28
countries: [AL]
themes: [human-rights]
status: unknown
description: {sq: Një rrjet për prova., en: A network for tests.}
sources:
  - {url: "https://example.org/about", title: About}
last_verified: 2024-01-01
"""


def test_serve_rebuilds_with_changed_schemas_strings_code_and_templates(served_project):
    # Each change below must show in the next rebuild, as in a fresh `mkdocs build`.
    project, url, log_path, server = served_project
    page = url + "en/networks/serve-test/"
    wait_for(lambda: fetch(url), "the first build")
    (project / "data" / "networks" / "serve-test.yml").write_text(SERVE_RECORD, encoding="utf-8")
    first = wait_for(lambda: fetch(page), "the new record's page")
    assert "28 October 2008" in first and "<dt>Founded</dt>" in first

    def edit(relative: str, old: str, new: str) -> None:
        path = project / relative
        path.write_text(replaced(path.read_text(encoding="utf-8"), (old, new)), encoding="utf-8")

    def log() -> str:
        return log_path.read_text(encoding="utf-8")

    # A schema: the rebuild checks the records with it, as `kb.py check` does.
    edit("data/schemas/network.schema.json", '"maxLength": 30', '"maxLength": 2')
    wait_for(lambda: "data/networks/serve-test.yml:3:10: error: acronym: 'STN' is not accepted "
                     "here" in log(), "the check with the changed schema")
    edit("data/schemas/network.schema.json", '"maxLength": 2', '"maxLength": 30')
    # The words around the data.
    edit("kb/records/templates/strings.yml", "  founded: Founded\n", "  founded: Year founded\n")
    wait_for(lambda: "<dt>Year founded</dt>" in (fetch(page) or ""), "the changed strings.yml")
    # The generator's code.
    edit("kb/records/pages.py", 'return format_date(date, "long", locale=locale)',
         'return format_date(date, "medium", locale=locale)')
    wait_for(lambda: "28 Oct 2008" in (fetch(page) or ""), "the changed generator")
    # A template.
    edit("kb/records/templates/network.html.j2", '<p class="kb-record__description">',
         '<p class="kb-record__description" data-changed>')
    wait_for(lambda: "data-changed" in (fetch(page) or ""), "the changed template")
    assert server.poll() is None
    assert "Traceback" not in log()
