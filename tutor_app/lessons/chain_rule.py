"""The chain rule, stepped on small graphs: backprop is this rule done node by node.

Each step is a program run in the sandbox (``graph_steps``); the graph player then walks
its backward pass, writing each edge's local derivative and the product it passes on — the
factors of dy/dx the learner multiplies by hand in the lesson text.
"""

from __future__ import annotations

from tutor_app.lessons.graph_steps import GraphStep, StepResult, find_step, run_graph_step

# Comments are formulas only, the same in every language (their words are in the step's
# text), and every line stays short enough to read whole in the code box at 1280×800.
STEPS: tuple[GraphStep, ...] = (
    GraphStep("single", "x = torch.tensor(0.5, requires_grad=True)\n"
              "u = x * x          # g(x) = x², g′(x) = 2x\n"
              "y = torch.sin(u)   # f(u) = sin u, f′(u) = cos u\n"
              "y.backward()\n"
              "print(x.grad)\n"
              "# f′(g(x)) · g′(x):\n"
              "print(torch.cos(u.detach()) * 2 * x.detach())",
              "y"),
    GraphStep("paths", "x = torch.tensor(0.5, requires_grad=True)\n"
              "u = torch.sin(x)   # x → u → y\n"
              "v = x * x          # x → v → y\n"
              "y = u * v\n"
              "y.backward()\n"
              "print(x.grad)\n"
              "xd, ud, vd = x.detach(), u.detach(), v.detach()\n"
              "# ∂y/∂u · du/dx + ∂y/∂v · dv/dx:\n"
              "print(vd * torch.cos(xd) + ud * 2 * xd)",
              "y"),
    GraphStep("jacobian", "A = torch.tensor([[1.0, 2.0, 0.0],\n"
              "                  [0.0, -1.0, 3.0]])\n"
              "x = torch.tensor([1.0, 0.5, -1.0],\n"
              "                 requires_grad=True)\n"
              "u = torch.mv(A, x)   # ∂u/∂x = A  (2×3)\n"
              "y = (u * u).sum()    # ∂y/∂u = 2uᵀ (1×2)\n"
              "y.backward()\n"
              "print(x.grad)\n"
              "print(2 * u.detach() @ A)   # (1×2)(2×3)",
              "y"),
    GraphStep("grad_fn", "x = torch.tensor(0.5, requires_grad=True)\n"
              "print(x.grad)      # None\n"
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
