"""Stage 6, the build: write every route into a fresh folder over all cores, index it for
search, and swap it in atomically; the fingerprint that skips a build with nothing to do.

May import: every stage below it (``core`` to ``render``).
"""
