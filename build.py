#!/usr/bin/env python3
"""Build the site: ``python build.py`` (or ``python build.py extract``, ``--help``)."""

import sys

from catalogue.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
