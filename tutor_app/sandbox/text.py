"""``repr`` and ``str`` with a length budget, for containers the learner builds.

Python's own ``repr`` of a list walks it in C: a list that holds itself twice at each of
40 levels (``a = [a, a]`` in a loop) is a few hundred bytes in memory and 2**40 items when
printed, and nothing can interrupt the C loop. These walk containers in Python instead,
stop as soon as the text passes the budget, tick the step budget, and leave every other
value to its own ``repr`` (tensors summarise themselves).
"""

from __future__ import annotations

from tutor_app.sandbox.errors import BudgetExceeded

_OPEN_CLOSE = {list: ("[", "]"), tuple: ("(", ")"), set: ("{", "}"), dict: ("{", "}")}
_CONTAINERS = (list, tuple, set, frozenset, dict)


class _TooLong(Exception):
    """The text passed its budget (internal: becomes ``BudgetExceeded``)."""


class _Writer:
    def __init__(self, limit: int, tick):
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.tick = tick

    def add(self, text: str) -> None:
        self.size += len(text)
        if self.size > self.limit:
            raise _TooLong
        self.parts.append(text)


def _walk(value: object, out: _Writer, open_ids: set[int]) -> None:
    kind = type(value)
    if kind not in _OPEN_CLOSE and kind is not frozenset:
        out.add(repr(value))
        return
    key = id(value)
    if key in open_ids:  # a container inside itself, shown as Python shows it
        out.add("[...]" if kind is list else "{...}" if kind is dict else "(...)")
        return
    out.tick()
    if not value:
        out.add({list: "[]", tuple: "()", dict: "{}", set: "set()",
                 frozenset: "frozenset()"}[kind])
        return
    open_ids.add(key)
    opening, closing = _OPEN_CLOSE.get(kind, ("frozenset({", "})"))
    out.add(opening)
    if kind is dict:
        for n, (k, v) in enumerate(value.items()):
            if n:
                out.add(", ")
            _walk(k, out, open_ids)
            out.add(": ")
            _walk(v, out, open_ids)
    else:
        for n, item in enumerate(value):
            if n:
                out.add(", ")
            _walk(item, out, open_ids)
        if kind is tuple and len(value) == 1:
            out.add(",")
    out.add(closing)
    open_ids.discard(key)


def bounded_repr(value: object, limit: int, tick=lambda: None) -> str:
    """``repr(value)``, or ``BudgetExceeded`` once the text would pass ``limit`` characters."""
    if not isinstance(value, _CONTAINERS):
        text = repr(value)
    else:
        out = _Writer(limit, tick)
        try:
            _walk(value, out, set())
        except _TooLong:
            raise BudgetExceeded("text", limit=limit) from None
        text = "".join(out.parts)
    if len(text) > limit:
        raise BudgetExceeded("text", limit=limit)
    return text


def bounded_str(value: object, limit: int, tick=lambda: None) -> str:
    """``str(value)`` with the same budget (containers show their items' ``repr``)."""
    if isinstance(value, _CONTAINERS) and type(value) in (*_OPEN_CLOSE, frozenset):
        return bounded_repr(value, limit, tick)
    text = str(value)
    if len(text) > limit:
        raise BudgetExceeded("text", limit=limit)
    return text


def cap(text: str, limit: int, cut_note) -> str:
    """``text`` cut to ``limit`` characters, with a note saying how much was left out."""
    if len(text) <= limit:
        return text
    return text[:limit] + cut_note(len(text) - limit)
