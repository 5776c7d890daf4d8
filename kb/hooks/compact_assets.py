"""This project's own styles and scripts (overrides/assets/), sent to readers without comments.

The files keep their comments for whoever changes them; readers on a slow connection need only the
rules. kb.css is written into every page (overrides/main.html, `kb_styles`), so the file itself is
not published; the scripts are served from the same addresses as before. rcssmin and rjsmin remove
only what does not change what the code does (comments and spaces), and install as pure Python
where their C part cannot be built.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from markupsafe import Markup
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

STYLES = "assets/stylesheets/kb.css"


def on_env(env, config, files):
    source, _, _ = env.loader.get_source(env, STYLES)
    env.globals["kb_styles"] = Markup(rcssmin.cssmin(source))
    return env


@event_priority(-110)  # after the i18n plugin (-100), which expects each file to be in a folder
def on_files(files, config):
    own = Path(config.theme.custom_dir).resolve()
    for file in list(files):
        source = Path(file.abs_src_path or "").resolve()
        if own not in source.parents:
            continue  # not this project's (Material's scripts come minified)
        if file.src_uri == STYLES:
            files.remove(file)
        elif file.src_uri.endswith(".js"):
            files.remove(file)
            files.append(File.generated(config, file.src_uri,
                                        content=rjsmin.jsmin(source.read_text(encoding="utf-8"))))
    return files
