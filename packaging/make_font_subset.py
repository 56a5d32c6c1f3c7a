"""Rebuild ``resources/fonts/NotoSansSC-TensorTutor.otf``, the CJK font subset the app ships.

Source: Debian's ``fonts-noto-cjk`` (``apt-get install fonts-noto-cjk``), face 2 of
``NotoSansCJK-Regular.ttc`` = Noto Sans CJK SC (the script checks the name). The subset
keeps GB2312 (every simplified-Chinese character learners meet), ASCII/Latin-1, general and
CJK punctuation, Greek, arrows and mathematical operators — enough for every lesson and UI
string. The licence (OFL-1.1) is copied from Debian's copyright file next to the font.

Usage: ``.venv/bin/python packaging/make_font_subset.py [path/to/NotoSansCJK-Regular.ttc]``
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "resources" / "fonts"
OUT_FONT = OUT_DIR / "NotoSansSC-TensorTutor.otf"
DEFAULT_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
SC_FACE = 2
EXPECTED_FAMILY = "Noto Sans CJK SC"

# Ranges beyond GB2312: Latin, punctuation, Greek, maths, arrows, box drawing, full-width forms.
EXTRA_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF), (0x0370, 0x03FF), (0x2000, 0x206F),
    (0x2070, 0x209F), (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF),
    (0x2200, 0x22FF), (0x2300, 0x23FF), (0x2460, 0x24FF), (0x2500, 0x257F),
    (0x25A0, 0x25FF), (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
]


def gb2312_characters() -> set[int]:
    """Every character encodable in GB2312 (two-byte rows 0xA1–0xF7, columns 0xA1–0xFE)."""
    chars: set[int] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def wanted_codepoints() -> set[int]:
    codepoints = gb2312_characters()
    for lo, hi in EXTRA_RANGES:
        codepoints.update(range(lo, hi + 1))
    return codepoints


def ofl_text() -> str:
    """The SIL OFL 1.1 text from Debian's copyright file, un-indented."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    match = re.search(r"^License: SIL-1\.1\n((?: .*\n?)+)", text, re.MULTILINE)
    if not match:
        raise SystemExit(f"no OFL text found in {DEBIAN_COPYRIGHT}")
    lines = [line[1:] for line in match.group(1).splitlines()]
    body = "\n".join("" if line == "." else line for line in lines)
    header = ("Noto Sans CJK SC (subset shipped by Tensor Tutor as NotoSansSC-TensorTutor.otf)\n"
              "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name "
              "'Source'.\nCopyright 2010-2012, Google Corporation.\n"
              "Subset built with packaging/make_font_subset.py from Debian's fonts-noto-cjk.\n\n")
    return header + body.strip() + "\n"


def build(ttc: Path) -> Path:
    collection = TTCollection(str(ttc))
    font = collection.fonts[SC_FACE]
    family = font["name"].getDebugName(1)
    if family != EXPECTED_FAMILY:
        raise SystemExit(f"face {SC_FACE} of {ttc} is {family!r}, expected {EXPECTED_FAMILY!r}")
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # CFF hints add size and the app renders at screen sizes
    subsetter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    subsetter.populate(unicodes=sorted(cp for cp in wanted_codepoints() if cp in cmap))
    subsetter.subset(font)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT_FONT))
    (OUT_DIR / "OFL.txt").write_text(ofl_text(), encoding="utf-8")
    return OUT_FONT


def main(argv: list[str]) -> int:
    ttc = Path(argv[0]) if argv else DEFAULT_TTC
    if not ttc.exists():
        print(f"{ttc} not found: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    out = build(ttc)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) and {OUT_DIR / 'OFL.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
