"""`python -m kb …`: the editors' command (scripts/kb.py runs it inside .venv/)."""

import sys

from kb.cli import main

# Guarded: the processes that share a long check (kb/records/catalog.py) may import this module
# again where they start afresh (Windows, macOS), and must not run the command a second time.
if __name__ == "__main__":
    sys.exit(main())
