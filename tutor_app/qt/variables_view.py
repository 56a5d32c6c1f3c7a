"""The console's variables panel: name, shape, dtype, requires_grad, and "show graph"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tutor_app.i18n import tr
from tutor_app.qt.table_fit import pad_columns
from tutor_app.sandbox.variables import VariableInfo


def short_dtype(dtype: str) -> str:
    """``float32`` for ``torch.float32``: the column is narrow beside the console, and the
    prefix is the same on every row (the whole name is the cell's tooltip)."""
    return dtype.removeprefix("torch.")


class VariablesView(QWidget):
    """A thin view of ``Session.variables()``; emits ``show_graph(name)`` for a tensor."""

    show_graph = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.tree = QTreeWidget()
        self.tree.setObjectName("variables")
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(4)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemSelectionChanged.connect(self._on_selection_change)
        self.tree.itemDoubleClicked.connect(lambda *_: self._on_show_graph())
        self.graph_button = QPushButton()
        self.graph_button.setObjectName("showGraph")
        self.graph_button.setEnabled(False)
        self.graph_button.clicked.connect(self._on_show_graph)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.graph_button)
        self._infos: list[VariableInfo] = []
        self.set_language(lang)

    def set_variables(self, infos: list[VariableInfo]) -> None:
        self._infos = list(infos)
        self.tree.clear()
        for info in infos:
            grad = "" if info.requires_grad is None else str(info.requires_grad)
            shape = info.shape if info.shape else info.kind
            item = QTreeWidgetItem([info.name, shape, short_dtype(info.dtype), grad])
            item.setToolTip(0, info.kind)
            item.setToolTip(2, info.dtype)
            self.tree.addTopLevelItem(item)
        self._fit_columns()
        self._on_selection_change()

    def _fit_columns(self) -> None:
        """Every column as wide as its contents and a margin (the last one takes whatever is
        left), so no header runs into the next and nothing needs a scroll bar."""
        pad_columns(self.tree, self.tree.header(), range(self.tree.columnCount()))

    def names(self) -> list[str]:
        return [info.name for info in self._infos]

    def select(self, name: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            item.setSelected(item.text(0) == name)
            if item.text(0) == name:
                self.tree.setCurrentItem(item)

    def _selected(self) -> VariableInfo | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        return next((i for i in self._infos if i.name == items[0].text(0)), None)

    def _on_selection_change(self) -> None:
        info = self._selected()
        self.graph_button.setEnabled(bool(info and info.is_tensor))

    def _on_show_graph(self) -> None:
        info = self._selected()
        if info is not None and info.is_tensor:
            self.show_graph.emit(info.name)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.tree.setHeaderLabels([tr(f"console.{k}", lang)
                                   for k in ("col_name", "col_shape", "col_dtype", "col_grad")])
        self.tree.headerItem().setToolTip(3, tr("console.col_grad_tip", lang))
        self._fit_columns()
        self.graph_button.setText(tr("console.show_graph", lang))
        self.graph_button.setToolTip(tr("console.show_graph_tip", lang))
