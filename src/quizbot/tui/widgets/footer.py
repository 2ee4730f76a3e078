"""The key bar at the bottom: Textual's Footer, rebuilt only when its keys change.

Textual's Footer removes and re-creates all its keys whenever the bindings may have
changed: on every focus change and every ``refresh_bindings()``. Here the keys stay
the same on the quiz screen; only whether Hint and Skip can be pressed changes (they
are shown dimmed when not). So when the same keys would come back, the keys on
screen are updated in place; the Footer is rebuilt only when a key comes or goes.
That took a Footer rebuild (about a quarter of the work) off the Enter that starts a
round. New keys also start with the Footer's style instead of restyling on their
first frame.

When the keys are rebuilt, the old ones must be freed too: each key watches the
Footer's ``compact`` setting, and Textual forgets the watchers of removed keys only
when that setting changes, which it never does here. So every rebuilt key stayed in
memory with its styles and rendered lines (about 130 widgets, several MiB, per 100
answers). Before composing new keys we drop the watchers of the keys that are gone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# One key as the Footer shows it, whether or not it can be pressed: its key, action,
# key display, description, tooltip and group (whose keys are shown together).
KeySpec = tuple[str, str, str, str, str, object]


class QuietFooter(Footer):
    """A Footer that changes its keys in place when it can and frees rebuilt keys."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[KeySpec, ...] | None = None  # the keys last composed

    def compose(self) -> ComposeResult:
        forget_removed_watchers(self)
        self._shown = self._key_specs()[0] if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                start_with_footer_style(widget, compact=self.compact)
            yield widget

    async def recompose(self) -> None:
        """Rebuild the keys only if other keys are to be shown; else update them."""
        if self._shown is not None and self.is_attached and not self._pruning:
            specs, enabled = self._key_specs()
            if specs == self._shown:
                for key in self.query(FooterKey):
                    can_press = enabled.get((key.key, key.action))
                    if can_press is not None:
                        key._disabled = not can_press  # read by Textual on a click
                        key.set_class(not can_press, "-disabled")
                return
        await super().recompose()

    def _key_specs(self) -> tuple[tuple[KeySpec, ...], dict[tuple[str, str], bool]]:
        """The keys the Footer would show, and which of them can be pressed."""
        app = self.app
        shown = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
            or (
                binding.key == app.COMMAND_PALETTE_BINDING
                and self.show_command_palette
                and app.ENABLE_COMMAND_PALETTE
            )
        ]
        specs = tuple(
            (
                binding.key,
                binding.action,
                app.get_key_display(binding),
                binding.description,
                tooltip,
                binding.group,
            )
            for binding, _, tooltip in shown
        )
        enabled = {(binding.key, binding.action): bool(can) for binding, can, _ in shown}
        return specs, enabled


def start_with_footer_style(key: FooterKey, *, compact: bool) -> None:
    """Give a key bound to the Footer's ``compact`` setting its value before it mounts.

    A new key starts compact and takes the Footer's setting once mounted, so each key
    restyled itself twice on its first frame (~4 ms a key, most of the first Footer's
    cost); starting with the right value, the class changes are no-ops.
    """
    bound: object = getattr(key, "_reactive_connect", None)
    if isinstance(bound, dict) and "compact" in bound:
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)


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
