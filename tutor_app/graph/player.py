"""The player: a pure state machine over frame indices (no timers, no Qt).

The Qt widget owns the timer and calls ``tick()``; tests drive the same methods directly,
so stepping is tested exactly and without sleeps.
"""

from __future__ import annotations

from collections.abc import Callable

BASE_INTERVAL_MS = 900
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)


class Player:
    """Index, playing, loop and speed over ``n_frames`` frames; listeners hear every change."""

    def __init__(self, n_frames: int = 0, *, loop: bool = False, speed: float = 1.0):
        self._n = max(0, int(n_frames))
        self.index = 0
        self.playing = False
        self.loop = loop
        self._speed = 1.0
        self.speed = speed
        self._listeners: list[Callable[[Player], None]] = []

    # -- observing ------------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Player], None]) -> None:
        self._listeners.append(callback)

    def _changed(self) -> None:
        for callback in list(self._listeners):
            callback(self)

    # -- state ----------------------------------------------------------------------------
    @property
    def n_frames(self) -> int:
        return self._n

    def set_frames(self, n_frames: int) -> None:
        """A new timeline: back to the first frame, paused."""
        self._n = max(0, int(n_frames))
        self.index = 0
        self.playing = False
        self._changed()

    @property
    def speed(self) -> float:
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        value = float(value)
        if not value > 0:
            raise ValueError(f"speed must be positive, got {value}")
        self._speed = value

    def set_speed(self, value: float) -> None:
        self.speed = value
        self._changed()

    @property
    def interval_ms(self) -> int:
        """How long the widget's timer waits between frames at this speed."""
        return max(16, round(BASE_INTERVAL_MS / self._speed))

    @property
    def at_end(self) -> bool:
        return self._n == 0 or self.index >= self._n - 1

    # -- moves ----------------------------------------------------------------------------
    def seek(self, k: int) -> int:
        """Go to frame ``k`` (clamped); returns the index shown."""
        k = min(max(int(k), 0), max(self._n - 1, 0))
        if k != self.index:
            self.index = k
            self._changed()
        return self.index

    def next(self) -> bool:
        """One frame forward; at the end wrap when looping, else stop. True if it moved."""
        if self._n == 0:
            return False
        if self.index < self._n - 1:
            self.seek(self.index + 1)
            return True
        if self.loop and self._n > 1:
            self.seek(0)
            return True
        if self.playing:
            self.pause()
        return False

    def previous(self) -> bool:
        """One frame back (never wraps). True if it moved."""
        if self.index > 0:
            self.seek(self.index - 1)
            return True
        return False

    def play(self) -> None:
        """Start playing; from the last frame (not looping) start again from the first."""
        if self._n <= 1:
            return
        if self.at_end and not self.loop:
            self.index = 0
        self.playing = True
        self._changed()

    def pause(self) -> None:
        if self.playing:
            self.playing = False
            self._changed()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def reset(self) -> None:
        """Paused on the first frame."""
        self.playing = False
        self.index = 0
        self._changed()

    def tick(self) -> bool:
        """What the timer calls: advance when playing. True if a new frame is due."""
        return self.next() if self.playing else False
