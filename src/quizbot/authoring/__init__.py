"""Tools for pack authors: validating packs and running their own grading tests, the
format's documents, a starter pack, listings, checks, tries, the YAML writer,
importers, exporters and the article drafter.

Above ``packs`` and ``grading``, below the command line; never imports Textual.
"""
