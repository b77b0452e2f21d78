"""The desktop app (PySide6). Entry point: :func:`beliefupdate.ui.app.run`."""
