"""MkDocs hooks, one module per concern, each listed under `hooks:` in mkdocs.yml.

MkDocs loads each file on its own; they share nothing but what they read from the configuration
and from the library modules (kb.records, kb.site_languages …). Where a hook keeps something from
one event to a later one, it keeps it to itself.
"""
