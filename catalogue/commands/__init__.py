"""The command line and the tools built on the stages: ``build``, ``serve`` (the live
preview, answering from the same route table as the build), ``check``, ``new``, ``schema``,
and the entry points of ``extract``, ``translate`` and ``status``.

May import: every stage.
"""
