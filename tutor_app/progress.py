"""The learner's progress: which lessons were visited, which exercises solved, console history.

Stored as JSON with a schema version in the user's data directory. Saving is atomic
(temp file, fsync, ``os.replace``), so killing the app mid-save leaves the previous file
intact. A corrupt, truncated or newer-version file is moved aside to
``progress.json.corrupt-<timestamp>`` and a fresh progress started; ``load`` returns a
warning the window shows. Nothing here raises on bad data or a failing disk.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tutor_app import paths

SCHEMA_VERSION = 1
FILE_NAME = "progress.json"
HISTORY_LIMIT = 200
SETTINGS_DEFAULTS = {"lang": None, "theme": "light", "zoom": 1.0, "geometry": None}

log = logging.getLogger(__name__)


class ProgressFormatError(ValueError):
    """The progress file exists but is not a progress file this version can read."""


def default_path() -> Path:
    return paths.user_data_dir() / FILE_NAME


def _exercise_state(value: object) -> dict | None:
    """An exercise's state: ``{"solved": bool, "revealed": bool}`` (older files kept a bool)."""
    if isinstance(value, bool):
        return {"solved": value, "revealed": False}
    if isinstance(value, dict):
        return {"solved": bool(value.get("solved", False)),
                "revealed": bool(value.get("revealed", False))}
    return None


def _check_lesson(entry: object) -> dict | None:
    """A clean copy of one lesson's entry, or None when it cannot be read at all."""
    if not isinstance(entry, dict):
        return None
    exercises = entry.get("exercises", {})
    history = entry.get("history", [])
    if not isinstance(exercises, dict) or not isinstance(history, list):
        return None
    states = {str(k): _exercise_state(v) for k, v in exercises.items()}
    return {
        "visited": bool(entry.get("visited", False)),
        "exercises": {k: v for k, v in states.items() if v is not None},
        "history": [str(h) for h in history][-HISTORY_LIMIT:],
    }


def _check_lessons(lessons: object) -> tuple[dict[str, dict], list[str]]:
    """Every readable lesson entry, and the ids of those that had to be left out."""
    if not isinstance(lessons, dict):
        raise ProgressFormatError("'lessons' is not an object")
    clean: dict[str, dict] = {}
    broken: list[str] = []
    for lid, entry in lessons.items():
        checked = _check_lesson(entry)
        if checked is None:
            broken.append(str(lid))
        else:
            clean[str(lid)] = checked
    return clean, broken


