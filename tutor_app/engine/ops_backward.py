"""Backward functions as table entries: what PyTorch records, with ``create_graph=True``,
for the VJPs of tanh, sigmoid, relu, softmax and log_softmax (``TanhBackwardBackward0`` …).

Inputs are ``(g, y)``: the upstream gradient and the op's saved output. Each is a
differentiable function of both, so second and third derivatives go through them; their
own VJPs are ordinary NumPy rules like every other entry's.
"""

from __future__ import annotations

import numpy as np

from .ops_table import one_minus_square, register

_PAIRS = [(((3,), (3,)), {}), (((2, 3), (2, 3)), {})]
_DIMS = [(((3,), (3,)), {"dim": 0}), (((2, 3), (2, 3)), {"dim": 1})]
# y = tanh, σ or softmax values: inside (0, 1), away from its ends
_UNIT = [((np.array([0.2, -0.5, 0.7]), np.array([0.3, 0.6, -0.4])), {}),
         ((np.array([[0.1, -0.3, 0.5], [0.8, -0.6, 0.2]]),
           np.array([[0.4, 0.25, -0.7], [0.35, 0.9, -0.15]])), {})]


def _tanh_backward(g, y):
    return g * one_minus_square(y)


register("tanh_backward", "TanhBackwardBackward0", "tanh′", "out = g · (1 − y²)",
         _tanh_backward,
         (lambda gg, out, a, p: gg * (1 - a[1] * a[1]),
          lambda gg, out, a, p: -2 * gg * a[0] * a[1]),
         local=("∂out/∂g = 1 − y²", "∂out/∂y = −2 g y"), samples=_UNIT, reads=("b", "a b"))


def _sigmoid_backward(g, y):
    return g * (1 - y) * y


register("sigmoid_backward", "SigmoidBackwardBackward0", "σ′", "out = g · y (1 − y)",
         _sigmoid_backward,
         (lambda gg, out, a, p: gg * a[1] * (1 - a[1]),
          lambda gg, out, a, p: gg * a[0] * (1 - 2 * a[1])),
         local=("∂out/∂g = y (1 − y)", "∂out/∂y = g (1 − 2y)"), samples=_UNIT,
         reads=("b", "a b"))


def _threshold_backward(g, y):
    return g * (y > 0)


register("threshold_backward", "ThresholdBackwardBackward0", "relu′", "out = g · [y > 0]",
         _threshold_backward,
         (lambda gg, out, a, p: gg * (a[1] > 0),
          lambda gg, out, a, p: np.zeros_like(gg)),
         local=("∂out/∂g = [y > 0]", "∂out/∂y = 0"), samples=_PAIRS, domain="away_from_zero",
         reads=("b", ""))


def _softmax_backward(g, y, dim):
    return y * (g - np.sum(g * y, axis=dim, keepdims=True))


def _softmax_backward_y(gg, out, a, p):
    g, y, dim = a[0], a[1], p["dim"]
    s = np.sum(g * y, axis=dim, keepdims=True)
    return gg * (g - s) - g * np.sum(gg * y, axis=dim, keepdims=True)


register("softmax_backward_data", "SoftmaxBackwardDataBackward0", "softmax′",
         "out = y ⊙ (g − Σ g⊙y)", _softmax_backward,
         (lambda gg, out, a, p: _softmax_backward(gg, a[1], p["dim"]), _softmax_backward_y),
         jvps=(lambda t, out, a, p: _softmax_backward(t, a[1], p["dim"]),
               lambda t, out, a, p: t * (a[0] - np.sum(a[0] * a[1], axis=p["dim"],
                                                        keepdims=True))
               - a[1] * np.sum(a[0] * t, axis=p["dim"], keepdims=True)),
         local=("∂out/∂g = diag(y) − y yᵀ", "∂out/∂y = g − Σ g⊙y (and more)"),
         samples=_DIMS, reads=("b", "a b"))


def _log_softmax_backward(g, y, dim):
    return g - np.exp(y) * np.sum(g, axis=dim, keepdims=True)


register("log_softmax_backward_data", "LogSoftmaxBackwardDataBackward0", "log_softmax′",
         "out = g − exp(y) Σ g", _log_softmax_backward,
         (lambda gg, out, a, p: gg - np.sum(gg * np.exp(a[1]), axis=p["dim"], keepdims=True),
          lambda gg, out, a, p: -gg * np.exp(a[1]) * np.sum(a[0], axis=p["dim"],
                                                            keepdims=True)),
         jvps=(lambda t, out, a, p: _log_softmax_backward(t, a[1], p["dim"]),
               lambda t, out, a, p: -t * np.exp(a[1]) * np.sum(a[0], axis=p["dim"],
                                                               keepdims=True)),
         local=("∂out/∂g = I − 1 exp(y)ᵀ", "∂out/∂y = −exp(y) Σ g"), samples=_DIMS,
         reads=("b", "a b"))
