"""Stage 2, languages: gettext catalogs on disk and their states, the site's catalogs read
and verified, texts resolved along fallback chains, locale formatting, the glossary, and the
translators' workflow (``extract``, ``status``).

May import: ``core``, ``content``.
"""
