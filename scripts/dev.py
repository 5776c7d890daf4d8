"""Set up everything and run the site or the tests: the two commands in README.md.

    python3 scripts/dev.py serve    the site at http://127.0.0.1:8000/, rebuilt on every change
    python3 scripts/dev.py build    the site into site/ (what GitHub Pages publishes)
    python3 scripts/dev.py test     every test

Needs only Python 3.11+ and git. The first run makes a virtual environment in .venv/ and installs the
exact versions in requirements.txt into it; later runs reuse it, and reinstall only when
requirements.txt has changed. Nothing is installed outside .venv/. Anything after the command is
passed on: `python3 scripts/dev.py test -k switcher`, `python3 scripts/dev.py serve -a 0.0.0.0:8000`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
# Remembers which requirements.txt the environment was installed from.
STAMP = VENV / "requirements.sha256"

COMMANDS = {
    "serve": ["-m", "mkdocs", "serve", "--strict"],
    "build": ["-m", "mkdocs", "build", "--strict"],
    "test": ["-m", "pytest"],
}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def set_up() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if venv_python().exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not venv_python().exists():
        print(f"Making a virtual environment in {VENV.name}/ …", file=sys.stderr, flush=True)
        venv.create(VENV, with_pip=True)
    # On stderr: what the command itself prints (kb.py check) stays alone on stdout.
    print("Installing the packages in requirements.txt (the first time takes a minute) …",
          file=sys.stderr, flush=True)
    subprocess.run(
        [str(venv_python()), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(REQUIREMENTS)],
        check=True,
    )
    # Like `pip install -e .`: .venv's Python finds the package kb/ in this folder wherever it is
    # started from (the `mkdocs` command, an editor's IDE), without any sys.path edit in the code.
    site_packages = subprocess.run(
        [str(venv_python()), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip()
    (Path(site_packages) / "cso_networks_kb.pth").write_text(str(ROOT) + "\n", encoding="utf-8")
    STAMP.write_text(wanted + "\n")


def run_in_environment(arguments: list[str]) -> int:
    """Run .venv's Python with these arguments in the repository folder, setting .venv/ up first.

    This is how `python3 scripts/kb.py …` works on a fresh machine with any Python 3.11+.
    """
    try:
        set_up()
    except subprocess.CalledProcessError:
        print("Installing the packages failed (see the messages above). Check the internet "
              "connection and run the same command again.", file=sys.stderr)
        return 1
    env = {**os.environ, "NO_MKDOCS_2_WARNING": os.environ.get("NO_MKDOCS_2_WARNING", "1")}
    try:
        return subprocess.run([str(venv_python()), *arguments], cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 130


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 2
    # Material prints a banner about its end of life on every build; editors need only their own
    # messages (README.md, "Theme", says what the banner says). run_in_environment hides it.
    return run_in_environment([*COMMANDS[argv[0]], *argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
