"""A dark restyle settles: a second call changes nothing, so a dark draw asks for no
follow-up draw (dark ink kept on a light, hued cell used to count as changed every time)."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from tutor_app.viz.style import LIGHT, restyle_figure


def test_dark_ink_on_a_light_hued_cell_is_no_change_the_second_time():
    figure = Figure()
    ax = figure.add_subplot()
    ax.add_patch(Rectangle((0, 0), 1, 1, facecolor="#a8d5ff"))  # light, hued: kept
    on_cell = ax.text(0.5, 0.5, "3", color=LIGHT.text)
    elsewhere = ax.text(2.0, 2.0, "label", color=LIGHT.text)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    assert restyle_figure(figure, "dark") > 0
    assert on_cell.get_color() == LIGHT.text        # still readable on the light cell
    assert elsewhere.get_color() != LIGHT.text      # light ink on the dark background
    assert restyle_figure(figure, "dark") == 0
    assert restyle_figure(figure, "light") > 0
    assert restyle_figure(figure, "light") == 0
