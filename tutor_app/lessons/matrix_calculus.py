"""Lesson 9 logic: gradients on contour plots, gradient descent, layouts and identities.

Every value and gradient comes from the engine's autograd (``tutor_app.engine``, PyTorch's
API). numpy only builds the sampling grid and picks random integer inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import tutor_app.engine as torch


@dataclass(frozen=True)
class Field:
    """A function f(x, y) of two variables, written with engine ops (works on grids too)."""

    key: str
    formula: str                                   # mathtext, shown on the plot
    fn: Callable[[object, object], object]         # (x, y) engine tensors -> f tensor
    extent: tuple[float, float, float, float]      # x0, x1, y0, y1
    start: tuple[float, float]                     # a good first point to look at


BOWL_A = ((2.0, 1.0), (0.0, 1.0))   # not symmetric on purpose: xᵀAx only sees (A + Aᵀ)/2
SADDLE_A = ((1.0, 0.0), (0.0, -1.0))


def _quadratic(a: tuple[tuple[float, float], ...]) -> Callable[[object, object], object]:
    (a11, a12), (a21, a22) = a
    return lambda x, y: a11 * x * x + (a12 + a21) * x * y + a22 * y * y


def _valley(x, y):
    return (1 - x) ** 2 + 5 * (y - x * x) ** 2


def _gaussians(x, y):
    return (torch.exp(-((x - 1) ** 2 + (y - 0.5) ** 2))
            + 0.8 * torch.exp(-((x + 1) ** 2 + (y + 0.8) ** 2) / 0.8))


FIELDS: dict[str, Field] = {
    "bowl": Field("bowl", r"$x^{\mathsf{T}} A x = 2x_1^2 + x_1 x_2 + x_2^2$", _quadratic(BOWL_A),
                  (-2.0, 2.0, -2.0, 2.0), (1.2, 0.8)),
    "saddle": Field("saddle", r"$x^{\mathsf{T}} A x = x_1^2 - x_2^2$", _quadratic(SADDLE_A),
                    (-2.0, 2.0, -2.0, 2.0), (0.8, 0.5)),
    "valley": Field("valley", r"$(1-x_1)^2 + 5\,(x_2-x_1^2)^2$", _valley,
                    (-2.0, 2.0, -1.0, 3.0), (-1.0, 1.5)),
    "gaussians": Field("gaussians",
                       r"$e^{-\|x-c_1\|^2} + 0.8\,e^{-\|x-c_2\|^2/0.8}$",
                       _gaussians, (-3.0, 3.0, -3.0, 3.0), (0.2, -0.4)),
}


@dataclass(frozen=True)
class Grid:
    """f sampled on a grid, for contour lines."""

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray


def sample(field: Field, n: int = 160) -> Grid:
    """Evaluate ``field`` on an n × n grid with the engine (no gradients needed)."""
    x0, x1, y0, y1 = field.extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    with torch.no_grad():
        z = field.fn(torch.tensor(gx, dtype=torch.float64), torch.tensor(gy, dtype=torch.float64))
    return Grid(gx, gy, np.array(z.tolist(), dtype=float))


@dataclass(frozen=True)
class PointGradient:
    """f and its gradient at one point, from the engine's ``backward()``."""

    point: tuple[float, float]
    value: float
    grad: tuple[float, float]

    @property
    def norm(self) -> float:
        return float(np.hypot(*self.grad))


def gradient_at(field: Field, point: tuple[float, float]) -> PointGradient:
    """f(p) and ∇f(p): two leaf tensors, one forward pass, one ``backward()``."""
    # From float64 arrays: no detour through float32 (PyTorch keeps them exact, too).
    x = torch.tensor(np.array(float(point[0])), dtype=torch.float64, requires_grad=True)
    y = torch.tensor(np.array(float(point[1])), dtype=torch.float64, requires_grad=True)
    f = field.fn(x, y)
    f.backward()
    return PointGradient((float(point[0]), float(point[1])), f.item(),
                         (x.grad.item(), y.grad.item()))


@dataclass(frozen=True)
class DescentPath:
    """The points visited by x ← x − lr·∇f(x), and whether the steps blew up."""

    points: np.ndarray       # (k + 1, 2)
    values: np.ndarray       # (k + 1,)
    diverged: bool


def descend(field: Field, start: tuple[float, float], lr: float, steps: int) -> DescentPath:
    """Gradient descent from ``start``: step against the gradient, which points uphill."""
    if not (lr > 0 and np.isfinite(lr)) or steps < 0:
        raise ValueError("the learning rate must be positive and steps non-negative")
    here = gradient_at(field, start)
    points, values = [here.point], [here.value]
    diverged = False
    for _ in range(steps):
        nxt = (here.point[0] - lr * here.grad[0], here.point[1] - lr * here.grad[1])
        if not np.all(np.isfinite(nxt)) or max(abs(nxt[0]), abs(nxt[1])) > 1e6:
            diverged = True
            break
        here = gradient_at(field, nxt)
        points.append(here.point)
        values.append(here.value)
    span = max(field.extent[1] - field.extent[0], field.extent[3] - field.extent[2])
    diverged = diverged or bool(np.abs(np.array(points)).max() > 10 * span)
    return DescentPath(np.array(points), np.array(values), diverged)


# --- layouts ----------------------------------------------------------------------------------

KINDS = ("scalar", "vector", "matrix")
Y_AXES = {"scalar": (), "vector": ("m",), "matrix": ("m", "l")}
X_AXES = {"scalar": (), "vector": ("n",), "matrix": ("n", "k")}


