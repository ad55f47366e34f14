"""Stage 4, what the site is: the page graph (every page as what it shows × language), the
route table of every output file, URLs, and the language-specific views and contexts that
templates receive; the non-HTML files derived from them (JSON-LD, feeds, sitemap, exports,
redirects).

May import: ``core``, ``content``, ``i18n``, ``mt``.
"""
