"""Agent assist: what a customer's message carries, and the next steps with their phrasings.

`phrasebook.suggest` (or `Phrasebook.suggest`) is the way in. This package holds the playbook's
schema (`schema`), its loading (`playbook`) and the checks loading and ``validate`` share
(`checks`), signal detection over the tone engine (`detect`), planning the steps (`plan`) and
the result types (`result`). The rules and the playbook are data, read by the catalogue.
"""
