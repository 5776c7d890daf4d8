"""MkDocs hook: `mkdocs serve` rebuilds with the project's code and settings as they are now.

`mkdocs serve` loads the hooks once and keeps every module they import, and the generator keeps
what it read once (the schemas, strings.yml). Without this hook, a rebuild after a change to a
schema, strings.yml, data/word-forms.yml or the Python code in kb/ would still use the old ones: the preview would
stay green while `kb.py check` fails. Before each build, this hook looks at those files; when one
has changed since the last build, it imports the project's modules again, so that the build gives
what a fresh `mkdocs build` gives. It is listed first under `hooks:` in mkdocs.yml, so that it
runs before the other hooks read anything.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from mkdocs.plugins import event_priority

from kb.file_changes import fingerprint

PACKAGE = Path(__file__).resolve().parents[1]  # kb/
SCHEMAS = PACKAGE.parent / "data" / "schemas"
# Data the code reads once per process rather than with the records.
WORD_FORMS = PACKAGE.parent / "data" / "word-forms.yml"

# What the files looked like at the last build; None before the first.
_last: list = [None]


def _is_project_code(module: ModuleType) -> bool:
    file = getattr(module, "__file__", None)
    return bool(file) and Path(file).resolve().is_relative_to(PACKAGE)


def reload_project(config) -> None:
    """Import every module of kb/ again, and let MkDocs call the hooks' new functions."""
    this = sys.modules[__name__]
    hooks = [m for m in config.plugins.values() if isinstance(m, ModuleType) and m is not this]
    for name, module in list(sys.modules.items()):
        if module is not this and module not in hooks and _is_project_code(module):
            del sys.modules[name]
    for module in hooks:
        # Runs the hook's file again in its own module, so its imports load the new code.
        module.__spec__.loader.exec_module(module)
    # MkDocs took the hooks' functions before this build began; give it the new ones.
    by_name = {module.__name__: module for module in hooks}
    for handlers in config.plugins.events.values():
        for index, handler in enumerate(handlers):
            module = by_name.get(getattr(handler, "__module__", None))
            if module is not None:
                handlers[index] = getattr(module, handler.__name__, handler)


@event_priority(100)  # before any other hook or plugin reads the configuration
def on_config(config):
    current = fingerprint(PACKAGE, SCHEMAS, WORD_FORMS)  # code, templates, strings, schemas
    if _last[0] is not None and current != _last[0]:
        reload_project(config)
    _last[0] = current
    return config
