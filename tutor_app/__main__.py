"""Command line: ``python -m tutor_app`` / ``tensor-tutor``.

Only argparse and the standard library are imported before the arguments are known, so
``--help`` and ``--version`` are instant and the window starts as early as possible.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from tutor_app import __version__

_START = time.perf_counter()


def window_size(text: str) -> tuple[int, int]:
    """``1920x1080`` → (1920, 1080); argparse turns a ValueError into a usage message."""
    width, _, height = text.lower().partition("x")
    size = (int(width), int(height))
    if min(size) < 320 or max(size) > 8000:
        raise ValueError(text)
    return size


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tensor-tutor",
        description="Tensor Tutor: an offline, interactive tutor for the maths behind deep "
                    "learning (Dive into Deep Learning, chapters 1-2).")
    parser.add_argument("--lesson", metavar="ID",
                        help="open this lesson (e.g. what_dl_does, graph_lab)")
    parser.add_argument("--lang", choices=["zh", "en"],
                        help="language of the interface and lessons (default: last used, zh)")
    parser.add_argument("--theme", choices=["light", "dark"],
                        help="light or dark colours (default: last used, light)")
    parser.add_argument("--screenshot", metavar="DIR",
                        help="render every lesson in both languages to PNG files in DIR and "
                             "exit (non-zero if any lesson fails)")
    parser.add_argument("--exercises", action="store_true",
                        help="with --screenshot: open each lesson's exercises strip and show "
                             "the verdict on a typical wrong answer")
    parser.add_argument("--tabs", action="store_true",
                        help="with --screenshot: also render every inner tab of each lesson "
                             "(<id>_<lang>_tab2.png, ...)")
    parser.add_argument("--console", action="store_true",
                        help="with --screenshot: open the console and run a few commands "
                             "first, so the transcript and the variable table show")
    parser.add_argument("--size", metavar="WxH", type=window_size, default=None,
                        help="with --screenshot: window size in pixels (default 1280x800)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _import_before_qt() -> None:
    """Import NumPy and Matplotlib's core before PySide6. Once PySide6 is loaded, its
    ``__feature__`` import hook reads the source of every module that imports something
    (to see whether it uses PySide): ~430 modules and ~90 ms of CPU in a launch, NumPy's
    and Matplotlib's ~230 of them. Imported first, they never meet the hook."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import numpy  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from tutor_app.qt.screenshot import render_all

        return render_all(args.screenshot, lesson=args.lesson, lang=args.lang,
                          theme=args.theme, exercises=args.exercises,
                          size=args.size, tabs=args.tabs, console=args.console)
    from tutor_app.qt import collector  # no Qt yet

    collector.pause_for_launch()  # no garbage collection until the window has painted
    _import_before_qt()
    from tutor_app.qt.launch import run

    return run(lesson=args.lesson, lang=args.lang, theme=args.theme, started=_START)


if __name__ == "__main__":
    # The console runs learner code in a child process (sandbox/console_process.py); in a
    # frozen bundle that child starts as this executable, and this line hands it over.
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
