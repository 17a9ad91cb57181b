"""pytest's settings for the doctests in these pages.

``overlays.md`` is a worked example over files it shows: ``tests/test_docs.py`` writes them into
a fresh folder and runs the page's commands and Python sessions there, so the page is not
collected on its own here (its relative paths would be read from wherever pytest started).
"""

collect_ignore = ["overlays.md"]
