"""Where the benchmarks keep their figures: JSON in bench-results/ (not committed)."""

from __future__ import annotations

import json
from pathlib import Path


def write_results(results: dict, output: str) -> None:
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Written to {path}")
