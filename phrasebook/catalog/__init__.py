"""Locale data I/O: finding locale folders, reading and checking their files, the catalogue.

The layer between the files translators edit and the objects the library hands out. Nothing here
queries, checks tone or renders; `phrasebook.book` does that over a `Catalog`.
"""
