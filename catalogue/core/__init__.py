"""Stage 0, the tools every stage uses: problems with file and line, strict file reading and
atomic writes, YAML with locations, slugs, progress bars, identity memos.

Knows nothing of catalogues. Imports no other package of ``catalogue``.
"""
