"""Free the rendered lines of removed widgets, which Textual keeps in a shared cache.

Textual (8.x) caches ``StylesCache.get_inner_outer`` with ``functools.lru_cache`` on
an instance method, so the cache's keys hold up to 1024 widgets' ``StylesCache``
objects, each with every line it last rendered, long after the widget is gone
(Textualize/textual#6665). A chat that folds old bubbles away removes widgets all
evening: measured here, that kept ~870 dead caches and ~13,000 rendered lines
(~25 MiB) by answer 100. The cached values are two colours, cheap to compute again,
so dropping the whole cache now and then frees the dead widgets' lines.
"""

from __future__ import annotations

from textual import _styles_cache


def forget_removed_styles() -> None:
    """Drop Textual's inner/outer colour cache and with it the removed widgets it holds."""
    # Private to Textual: if a future version renames it (or fixes the leak by making
    # it a plain function), there is nothing to do here.
    cached = getattr(_styles_cache.StylesCache, "get_inner_outer", None)
    cache_clear = getattr(cached, "cache_clear", None)
    if callable(cache_clear):
        cache_clear()
