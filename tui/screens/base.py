"""What every dashboard screen shares: localized key bindings and redrawing from the app's view."""

from __future__ import annotations

from textual.screen import Screen

from ..messages import ViewChanged
from ..text import localize_bindings


class ViewScreen(Screen):
    """A screen drawn from `app.view`; redraws when the view changes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        localize_bindings(self)

    def on_mount(self) -> None:
        self.redraw()

    def on_view_changed(self, message: ViewChanged) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Draw from the app's current view as one update (one layout, not one per widget)."""
        with self.app.batch_update():
            self.show(self.app.view)

    def show(self, view) -> None:
        """Draw the screen from `view` (a tui.state.View)."""
        raise NotImplementedError