def _parse(text: str) -> dict:
    """Validate the JSON text of a progress file; raise ProgressFormatError if unusable."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProgressFormatError(f"not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise ProgressFormatError("top level is not an object")
    version = data.get("schema")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProgressFormatError("no schema version")
    if version > SCHEMA_VERSION:
        raise ProgressFormatError(f"written by a newer version (schema {version})")
    settings = data.get("settings", {})
    last = data.get("last_lesson")
    if not isinstance(settings, dict) or not (last is None or isinstance(last, str)):
        raise ProgressFormatError("malformed settings or last_lesson")
    lessons, broken = _check_lessons(data.get("lessons", {}))
    return {"lessons": lessons, "settings": settings, "last_lesson": last, "broken": broken}


class Progress:
    """Per-lesson progress plus the window's settings; every change is saved at once."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self._lessons: dict[str, dict] = {}
        self._last_lesson: str | None = None
        self.settings: dict = dict(SETTINGS_DEFAULTS)
        self._subscribers: list[Callable[[], None]] = []
        self.moved_to: Path | None = None
        self.moved_reason: str | None = None
        self.partial = False               # some entries were unreadable, the rest kept
        self.save_error: str | None = None

    # ---- loading and saving -------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str | None = None) -> tuple[Progress, str | None]:
        """Read the progress file; on damage move it aside and return a warning."""
        progress = cls(Path(path) if path else None)
        try:
            raw = progress.path.read_bytes()
        except FileNotFoundError:
            return progress, None
        except OSError as exc:
            return progress, f"could not read {progress.path}: {exc.strerror or exc}"
        try:
            data = _parse(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return progress, progress._move_aside("not valid JSON: not UTF-8 text")
        except ProgressFormatError as exc:
            return progress, progress._move_aside(str(exc))
        progress._lessons = data["lessons"]
        progress._last_lesson = data["last_lesson"]
        progress.settings.update(data["settings"])
        if data["broken"]:
            return progress, progress._keep_copy(data["broken"])
        return progress, None

    def _keep_copy(self, broken: list[str]) -> str:
        """Some lesson entries were unreadable: keep the file as it was beside the new one
        and carry on with every entry that could be read."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.partial-{stamp}")
        try:
            target.write_bytes(self.path.read_bytes())
        except OSError as exc:
            log.warning("could not keep a copy of %s: %s", self.path, exc)
        else:
            self.moved_to = target
        self.partial = True
        self.moved_reason = ", ".join(broken)
        kept = len(self._lessons)
        return (f"Some progress could not be read (lessons {', '.join(broken)}); the other "
                f"{kept} lessons' progress was kept. The original file was copied to {target}.")

    def _move_aside(self, reason: str) -> str:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            log.warning("could not move %s aside: %s", self.path, exc)
            return f"The progress file is unreadable ({reason}) and could not be moved: {exc}"
        self.moved_to = target
        self.moved_reason = reason
        log.warning("progress file %s unreadable (%s); moved to %s", self.path, reason, target)
        return (f"The progress file could not be read ({reason}); it was moved to {target} "
                f"and a fresh one started.")

    def to_dict(self) -> dict:
        return {"schema": SCHEMA_VERSION, "last_lesson": self._last_lesson,
                "settings": self.settings, "lessons": self._lessons}

    def save(self) -> bool:
        """Write atomically; return False (and keep ``save_error``) if the disk refuses."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1, default=str)
        tmp_name = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=".progress-", suffix=".tmp",
                                            dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, self.path)
            tmp_name = None
            self._fsync_dir()
        except OSError as exc:
            self.save_error = str(exc)
            log.warning("could not save progress to %s: %s", self.path, exc)
            return False
        finally:
            if tmp_name:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
        self.save_error = None
        return True

    def _fsync_dir(self) -> None:
        """Make the rename itself durable (POSIX); harmless where unsupported."""
        if os.name != "posix":
            return
        with contextlib.suppress(OSError):
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    # ---- change notification ------------------------------------------------------------
    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every change (after it was saved)."""
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(callback)

    def _changed(self) -> None:
        self.save()
        for callback in list(self._subscribers):
            callback()

    def _lesson(self, lid: str) -> dict:
        return self._lessons.setdefault(lid, {"visited": False, "exercises": {}, "history": []})

    # ---- the agreed API -----------------------------------------------------------------
    def visited(self, lid: str) -> bool:
        return bool(self._lessons.get(lid, {}).get("visited", False))

    def mark_visited(self, lid: str) -> None:
        if not self.visited(lid):
            self._lesson(lid)["visited"] = True
            self._changed()

    def exercise_solved(self, lid: str, ex_id: str) -> bool:
        """Solved: the checker accepted an answer (whether or not the answer was shown)."""
        return self._exercise(lid, ex_id)["solved"]

    def exercise_revealed(self, lid: str, ex_id: str) -> bool:
        """The model answer was opened before the exercise was solved."""
        return self._exercise(lid, ex_id)["revealed"]

    def _exercise(self, lid: str, ex_id: str) -> dict:
        state = self._lessons.get(lid, {}).get("exercises", {}).get(ex_id)
        return state or {"solved": False, "revealed": False}

    def mark_exercise(self, lid: str, ex_id: str, solved: bool) -> None:
        exercises = self._lesson(lid)["exercises"]
        state = exercises.setdefault(ex_id, {"solved": False, "revealed": False})
        if state["solved"] != bool(solved):
            state["solved"] = bool(solved)
            self._changed()

    def mark_revealed(self, lid: str, ex_id: str) -> None:
        """Remember that the model answer was shown before a solution was checked."""
        exercises = self._lesson(lid)["exercises"]
        state = exercises.setdefault(ex_id, {"solved": False, "revealed": False})
        if not state["solved"] and not state["revealed"]:
            state["revealed"] = True
            self._changed()

    def solved_count(self, lid: str) -> int:
        """How many exercises of ``lid`` are solved (for the navigator's mark)."""
        states = self._lessons.get(lid, {}).get("exercises", {}).values()
        return sum(state["solved"] for state in states)

    def history(self, lid: str) -> list[str]:
        return list(self._lessons.get(lid, {}).get("history", []))

    def add_history(self, lid: str, source: str) -> None:
        """Remember a console input (consecutive duplicates once; the newest 200 kept)."""
        history = self._lesson(lid)["history"]
        if not source.strip() or (history and history[-1] == source):
            return
        history.append(source)
        del history[:-HISTORY_LIMIT]
        self._changed()

    @property
    def last_lesson(self) -> str | None:
        return self._last_lesson

    @last_lesson.setter
    def last_lesson(self, lid: str | None) -> None:
        if lid != self._last_lesson:
            self._last_lesson = lid
            self._changed()

    def update_settings(self, **values: object) -> None:
        """Change window settings (lang, theme, zoom, geometry) and save."""
        if any(self.settings.get(k) != v for k, v in values.items()):
            self.settings.update(values)
            self._changed()
