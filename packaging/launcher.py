"""The script PyInstaller freezes: the same ``main()`` as ``python -m tutor_app``.

(Freezing ``tutor_app/__main__.py`` directly would run it as a loose script, outside
its package.)
"""

from __future__ import annotations

import os
import sys

from tutor_app.__main__ import main


def use_persistent_matplotlib_dir() -> None:
    """Give Matplotlib one private config/cache folder that survives restarts.

    PyInstaller's matplotlib run-time hook points MPLCONFIGDIR at a new temporary folder
    on every start, so Matplotlib would rebuild its font cache each time (seconds on a
    desktop with many fonts). A folder of our own also keeps a learner's
    ~/.config/matplotlib/matplotlibrc from restyling the app's figures.
    """
    if not getattr(sys, "frozen", False):
        return
    from tutor_app.paths import user_data_dir

    try:
        folder = user_data_dir() / "matplotlib"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # keep PyInstaller's temporary folder
    os.environ["MPLCONFIGDIR"] = str(folder)


if __name__ == "__main__":
    use_persistent_matplotlib_dir()
    sys.exit(main())
