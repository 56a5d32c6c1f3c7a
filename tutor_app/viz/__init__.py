"""Matplotlib drawing with the OO API: ``(ax, data, *, style) -> artists``. No Qt, no pyplot."""
