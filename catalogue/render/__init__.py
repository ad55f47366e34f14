"""Stage 5, turning views into bytes: the Jinja2 environment of each language (theme
templates, gettext, escaping) and the maker that produces the bytes of any route.

May import: ``core``, ``content``, ``i18n``, ``mt``, ``site``.
"""
