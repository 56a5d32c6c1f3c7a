"""Open the real window on an X server (Xvfb) and check what the server shows.

Everything else runs offscreen; this proves the xcb platform plugin, its system libraries
and the bundled CJK font work in a real window. Skipped only when Xvfb is not installed
(``make test`` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

pytestmark = pytest.mark.xvfb

CHILD = r"""
import sys
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tutor_app.qt.launch import create_window

out = sys.argv[1]
app, window, reporter = create_window(lesson="what_dl_does", lang="zh")
window.resize(1200, 760)
window.move(0, 0)
window.show()
assert QTest.qWaitForWindowExposed(window, 10000), "window never exposed"
screen = window.screen()

def server_image():
    return screen.grabWindow(window.winId()).toImage()

def colours(image):
    small = image.scaled(64, 40)
    return {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}

# Wait (event-driven, bounded) until the X server has the painted window.
image = server_image()
for _ in range(200):
    if len(colours(image)) > 8:
        break
    QTest.qWait(25)
    image = server_image()
image.save(out + "/server.png")
window.grab().save(out + "/widget.png")
print(QApplication.platformName(), image.width(), image.height(), reporter.count)
window.close()
"""


def _start_xvfb():
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [shutil.which("Xvfb"), "-displayfd", str(write_fd), "-screen", "0", "1280x800x24",
         "-nolisten", "tcp"], pass_fds=[write_fd], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()  # Xvfb writes the display once it accepts clients
    return server, display


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_real_window_under_xvfb(tmp_path):
    server, display = _start_xvfb()
    try:
        assert display.isdigit(), "Xvfb did not report a display"
        env = dict(os.environ, DISPLAY=f":{display}", QT_QPA_PLATFORM="xcb")
        result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.returncode == 0, result.stderr
    platform, width, height, errors = result.stdout.split()[-4:]
    assert platform == "xcb"
    assert int(width) >= 1000 and int(height) >= 600
    assert errors == "0"
    for name in ("server.png", "widget.png"):
        with Image.open(tmp_path / name) as image:
            colours = image.convert("RGB").getcolors(maxcolors=100_000)
            assert colours is None or len(colours) > 50, f"{name} looks blank"
