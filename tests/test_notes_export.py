"""Notes export: Markdown with fenced code/output and relative links to real PNGs."""

from __future__ import annotations

from matplotlib.figure import Figure

from tutor_app.notes_export import NoteCell, export_notes, render_markdown


def _figure() -> Figure:
    fig = Figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1], [1, 0])
    return fig


def test_export_writes_markdown_and_pngs(tmp_path):
    cells = [NoteCell("x = torch.arange(4.0)\nx", "tensor([0., 1., 2., 3.])\n"),
             NoteCell("x / y", "", "NameError: name 'y' is not defined")]
    out = export_notes(tmp_path / "my notes.md", "张量与广播", cells,
                       [("Broadcast view", _figure())], lang="zh")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 张量与广播\n")
    assert "```python\nx = torch.arange(4.0)\nx\n```" in text
    assert "```\ntensor([0., 1., 2., 3.])\n```" in text
    assert "NameError: name 'y' is not defined" in text
    png = tmp_path / "my notes_files" / "figure-1-broadcast-view.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "](my%20notes_files/figure-1-broadcast-view.png)" in text


def test_backticks_in_output_do_not_break_the_fence():
    text = render_markdown("t", [NoteCell("s = '```'\ns", "'```'\n")], [], lang="en")
    assert "````python\ns = '```'\ns\n````" in text
    assert "## Console session" in text


def test_no_figures_no_folder(tmp_path):
    out = export_notes(tmp_path / "n", "t", [NoteCell("1", "1\n")], lang="en")
    assert out.name == "n.md"
    assert not (tmp_path / "n_files").exists()
