"""catalogue: a multilingual product-catalogue static site generator.

The sub-packages are the pipeline, each importing only those before it:
``core`` → ``content`` → ``i18n`` → ``mt`` → ``site`` → ``render`` → ``publish`` → ``commands``.
"""

__version__ = "0.1.0"
