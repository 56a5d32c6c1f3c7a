"""``Step``: what changes at one step of a timeline, the record both the forward frames
(frames.py) and the backward frames (backward_steps.py) are built from.

Its own module so that ``frames`` can import ``backward_steps`` at the top without a
circle (each used to need the other).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """What changes at one step (the timeline keeps these; frames are derived)."""

    phase: str
    caption: Mapping[str, str]
    active_nodes: frozenset = frozenset()
    active_edges: frozenset = frozenset()
    shown: tuple = ()                  # value nodes whose value appears
    grads: tuple = ()                  # (node, ndarray | None) set at this step
    edge_text: tuple = ()              # (edge, str | None) set at this step
    appear: tuple = ()                 # nodes that come into existence (implicit construction)
    hidden: tuple = ()                 # value nodes whose value goes away (a new forward pass)
