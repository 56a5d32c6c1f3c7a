"""The only package that imports PySide6."""

from tutor_app.qt import refcount_guard  # noqa: E402,F401 - before any Qt call (see module)
