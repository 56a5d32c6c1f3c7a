"""The lesson navigator: chapters → lessons, each with a visited mark and solved/total."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from tutor_app.exercises import model as exercises
from tutor_app.i18n import tr
from tutor_app.lessons.base import LessonSpec

LESSON_ROLE = Qt.ItemDataRole.UserRole
VISITED_MARK = "✓"
NEW_MARK = "○"


class LessonNavigator(QTreeWidget):
    """Emits ``lesson_chosen(id)`` when the learner picks a lesson (click or keyboard)."""

    lesson_chosen = Signal(str)

    def __init__(self, specs: list[LessonSpec], progress, lang: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("navigator")
        self.specs = specs
        self.progress = progress
        self.lang = lang
        self.setColumnCount(2)  # title, exercises solved/total (never cut off by the title)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._chapters: dict[str, QTreeWidgetItem] = {}
        self._build()
        self.currentItemChanged.connect(self._on_current_item_change)

    def _build(self) -> None:
        for spec in self.specs:
            chapter = self._chapters.get(spec.chapter)
            if chapter is None:
                chapter = QTreeWidgetItem(self)
                chapter.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self._chapters[spec.chapter] = chapter
            item = QTreeWidgetItem(chapter)
            item.setData(0, LESSON_ROLE, spec.id)
            self._items[spec.id] = item
        self.expandAll()
        self.retranslate()

    def retranslate(self, lang: str | None = None) -> None:
        self.lang = lang or self.lang
        self.setHeaderLabels([tr("nav.header", self.lang), tr("nav.solved_header", self.lang)])
        for key, item in self._chapters.items():
            item.setText(0, tr(f"chapter.{key}", self.lang))
        self.refresh_marks()

    def refresh_marks(self) -> None:
        """Re-read progress: ✓ visited / ○ not yet, then exercises solved of total (what a
        mark means is spelled out in the tooltip, with the full title)."""
        for spec in self.specs:
            item = self._items.get(spec.id)
            if item is None:
                continue
            visited = self.progress.visited(spec.id)
            mark = VISITED_MARK if visited else NEW_MARK
            total = len(exercises.for_lesson(spec.id))
            solved = self.progress.solved_count(spec.id)
            title = spec.title_in(self.lang)
            item.setText(0, f"{mark} {spec.order}. {title}")
            item.setText(1, f"{min(solved, total)}/{total}" if total else "")
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tip = [title, tr("nav.visited_tip" if visited else "nav.not_visited_tip", self.lang)]
            if total:
                tip.append(tr("nav.solved_tip", self.lang, n=min(solved, total), total=total))
            item.setToolTip(0, " · ".join(tip))
            item.setToolTip(1, " · ".join(tip))

    def fitting_width(self) -> int:
        """Pixels that show every lesson title and its solved count whole (lessons sit one
        level below their chapter; each column adds the style's padding)."""
        metrics = self.fontMetrics()
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin) + 12
        titles = max((metrics.horizontalAdvance(item.text(0)) for item in self._items.values()),
                     default=0)
        counts = max([metrics.horizontalAdvance(self.headerItem().text(1))]
                     + [metrics.horizontalAdvance(item.text(1)) for item in self._items.values()])
        return (2 * self.indentation() + titles + counts + 2 * padding
                + 2 * self.frameWidth())

    def select(self, lid: str) -> None:
        """Highlight ``lid`` without emitting ``lesson_chosen``."""
        item = self._items.get(lid)
        if item is not None and self.currentItem() is not item:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def item_for(self, lid: str) -> QTreeWidgetItem | None:
        return self._items.get(lid)

    def _on_current_item_change(self, current, _previous) -> None:
        lid = current.data(0, LESSON_ROLE) if current is not None else None
        if lid:
            self.lesson_chosen.emit(lid)
