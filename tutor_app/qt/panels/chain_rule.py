"""Chain-rule panel: the autograd lesson's step list and graph player, with the chain rule's
steps (one path, two paths, Jacobians, grad_fn): backprop is the chain rule done by hand."""

from __future__ import annotations

from tutor_app.lessons import chain_rule
from tutor_app.qt.panels.autograd import AutogradPanel


class ChainRulePanel(AutogradPanel):
    """Pick a step; its backward pass plays edge by edge, each edge's product written."""

    logic = chain_rule
    basename = "chain_rule"
