"""The tone engine: rules as data, compiled once per language, run over any text.

`phrasebook.check` (or `Phrasebook.check`) is the way in; this package holds the engine itself:
the rule files' schema (`schema`), text folding (`fold`), the matcher (`engine`) and the report
types (`report`). It does no I/O and never imports the catalogue or the query façade.
"""