def layout_shape(y_kind: str, x_kind: str, layout: str) -> str:
    """The shape of ∂y/∂x, e.g. ``"(1, n)"``.

    Numerator layout: y's axes, then x's axes reversed (a gradient of a scalar by a column
    vector is a row). Denominator layout: x's axes, then y's axes reversed (the gradient has
    x's shape, as ∇ₓ‖x‖² = 2x). A single axis is a row or a column as each layout dictates.
    """
    if layout not in ("numerator", "denominator"):
        raise ValueError("layout is 'numerator' or 'denominator'")
    ys, xs = Y_AXES[y_kind], X_AXES[x_kind]
    axes = ys + xs[::-1] if layout == "numerator" else xs + ys[::-1]
    if not axes:
        return "()"
    if len(axes) == 1:
        # One axis: it comes from y or from x; numerator puts y down, x across.
        from_y = bool(ys)
        column = from_y if layout == "numerator" else not from_y
        return f"({axes[0]}, 1)" if column else f"(1, {axes[0]})"
    return "(" + ", ".join(axes) + ")"


def layout_table(layout: str) -> list[list[str]]:
    """Rows: y scalar / vector / matrix; columns: x scalar / vector / matrix."""
    return [[layout_shape(yk, xk, layout) for xk in KINDS] for yk in KINDS]


# --- identities -------------------------------------------------------------------------------

@dataclass(frozen=True)
class IdentityCheck:
    """One textbook identity, its engine gradient and its formula evaluated by the engine."""

    key: str
    gradient_printed: str
    formula_printed: str
    holds: bool


def _t(values: np.ndarray):
    # float32, PyTorch's default: small integers stay exact and print without a dtype suffix.
    return torch.tensor(values.tolist())


def _inputs(seed: int) -> dict[str, np.ndarray]:
    """Small random integer inputs (as floats), the same for a given seed."""
    rng = np.random.default_rng(seed)
    return {"A (2×3)": rng.integers(-3, 4, size=(2, 3)).astype(float),
            "A (3×3)": rng.integers(-3, 4, size=(3, 3)).astype(float),
            "x": rng.integers(-3, 4, size=3).astype(float),
            "X": rng.integers(-3, 4, size=(2, 3)).astype(float)}


def check_identities(seed: int = 0) -> list[IdentityCheck]:
    """Check ∇ₓAx = Aᵀ, ∇ₓxᵀAx = (A + Aᵀ)x (not 2Ax), ∇‖X‖²_F = 2X, ∇ₓxᵀA = A and
    ∇ₓ‖x‖² = 2x on small integer inputs."""
    values = _inputs(seed)
    A_rect, A_sq = _t(values["A (2×3)"]), _t(values["A (3×3)"])
    x_val, X_val = values["x"], values["X"]

    # ∇ₓ(Ax): column i is the gradient of y_i (denominator layout) → shape (3, 2) = Aᵀ.
    columns = []
    for i in range(2):
        x = torch.tensor(x_val.tolist(), requires_grad=True)
        y = torch.mv(A_rect, x)
        y.backward(_t(np.eye(2)[i]))
        columns.append(x.grad.tolist())
    jac = _t(np.array(columns).T)
    checks = [_check("ax", jac, A_rect.T)]

    x = torch.tensor(x_val.tolist(), requires_grad=True)
    f = torch.dot(x, torch.mv(A_sq, x))
    f.backward()
    xd = x.detach()
    checks.append(_check("xax", x.grad, torch.mv(A_sq + A_sq.T, xd)))
    checks.append(_check("xax_wrong", x.grad, 2 * torch.mv(A_sq, xd)))

    X = torch.tensor(X_val.tolist(), requires_grad=True)
    (torch.linalg.norm(X) ** 2).backward()
    checks.append(_check("frob", X.grad, 2 * X.detach()))

    # ∇ₓ(xᵀA): column j is the gradient of (xᵀA)_j = Σᵢ xᵢ a_ij, i.e. column j of A → A.
    columns = []
    for j in range(3):
        x = torch.tensor(x_val.tolist(), requires_grad=True)
        (x @ A_sq).backward(_t(np.eye(3)[j]))
        columns.append(x.grad.tolist())
    checks.append(_check("xta", _t(np.array(columns).T), A_sq))

    x = torch.tensor(x_val.tolist(), requires_grad=True)
    torch.dot(x, x).backward()
    checks.append(_check("sq_norm", x.grad, 2 * x.detach()))
    return checks


def identity_inputs(seed: int = 0) -> dict[str, str]:
    """The inputs of ``check_identities(seed)`` as the engine prints them."""
    return {name: repr(_t(value)) for name, value in _inputs(seed).items()}


def _check(key: str, gradient, formula) -> IdentityCheck:
    g = np.array(gradient.tolist())
    v = np.array(formula.tolist())
    holds = g.shape == v.shape and bool(np.allclose(g, v))
    return IdentityCheck(key, repr(gradient), repr(formula), holds)


# --- controls ---------------------------------------------------------------------------------

LEARNING_RATES: tuple[float, ...] = tuple(
    float(f"{v:.3g}") for v in np.geomspace(0.001, 1.0, 31))
DEFAULT_LR_INDEX = 20          # ≈ 0.1


def learning_rate(index: int) -> float:
    """The learning rate of slider position ``index`` (log-spaced 0.001 … 1)."""
    return LEARNING_RATES[int(np.clip(index, 0, len(LEARNING_RATES) - 1))]
