"""Benchmarks run inside .venv/, with the pinned packages: started with any Python, they start
themselves again with .venv's Python (scripts/dev.py sets it up)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_inside_venv(script: str) -> None:
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():
        return
    dev = runpy.run_path(str(ROOT / "scripts" / "dev.py"))
    sys.exit(dev["run_in_environment"]([str(Path(script).resolve()), *sys.argv[1:]]))
