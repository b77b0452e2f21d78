"""View > Theme: follow the system, or always light, or always dark. The chart follows the palette."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


def _app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("a theme is applied to the widgets of a QApplication, and there is none")
    return app

_SYSTEM_STYLE, _SYSTEM_PALETTE = "beliefupdate-system-style", "beliefupdate-system-palette"
THEMES = {"system": "&System", "light": "&Light", "dark": "&Dark"}

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#33363a",
    QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3574f0", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#33363a", QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#8b8f96", QPalette.ColorRole.Link: "#7aa7ff",
    QPalette.ColorRole.Light: "#4a4d52", QPalette.ColorRole.Midlight: "#3d4044",
    QPalette.ColorRole.Mid: "#5b6068", QPalette.ColorRole.Dark: "#1a1b1e", QPalette.ColorRole.Shadow: "#000000",
}
_DARK_DISABLED = (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role in _DARK_DISABLED:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#73777e"))
    return palette


class ThemeSwitcher(QObject):
    """Applies a theme to the whole application; "system" puts back what the app started with."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        app = _app()
        # What the app started with, kept on the app itself: a second window must not take a
        # theme applied by the first for the system's.
        if app.property(_SYSTEM_STYLE) is None:
            app.setProperty(_SYSTEM_STYLE, app.style().name())
            app.setProperty(_SYSTEM_PALETTE, QPalette(app.palette()))
        self._system_style: str = app.property(_SYSTEM_STYLE)
        self._system_palette: QPalette = app.property(_SYSTEM_PALETTE)
        self.current = "system"

    def apply(self, name: str) -> None:
        name = name if name in THEMES else "system"
        app = _app()
        self.current = name
        if name == "system":
            if app.style().name() == self._system_style and app.palette() == self._system_palette:
                return  # already so: setting a style again repolishes every widget for nothing
            app.setStyle(self._system_style)
            app.setPalette(self._system_palette)
            app.styleHints().setColorScheme(Qt.ColorScheme.Unknown)
        else:
            # Fusion draws every widget from the palette, so light and dark look alike everywhere.
            app.setStyle(QStyleFactory.create("Fusion"))
            app.setPalette(dark_palette() if name == "dark" else app.style().standardPalette())
            app.styleHints().setColorScheme(Qt.ColorScheme.Dark if name == "dark" else Qt.ColorScheme.Light)
