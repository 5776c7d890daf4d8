"""The editors' command.

    python3 scripts/kb.py check                  check every record and vocabulary in data/
    python3 scripts/kb.py new network <id>       write a new, empty network record to fill in
    python3 scripts/kb.py new report <id>        write a new, empty report record to fill in
    python3 scripts/kb.py translations           list pages missing or out of date in a language
    python3 scripts/kb.py messages               (maintainers) gather the messages to translate

Every command takes --lang sq or --lang en; without it, the messages follow the locale.

It needs only Python 3.11+: like scripts/dev.py it sets up .venv/ on the first run, then runs the
command (kb/cli.py) with .venv's Python. The pull-request checks run it too.
"""

import sys

import dev  # scripts/dev.py, beside this file

sys.exit(dev.run_in_environment(["-m", "kb", *sys.argv[1:]]))
