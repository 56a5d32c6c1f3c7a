"""Lesson 14 — autograd, PyTorch style: the notes' flow, step by step, each step animated.

Each step is a small program run through the sandbox (the same path as the graph lab) with
the output whose graph is drawn and how the graph is built (whole, explicit or implicit).
The notes create ``m`` and then use ``x``; the steps use ``x`` throughout.
"""

from __future__ import annotations

from tutor_app.lessons.graph_steps import GraphStep as AutogradStep
from tutor_app.lessons.graph_steps import StepResult, find_step, run_graph_step

NOTES_FLOW = """x = torch.arange(4.0)
x.requires_grad_(True)
print(x)
y = 2 * torch.dot(x, x)
print(y)"""


# Lines stay within 48 characters (the code box at 1280×800, en); comments in words are
# «markers» shown in the learner's language (graph_steps.NOTE).
TRAIN_LOOP = """x = torch.tensor([0.0, 1.0, 2.0, 3.0])
# «on_line»
y = torch.tensor([1.0, 3.0, 5.0, 7.0])
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for step in range(6):
    loss = ((w * x + b - y) ** 2).mean()
    loss.backward()
    l, g = loss.item(), w.grad.item()
    print(f"step {step}: loss = {l:7.3f}",
          f"  w.grad = {g:8.3f}")
    with torch.no_grad():
        w -= 0.05 * w.grad
        b -= 0.05 * b.grad
{zeroing}print(f"w = {w.item():.3f}, b = {b.item():.3f}")"""
ZEROING = "    w.grad.zero_()\n    b.grad.zero_()\n"
FORGOT_ZEROING = "    # «forgot_zero»\n"

STEPS: tuple[AutogradStep, ...] = (
    AutogradStep("requires_grad", NOTES_FLOW, "y"),
    AutogradStep("backward", NOTES_FLOW + "\ny.backward()\nprint(x.grad)\nprint(x.grad == 4 * x)",
                 "y"),
    AutogradStep("accumulate", NOTES_FLOW + "\ny.backward(retain_graph=True)\nprint(x.grad)"
                 "\ny.backward()\nprint(x.grad)", "y"),
    AutogradStep("zero", "x = torch.arange(4.0, requires_grad=True)\n"
                 "y = 2 * torch.dot(x, x)\ny.backward()\nprint(x.grad)\n"
                 "x.grad.zero_()\ny = x.sum()\ny.backward()\nprint(x.grad)", "y"),
    AutogradStep("non_scalar", "x = torch.arange(4.0, requires_grad=True)\ny = x * x\n"
                 "# «not_scalar»\n"
                 "y.sum().backward()\nprint(x.grad)", "sum(y)"),
    AutogradStep("detach", "x = torch.arange(4.0, requires_grad=True)\ny = x * x\n"
                 "u = y.detach()\nz = u * x\ns = z.sum()\ns.backward()\n"
                 "print(x.grad == u)", "s"),
    AutogradStep("no_grad", "x = torch.arange(4.0, requires_grad=True)\n"
                 "with torch.no_grad():\n    w = x * 2\nprint(w.requires_grad)\n"
                 "v = (w * x).sum()\nv.backward()\nprint(x.grad)", "v"),
    AutogradStep("control_flow", "def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n"
                 "        b = b * 2\n    if b.sum() > 0:\n        c = b\n    else:\n"
                 "        c = 100 * b\n    return c\n\n"
                 "a = torch.tensor(0.5, requires_grad=True)\nd = f(a)\nd.backward()\n"
                 "print(a.grad, d / a)", "d"),
    AutogradStep("explicit", "x = torch.arange(4.0, requires_grad=True)\n"
                 "y = 2 * torch.dot(x, x)\ny.backward()", "y", "explicit"),
    AutogradStep("implicit", "x = torch.arange(4.0, requires_grad=True)\n"
                 "y = 2 * torch.dot(x, x)\ny.backward()", "y", "implicit"),
    AutogradStep("train", TRAIN_LOOP.replace("{zeroing}", ZEROING), "loss"),
    AutogradStep("train_no_zero", TRAIN_LOOP.replace("{zeroing}", FORGOT_ZEROING), "loss"),
)

STEP_KEYS = tuple(s.key for s in STEPS)


def step(key: str) -> AutogradStep:
    return find_step(STEPS, key, "autograd")


def run_step(key: str, lang: str = "en") -> StepResult:
    """Run a step's program in the sandbox and build the frames of its output."""
    return run_graph_step(step(key), lang)
