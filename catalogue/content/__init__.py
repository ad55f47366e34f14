"""Stage 1, the site as its authors wrote it: ``site.yaml``, the entries under ``content/``
(front matter checked against field specs, Markdown bodies cut into segments), their images,
and the theme folders ``site.yaml`` names. Produces the typed, immutable model.

May import: ``core``.
"""
