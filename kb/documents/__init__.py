"""Documents made from the site's Markdown at build time: each template as a Word document
(word.py), the whole guide as one PDF per language (handbook.py), and the checks that stop the
build when a template cannot become a document (template_source.py).

Nothing here depends on MkDocs; the hooks in kb/hooks/ call it at the right moments.
"""
