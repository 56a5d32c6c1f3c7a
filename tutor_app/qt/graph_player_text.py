"""The graph player's words: transport symbols and every tooltip, label and message, zh + en.

Kept apart from the widget so the strings read as one table (data, not logic).
"""

from __future__ import annotations

__all__ = ["SYMBOL", "TEXT"]

# Transport buttons show symbols (narrow enough for the lesson host); TEXT holds their tooltips.
SYMBOL = {"reset": "↺", "back": "◀|", "play": "▶", "pause": "‖", "forward": "|▶"}

TEXT = {
    "reset": {"zh": "重置（Home）", "en": "Reset (Home)"},
    "back": {"zh": "上一步（←）", "en": "Step back (←)"},
    "play": {"zh": "播放（空格）", "en": "Play (Space)"},
    "pause": {"zh": "暂停（空格）", "en": "Pause (Space)"},
    "forward": {"zh": "下一步（→）", "en": "Step forward (→)"},
    "loop": {"zh": "循环", "en": "Loop"},
    "fit": {"zh": "适应窗口", "en": "Fit"},
    "speed": {"zh": "速度", "en": "Speed"},
    "empty": {"zh": "还没有计算图：运行一段代码。", "en": "No graph yet: run some code."},
    "expand": {"zh": "展开循环", "en": "Expand loops"},
    "expand_tip": {"zh": "把折叠的循环迭代全部画出来", "en": "Draw every folded loop iteration"},
    "fold": {"zh": "折叠循环", "en": "Fold loops"},
    "fold_tip": {"zh": "把长循环的中间迭代折叠成一个节点",
                 "en": "Fold a long loop's middle iterations into one node"},
    "hint": {"zh": "空格 播放/暂停 · ←/→ 单步 · Home 重置 · 滚轮缩放 · 拖动平移",
             "en": "Space play/pause · ←/→ step · Home reset · wheel zooms · drag pans"},
}
