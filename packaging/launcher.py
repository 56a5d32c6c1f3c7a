"""The script PyInstaller freezes: the same ``main()`` as ``python -m tutor_app``.

(Freezing ``tutor_app/__main__.py`` directly would run it as a loose script, outside
its package.)
"""

from __future__ import annotations

import sys

from tutor_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
