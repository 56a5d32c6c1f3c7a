"""The sweep: every corpus program (tests/graph/corpus.py) through the real graph-lab panel,
offscreen, frame by frame.

Every frame is applied through the player's one path (``show_frame``) and checked against
what Matplotlib renders: numbers drawn equal the engine's, no label is cut at the edge or
overlaps another label or a node, the step's nodes are in view and named. The last frame
also shows the output and every leaf's gradient as numbers (when small), equal to the
``.grad`` the program left. Full canvas draws are made on a sample of frames (the last
always) so the sweep stays well under a minute on two cores.
"""

from __future__ import annotations

import pytest
from graph.corpus import PROGRAMS

from qt.panels.graph_sweep import frame_problems, layout_problems
from tutor_app import paths
from tutor_app.lessons.base import load_spec
from tutor_app.qt.panels.graph_lab import GraphLabPanel

DRAWN_SAMPLES = 6    # full draws per program besides the last frame


# long programs, wrapped into bands or panned, again on a smaller window
LONG = ("linreg_3_steps", "mlp_batch", "softmax_cross_entropy", "loop_5", "loop_20",
        "loop_60", "ten_uses", "ten_uses_scalar", "loop_sgd_5_steps", "d2l_control_flow")


def _panel(qapp, size):
    spec = load_spec(paths.resource("lessons", "graph_lab.toml"))
    p = GraphLabPanel(spec, "en")
    p.resize(*size)
    p.show()
    qapp.processEvents()
    return p


def _close(p):
    p.shutdown()
    p.close()
    p.deleteLater()


@pytest.fixture(scope="module")
def panel(qapp):
    p = _panel(qapp, (1280, 760))
    yield p
    _close(p)


@pytest.fixture(scope="module")
def small_panel(qapp):
    p = _panel(qapp, (1000, 640))
    yield p
    _close(p)


def test_the_corpus_covers_what_a_chapter_2_learner_types():
    names = {name for name, _src, _err in PROGRAMS}
    assert len(PROGRAMS) >= 30
    for kind in ("d2l_dot", "broadcast_column_row", "matmul", "linreg_3_steps", "mlp_batch",
                 "softmax_cross_entropy", "loop_5", "loop_20", "loop_60", "ten_uses",
                 "error_name_mid_program", "double_backward_error"):
        assert kind in names


@pytest.mark.parametrize("name,source,expect_error", PROGRAMS, ids=[p[0] for p in PROGRAMS])
def test_every_frame_of_the_program_is_true_and_readable(panel, qapp, name, source,
                                                         expect_error):
    _sweep(panel, qapp, source, expect_error)


@pytest.mark.parametrize("name,source,expect_error",
                         [p for p in PROGRAMS if p[0] in LONG],
                         ids=[p[0] for p in PROGRAMS if p[0] in LONG])
def test_long_programs_read_on_a_smaller_window(small_panel, qapp, name, source,
                                                expect_error):
    _sweep(small_panel, qapp, source, expect_error, small_as_numbers=False)


# programs whose loops open folded: swept again drawn whole ("Expand loops")
FOLDED = ("d2l_control_flow", "loop_20", "loop_60", "ten_uses", "ten_uses_scalar")


@pytest.mark.parametrize("name,source,expect_error",
                         [p for p in PROGRAMS if p[0] in FOLDED],
                         ids=[p[0] for p in PROGRAMS if p[0] in FOLDED])
def test_folded_loops_read_expanded_too(panel, qapp, name, source, expect_error):
    _sweep(panel, qapp, source, expect_error, expand=True)


def _sweep(panel, qapp, source: str, expect_error: bool, small_as_numbers: bool = True,
           expand: bool = False):
    panel.load_program(source)
    qapp.processEvents()
    if expand:
        assert panel.player.folding is not None
        panel.player.expand_button.setChecked(True)
        assert panel.player.expanded
    run = panel.run_result
    assert run.ok and bool(run.error) == expect_error, run.error
    player = panel.player
    timeline = player.timeline
    assert timeline is not None and len(timeline) > 1
    n = len(timeline)
    drawn = {n - 1, *(k * (n - 1) // DRAWN_SAMPLES for k in range(DRAWN_SAMPLES))}
    renderer = player.canvas.get_renderer()
    # the .grad the program left is what the last frame shows, unless the code changed it
    # after its last backward() (zero_() after an update step)
    live = {} if "grad" in source.rsplit("backward", 1)[-1] else run.live
    # every frame goes through the player; a long timeline is checked on about 100 of them,
    # the ends of its backward passes and its drawn frames among them
    step = max(1, n // 100)
    checked = drawn | {k for k in range(n) if k % step == 0
                       or timeline[k].phase in ("done", "failed")}
    problems = [f"layout: {p}" for p in layout_problems(player.view)]
    for k in range(n):
        player.player.seek(k)
        if k in drawn:
            player.canvas.draw()
            renderer = player.canvas.get_renderer()
        if k not in checked:
            continue
        for p in frame_problems(player.view, timeline[k], renderer, final=k == n - 1,
                                env=live, small_as_numbers=small_as_numbers):
            problems.append(f"frame {k + 1}/{n} ({timeline[k].phase}): {p}")
    assert not problems, "\n".join(problems[:20])
    if expect_error and "backward" in source.split("\n")[-2]:
        assert timeline[-1].phase == "failed"


@pytest.mark.parametrize("size", [(1100, 700), (1280, 800), (1440, 900)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_last_frame_reads_on_other_window_sizes(qapp, size):
    """The end of the story at other window sizes: every program's last frame (drawn
    folded, and expanded where it folds) shows the output and the leaves' gradients, cuts
    no box at the edge and hides no name."""
    panel = _panel(qapp, size)
    problems = []
    try:
        for name, source, _error in PROGRAMS:
            for expand in (False, True):
                panel.load_program(source)
                qapp.processEvents()
                player = panel.player
                if expand:
                    if player.folding is None:
                        continue
                    player.expand_button.setChecked(True)
                last = len(player.timeline) - 1
                player.player.seek(last)
                player.canvas.draw()
                live = {} if "grad" in source.rsplit("backward", 1)[-1] else \
                    panel.run_result.live
                problems += [f"{name}{' expanded' if expand else ''}: {p}"
                             for p in frame_problems(player.view, player.timeline[last],
                                                     player.canvas.get_renderer(), final=True,
                                                     env=live, small_as_numbers=False)]
    finally:
        _close(panel)
    assert not problems, "\n".join(problems[:20])
