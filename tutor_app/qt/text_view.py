"""The lesson's text: Markdown rendered to Qt rich text, with cached HTML per lesson."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import QTextBrowser, QWidget

from tutor_app.lessons.base import LessonSpec
from tutor_app.lessons.markdown import RenderStyle, render_markdown

BASE_POINT_SIZE = 11.0


class LessonTextView(QTextBrowser):
    """Shows a lesson's title and body; links open in the system browser."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.setObjectName("lessonText")
        self._cache: dict[tuple, str] = {}
        self._style = RenderStyle()

    def set_style(self, dark: bool, zoom: float) -> None:
        self._style = RenderStyle(dark=dark, font_pt=BASE_POINT_SIZE * zoom)
        font = QFont(self.font())
        font.setPointSizeF(self._style.font_pt)
        self.setFont(font)
        self.document().setDefaultFont(font)

    def prepare(self, spec: LessonSpec, lang: str, heading: str) -> str:
        """Render (and keep) a lesson's HTML, formulas included, without showing it; the
        host does this for lessons it builds ahead."""
        key = (spec.id, lang, self._style, heading)
        html = self._cache.get(key)
        if html is None:
            body = render_markdown(spec.body_in(lang), self._style)
            html = f"{heading}{body}"
            self._cache[key] = html
        return html

    def show_lesson(self, spec: LessonSpec, lang: str, heading: str) -> None:
        html = self.prepare(spec, lang, heading)
        self.document().setDefaultStyleSheet(
            f"body {{ color: {self._style.text_color}; }} h1, h2, h3 {{ margin-top: 10px; }}"
            " blockquote { margin-left: 16px; }")
        self.setHtml(html)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
