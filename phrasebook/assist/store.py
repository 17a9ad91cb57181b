"""The playbook and each language's compiled signal rules of a catalogue, read once.

`Phrasebook.suggest` asks here; the results are cached per catalogue (weakly: a catalogue
that is dropped takes its rules with it) under a lock, and shared by all threads.
"""

from __future__ import annotations

import threading
import weakref

from ..catalog.paths import SIGNALS_FILE, TONE_FILE
from ..catalog.store import Catalog
from ..errors import LocaleDataError
from .detect import SignalRules
from .playbook import Playbook, load_playbook
from .schema import PLAYBOOK_FILE

__all__ = ["playbook", "signal_rules"]

_lock = threading.RLock()
_playbooks: weakref.WeakKeyDictionary[Catalog, Playbook] = weakref.WeakKeyDictionary()
_rules: weakref.WeakKeyDictionary[Catalog, dict[str, SignalRules]] = weakref.WeakKeyDictionary()


def playbook(catalog: Catalog) -> Playbook:
    """The built-in playbook, checked against the catalogue's English phrasings (read once)."""
    with _lock:
        found = _playbooks.get(catalog)
        if found is None:
            found = load_playbook(catalog.builtin / PLAYBOOK_FILE, catalog.english())
            _playbooks[catalog] = found
        return found


def signal_rules(catalog: Catalog, code: str) -> SignalRules:
    """The compiled signal rules of ``code`` (a shipped language code), compiled once."""
    with _lock:
        per_language = _rules.setdefault(catalog, {})
        found = per_language.get(code)
        if found is None:
            signals = catalog.rules(code, SIGNALS_FILE)
            if not signals.rule:
                raise LocaleDataError(f"no signal rules for {code!r}: add "
                                      f"{code}/{SIGNALS_FILE}")
            found = SignalRules.build(code, signals, catalog.rules(code, TONE_FILE),
                                      catalog.facts(code), playbook(catalog).signals)
            per_language[code] = found
        return found
