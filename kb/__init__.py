"""The application behind the site: the records' checks and pages, the MkDocs hooks, the editors' command.

    kb/records/    data/*.yml -> checked records -> pages, exports, chart (no MkDocs in it)
    kb/hooks/      one small MkDocs hook per concern, each listed under `hooks:` in mkdocs.yml
    kb/cli.py      the editors' command (`python3 scripts/kb.py check | new | translations`)

The site's languages come from the i18n plugin's configuration in mkdocs.yml (site_languages.py).
"""
