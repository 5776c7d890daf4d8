"""The few parts of Material copied into overrides/ must follow Material when it changes.

Each copy names, in its header, the file (or block) of Material it was copied from and the first
16 hex digits of that original's SHA-256. When an upgrade of Material changes the original, this
test fails and says which copy to compare with the new original.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
COPY_NOTE = re.compile(r"Copied from (?:the block (?P<block>\w+) of )?Material's (?P<original>[\w/.]+),"
                       r"\s+sha256 (?P<digest>[0-9a-f]{16})")
COPIES = ["overrides/partials/search.html", "overrides/partials/source.html",
          "overrides/main.html"]


def original_text(original: str, block: str | None) -> str:
    text = (MATERIAL_TEMPLATES / original).read_text(encoding="utf-8")
    if block is None:
        return text
    match = re.search(r"\{%%-? block %s %%\}.*?\{%%-? endblock %%\}" % block, text, re.S)
    assert match, f"Material's {original} no longer has a block {block}"
    return match.group(0)


@pytest.mark.parametrize("copy", COPIES)
def test_copied_theme_parts_match_the_installed_material(copy):
    notes = list(COPY_NOTE.finditer((ROOT / copy).read_text(encoding="utf-8")))
    assert notes, f"{copy} does not say which part of Material it copies"
    for note in notes:
        original, block = note["original"], note["block"]
        digest = hashlib.sha256(original_text(original, block).encode("utf-8")).hexdigest()[:16]
        what = f"the block {block} of {original}" if block else original
        assert digest == note["digest"], (
            f"Material's {what} changed since {copy} was copied from it (sha256 {note['digest']}, "
            f"now {digest}). Compare the two, carry Material's change into the copy, keep this "
            f"project's change, and write the new digest in the copy's header.")


def test_every_copy_in_overrides_is_checked():
    """A new copy of a Material partial must name its original, so the test above covers it."""
    partials = sorted(p.relative_to(ROOT).as_posix()
                      for p in (ROOT / "overrides" / "partials").glob("*.html"))
    assert set(partials) <= set(COPIES), set(partials) - set(COPIES)
