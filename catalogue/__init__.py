"""catalogue: a multilingual product-catalogue static site generator.

The pipeline, one module per stage: ``config`` and ``sources`` read the site, ``entries``
types it into the ``model``, ``catalogs`` and ``localise`` add languages, ``pagegraph`` lays
out every (page, language), ``render`` turns pages into HTML and ``output`` writes them.
"""

__version__ = "0.1.0"
