"""Run the command line: ``python -m phrasebook``."""

import sys

from .cli import main

sys.exit(main())
