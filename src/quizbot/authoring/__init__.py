"""Tools for pack authors: the format's documents, a starter pack, listings, checks, tries.

Above ``packs`` and ``grading``, below the command line; never imports Textual.
"""
