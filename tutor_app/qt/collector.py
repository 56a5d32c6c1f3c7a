"""When Python's cyclic garbage collector does its big passes: while the learner reads, not
while a lesson is being built or the window is starting.

A full collection walks every object alive. With a few lessons kept that is 150-200k
objects and 0.1-0.15 s, and Python starts one whenever the heap has grown by a quarter:
that is, in the middle of building the next lesson (the slowest first visits in
``bench app`` were these pauses, not the lessons), and two or three times during start-up
(~0.1 s of a launch). So:

- a launch runs with the collector off until the window has painted (``pause_for_launch``
  then ``launched``);
- what is alive when a lesson starts being built is frozen (``gc.freeze``: kept out of the
  collector's sight; Python's own young-generation passes during the build stay cheap);
- once no lesson has been shown or built for ``IDLE_MS``, everything is unfrozen and
  collected in one pass, then frozen again: the same work Python would have done, at a
  moment nobody waits for, and nothing that became garbage stays uncollected for longer
  than one idle moment.

The collector's state is the process's, so these are module functions, not a widget's.
This module imports Qt only when it first needs its timer: ``python -m tutor_app`` pauses
the collector before anything else is imported (PySide6 included).
"""

from __future__ import annotations

import gc

IDLE_MS = 2000  # no lesson shown or built for this long: the learner is reading

_state = {"paused_for_launch": False}
_timer = None  # a QTimer, made by the first build


def pause_for_launch() -> None:
    """Turn the collector off until ``launched`` (the first paint of the window)."""
    if gc.isenabled():
        gc.disable()
        _state["paused_for_launch"] = True


def launched() -> None:
    """The window has painted: what start-up built (modules, fonts, the first lesson) lives
    for the whole session, so it is frozen rather than scanned again and again; the
    collector is on again and the start-up's garbage goes at the first idle moment."""
    if _state["paused_for_launch"]:
        _state["paused_for_launch"] = False
        gc.freeze()
        gc.enable()
        _restart_idle_timer()


def building() -> None:
    """A lesson is about to be built: freeze what is alive, so no pass over the lessons
    already kept interrupts this one (collected again at the next idle moment)."""
    gc.freeze()
    _restart_idle_timer()


def busy() -> None:
    """The learner is moving around (a lesson shown, a theme chosen): put off the idle pass."""
    if _timer is not None and _timer.isActive():
        _timer.start()


def collect_when_idle() -> int:
    """Unfreeze and collect everything now, then freeze what survived; returns the number
    of unreachable objects found. Run by the idle timer."""
    gc.unfreeze()
    found = gc.collect()
    gc.freeze()
    return found


def release() -> None:
    """The window is closing: nothing is held frozen any more and no idle pass is due."""
    if _timer is not None:
        _timer.stop()
    gc.unfreeze()
    if _state["paused_for_launch"]:
        _state["paused_for_launch"] = False
        gc.enable()


def idle_pass_pending() -> bool:
    return _timer is not None and _timer.isActive()


def _restart_idle_timer() -> None:
    global _timer
    if _timer is None:
        from PySide6.QtCore import QTimer

        _timer = QTimer()
        _timer.setSingleShot(True)
        _timer.setInterval(IDLE_MS)
        _timer.timeout.connect(collect_when_idle)
    _timer.start()
