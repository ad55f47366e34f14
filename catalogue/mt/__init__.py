"""Stage 3, machine translation: engines made dependable, token protection of markup and
numbers, the ``translate`` command's work, and pseudo-languages for ``build --pseudo``.
Runs only from its own command (and the pseudo engine from ``build --pseudo``).

May import: ``core``, ``content``, ``i18n``.
"""
