"""The key bar at the bottom: Textual's Footer, without keeping its old keys alive.

Textual's Footer rebuilds its keys whenever the bindings change (here: twice a round,
as the stage moves between question and summary). Each key watches the Footer's
``compact`` setting, and Textual forgets the watchers of removed keys only when that
setting changes, which it never does here. So every rebuilt key stayed in memory with
its styles and rendered lines: about 130 widgets (several MiB) per 100 answers. Before
composing new keys we drop the watchers of the keys that are gone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer


class QuietFooter(Footer):
    """A Footer whose rebuilt keys can be freed."""

    def compose(self) -> ComposeResult:
        forget_removed_watchers(self)
        yield from super().compose()


def forget_removed_watchers(node: Footer) -> None:
    """Drop watchers registered by widgets no longer in the DOM (Textual keeps them)."""
    # Textual keeps the watchers in this attribute (textual.reactive._watch); if a
    # future Textual moves them, there is nothing to do here.
    watchers: object = getattr(node, "__watchers", None)
    if not isinstance(watchers, dict):
        return
    for name, entries in watchers.items():
        if isinstance(entries, list):
            watchers[name] = [entry for entry in entries if _alive(entry)]


def _alive(entry: object) -> bool:
    if not isinstance(entry, tuple) or not entry:
        return True
    reactable = entry[0]
    if getattr(reactable, "_closing", False) or getattr(reactable, "_closed", False):
        return False
    return bool(getattr(reactable, "is_attached", True))
