"""The translators' tools: validate, coverage, new-locale, PO export and import, confirm.

Like ``babel.messages`` beside babel's runtime: the runtime path (`load`, `phrases`, `check`,
`render`) never imports this package.
"""
