"""Host-side steps of deb_fresh_check.sh, which runs the installed .deb in fresh chroots.

    python packaging/deb_fresh_helpers.py seed-progress FILE
        writes a learner's progress file (two lessons visited, one exercise solved) with the
        app's own Progress class, so the removal check has real progress to keep;
    python packaging/deb_fresh_helpers.py screenshots DIR LESSONS_DIR
        checks DIR holds every lesson's zh and en screenshot, none blank (as dist_check does).
"""

from __future__ import annotations

import sys
from pathlib import Path

from check_rules import check_screenshots, lesson_ids

ROOT = Path(__file__).resolve().parent.parent


def seed_progress(path: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from tutor_app.progress import Progress

    progress = Progress(path)
    ids = lesson_ids(ROOT / "resources" / "lessons")
    for lid in ids[:2]:
        progress.mark_visited(lid)
    progress.mark_exercise(ids[0], "fresh-check", True)
    progress.last_lesson = ids[1]
    if not progress.save():
        print(f"could not write {path}: {progress.save_error}", file=sys.stderr)
        return 1
    return 0


def screenshots(folder: Path, lessons_dir: Path) -> int:
    ids = lesson_ids(lessons_dir)
    problems = check_screenshots(folder, ids)
    if problems:
        print("; ".join(problems), file=sys.stderr)
        return 1
    print(f"{2 * len(ids)} PNGs for {len(ids)} lessons x zh/en, none blank")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "seed-progress":
        return seed_progress(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "screenshots":
        return screenshots(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
