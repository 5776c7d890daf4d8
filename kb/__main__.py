"""`python -m kb …`: the editors' command (scripts/kb.py runs it inside .venv/)."""

import sys

from kb.cli import main

sys.exit(main())
