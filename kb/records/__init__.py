"""Records: the YAML files in data/ turned into checked data and then into pages.

The data flows through one module per step:

    data/**/*.yml --yaml_source (parse, keep line numbers)
                  --schema_check (data/schemas/*.schema.json)
                  --rules (rules across records: duplicates, dates, vocabularies)
                  --catalog (all of it together: checked records and every problem found)
                  --pages / exports / chart (what readers get, per language)

The MkDocs hooks (kb/hooks/) and the editors' command (kb/cli.py) both use `catalog`.
"""
