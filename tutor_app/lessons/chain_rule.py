"""The chain rule, stepped on small graphs: backprop is this rule done node by node.

Each step is a program run in the sandbox (``graph_steps``); the graph player then walks
its backward pass, writing each edge's local derivative and the product it passes on — the
factors of dy/dx the learner multiplies by hand in the lesson text.
"""

from __future__ import annotations

from tutor_app.lessons.graph_steps import GraphStep, StepResult, find_step, run_graph_step

STEPS: tuple[GraphStep, ...] = (
    GraphStep("single", "x = torch.tensor(0.5, requires_grad=True)\n"
              "u = x * x              # u = g(x) = x², g'(x) = 2x\n"
              "y = torch.sin(u)       # y = f(u) = sin u, f'(u) = cos u\n"
              "y.backward()\n"
              "print(x.grad)\n"
              "print(torch.cos(u.detach()) * 2 * x.detach())   # f'(g(x)) · g'(x) by hand",
              "y"),
    GraphStep("paths", "x = torch.tensor(0.5, requires_grad=True)\n"
              "u = torch.sin(x)       # path 1: x → u → y\n"
              "v = x * x              # path 2: x → v → y\n"
              "y = u * v\n"
              "y.backward()\n"
              "print(x.grad)\n"
              "xd, ud, vd = x.detach(), u.detach(), v.detach()\n"
              "print(vd * torch.cos(xd) + ud * 2 * xd)   # ∂y/∂u·du/dx + ∂y/∂v·dv/dx",
              "y"),
    GraphStep("jacobian", "A = torch.tensor([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]])\n"
              "x = torch.tensor([1.0, 0.5, -1.0], requires_grad=True)\n"
              "u = torch.mv(A, x)     # ∂u/∂x = A  (2×3)\n"
              "y = (u * u).sum()      # ∂y/∂u = 2uᵀ (1×2)\n"
              "y.backward()\n"
              "print(x.grad)\n"
              "print(2 * u.detach() @ A)   # (1×2)(2×3): the Jacobians multiplied",
              "y"),
    GraphStep("grad_fn", "x = torch.tensor(0.5, requires_grad=True)\n"
              "print(x.grad)          # None: no backward has run yet\n"
              "u = x * x\n"
              "y = torch.sin(u)\n"
              "print(y.grad_fn)\n"
              "print(y.grad_fn.next_functions)\n"
              "print(u.grad_fn.next_functions)\n"
              "y.backward()\n"
              "print(x.grad)",
              "y"),
)

STEP_KEYS = tuple(s.key for s in STEPS)


def step(key: str) -> GraphStep:
    return find_step(STEPS, key, "chain-rule")


def run_step(key: str, lang: str = "en") -> StepResult:
    """Run a step's program in the sandbox and build the frames of its output."""
    return run_graph_step(step(key), lang)
