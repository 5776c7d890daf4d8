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

from conftest import copy_project


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
