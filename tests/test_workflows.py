"""The GitHub workflows: audited by zizmor, and given the whole git history."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def zizmor() -> str:
    # Installed with the test packages (requirements.txt), beside this Python.
    return str(Path(sys.executable).parent / ("zizmor.exe" if sys.platform == "win32" else "zizmor"))


def test_zizmor_finds_nothing_above_low():
    result = subprocess.run([zizmor(), "--offline", "--no-progress", "--format", "plain",
                             "--min-severity", "medium", str(WORKFLOWS)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_every_checkout_fetches_the_whole_history():
    # "Last changed" dates and outdated translations come from git: a shallow clone stops the build.
    checkouts = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    checkouts.append((path.name, step.get("with", {})))
    assert {name for name, _ in checkouts} == {"checks.yml", "pages.yml"}
    for name, options in checkouts:
        assert options.get("fetch-depth") == 0, name
        assert options.get("persist-credentials") is False, name
