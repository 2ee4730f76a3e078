"""Tools for pack authors: the format's documents, a starter pack, listings, checks,
tries, the YAML writer, importers, exporters and the article drafter.

Above ``packs`` and ``grading``, below the command line; never imports Textual.
"""
