"""Plain readout lines shown in rich-text labels: escaped, with their spacing kept."""

from __future__ import annotations

import html
import re


def html_line(text: str) -> str:
    """``text`` safe inside a rich-text QLabel.

    ``<`` and ``&`` are escaped (``v·w < 0`` would otherwise open a tag and swallow the rest
    of the line) and runs of spaces, which separate the parts of a readout line, are kept
    instead of collapsing to one space.
    """
    escaped = html.escape(text, quote=False)
    return re.sub(r" {2,}", lambda m: "&nbsp;" * (len(m.group()) - 1) + " ", escaped)
