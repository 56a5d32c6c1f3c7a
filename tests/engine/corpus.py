"""Programs run against both engines: D2L §2.1–2.5, the learner's notes, and error cases.

Each program prints what a learner would look at. ``run(program, torch_module)`` returns
the printed text plus, if the program raises, the exception's type and message; the
oracle test compares ours with PyTorch's character for character.
"""

from __future__ import annotations

import contextlib
import io

import numpy as np

D2L_2_1 = [
    "x = torch.arange(12)\nprint(x)\nprint(x.shape)\nprint(x.numel())",
    "x = torch.arange(12)\nX = x.reshape(3, 4)\nprint(X)\nprint(x.reshape(-1, 4))",
    "print(torch.zeros((2, 3, 4)))",
    "print(torch.ones((2, 3, 4)))",
    "print(torch.tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]))",
    "x = torch.tensor([1.0, 2, 4, 8])\ny = torch.tensor([2, 2, 2, 2])\n"
    "print(x + y, x - y, x * y, x / y, x ** y)",
    "x = torch.tensor([1.0, 2, 4, 8])\nprint(torch.exp(x))",
    "X = torch.arange(12, dtype=torch.float32).reshape((3,4))\n"
    "Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])\n"
    "print(torch.cat((X, Y), dim=0))\nprint(torch.cat((X, Y), dim=1))\nprint(X == Y)\n"
    "print(X.sum())\nprint(X < Y)",
    "a = torch.arange(3).reshape((3, 1))\nb = torch.arange(2).reshape((1, 2))\n"
    "print(a)\nprint(b)\nprint(a + b)",
    "X = torch.arange(12, dtype=torch.float32).reshape((3,4))\nprint(X[-1])\nprint(X[1:3])\n"
    "X[1, 2] = 9\nprint(X)\nX[0:2, :] = 12\nprint(X)",
    "X = torch.arange(12, dtype=torch.float32).reshape((3,4))\n"
    "Y = torch.ones(3, 4)\nbefore = id(Y)\nY = Y + X\nprint(id(Y) == before)\n"
    "Z = torch.zeros_like(Y)\nb = id(Z)\nZ[:] = X + Y\nprint(id(Z) == b)\n"
    "b = id(X)\nX += Y\nprint(id(X) == b)",
    "X = torch.arange(12, dtype=torch.float32).reshape((3,4))\nA = X.numpy()\n"
    "B = torch.tensor(A)\nprint(type(A).__name__, type(B).__name__)",
    "a = torch.tensor([3.5])\nprint(a, a.item(), float(a), int(a))",
    "X = torch.arange(12, dtype=torch.float32).reshape((3,4))\nprint(X[X > 5])\n"
    "print(X[:, 1])\nprint(X[::2, ::-1] if False else X[::2])",
    "print(torch.arange(1, 2.5, 0.5))\nprint(torch.arange(5, 0, -1))\n"
    "print(torch.arange(0, 1, 0.1))",
    "print(torch.tensor([1.5, 2.25, 1e-5]))\nprint(torch.tensor([1e10, 1.0]))\n"
    "print(torch.tensor([100000.0, 1.0]))\nprint(torch.tensor([0.1, 123.456]))",
    "print(torch.tensor(3))\nprint(torch.tensor(3.))\nprint(torch.tensor(True))\n"
    "print(torch.tensor([True, False]))\nprint(torch.tensor([]))\nprint(torch.zeros(0, 3))",
    "print(torch.arange(12, dtype=torch.float64).reshape(3, 4))\n"
    "print(torch.arange(4, dtype=torch.int32))\nprint(torch.ones(2, dtype=torch.float64))",
    "print(torch.arange(2000.))\nprint(torch.arange(2000).reshape(40, 50))",
    "print(torch.arange(40.) / 3)\nprint(torch.arange(30.) * 1000)",
    "print(torch.tensor([float('nan'), 1.0, float('inf')]))\nprint(torch.tensor([-0.5, 2.]))",
    "x = torch.arange(4) / 2\nprint(x, x.dtype)\nprint((torch.arange(3) * 1.5).dtype)\n"
    "print((torch.ones(2, dtype=torch.float64) + torch.ones(2)).dtype)\n"
    "print((torch.ones(2) + torch.tensor(1., dtype=torch.float64)).dtype)\n"
    "print((torch.arange(3) + torch.tensor(1.5, dtype=torch.float64)).dtype)\n"
    "print((torch.arange(3) > 1).dtype, torch.arange(3).sum().dtype)",
    "x = torch.arange(24).reshape(2, 3, 4)\nprint(len(x), x.size(), x.size(1), x.ndim)\n"
    "print(x.shape[0], x.dim())",
]

D2L_2_3 = [
    "x = torch.tensor(3.0)\ny = torch.tensor(2.0)\nprint(x + y, x * y, x / y, x**y)",
    "x = torch.arange(4)\nprint(x, x[3], len(x), x.shape)",
    "A = torch.arange(20).reshape(5, 4)\nprint(A)\nprint(A.T)",
    "B = torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]])\nprint(B == B.T)",
    "X = torch.arange(24).reshape(2, 3, 4)\nprint(X)",
    "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\nB = A.clone()\n"
    "print(A, A + B)\nprint(A * B)",
    "a = 2\nX = torch.arange(24).reshape(2, 3, 4)\nprint(a + X, (a * X).shape)",
    "x = torch.arange(4, dtype=torch.float32)\nprint(x, x.sum())",
    "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\nprint(A.shape, A.sum())\n"
    "A_sum_axis0 = A.sum(axis=0)\nprint(A_sum_axis0, A_sum_axis0.shape)\n"
    "A_sum_axis1 = A.sum(axis=1)\nprint(A_sum_axis1, A_sum_axis1.shape)\n"
    "print(A.sum(axis=[0, 1]))\nprint(A.mean(), A.sum() / A.numel())\n"
    "print(A.mean(axis=0), A.sum(axis=0) / A.shape[0])",
    "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\n"
    "sum_A = A.sum(axis=1, keepdims=True)\nprint(sum_A)\nprint(A / sum_A)\n"
    "print(A.cumsum(axis=0))",
    "x = torch.arange(4, dtype=torch.float32)\ny = torch.ones(4, dtype=torch.float32)\n"
    "print(x, y, torch.dot(x, y))\nprint(torch.sum(x * y))",
    "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\n"
    "x = torch.arange(4, dtype=torch.float32)\nprint(A.shape, x.shape, torch.mv(A, x))\n"
    "B = torch.ones(4, 3)\nprint(torch.mm(A, B))\nprint(A @ B)\nprint(A @ x)",
    "u = torch.tensor([3.0, -4.0])\nprint(torch.norm(u))\nprint(torch.abs(u).sum())\n"
    "print(torch.norm(torch.ones((4, 9))))",
    "A = torch.arange(20).reshape(5, 4)\nprint(A == A.T.T)",
    "A = torch.arange(20, dtype=torch.float32).reshape(5, 4)\nprint(A / A.sum(axis=1))",
    "D = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)\n"
    "print(D.sum(axis=0), D.sum(axis=1), D.sum(axis=2))\n"
    "print(D.sum(axis=0).shape, D.sum(axis=1).shape, D.sum(axis=2).shape)",
    "X = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)\n"
    "print(torch.linalg.norm(X))\nprint(torch.linalg.norm(torch.ones(2, 3, 4, 5)))",
    "A = torch.arange(6, dtype=torch.float32).reshape(2, 3)\nB = torch.ones(2, 3)\n"
    "print(A.T + B.T == (A + B).T)\nprint((A @ A.T) == (A @ A.T).T)",
    "v = torch.tensor([1., 2., 3.])\nw = torch.tensor([0., 1., 0.])\n"
    "print(torch.cross(v, w, dim=0))\nprint(torch.linalg.cross(v, w))\n"
    "print(torch.linalg.det(torch.tensor([[2., 1.], [1., 3.]])))\nprint(torch.outer(v, w))",
    "x = torch.tensor([3., -4., 12.])\nprint(torch.linalg.norm(x, 1), torch.linalg.norm(x, 2),"
    " torch.linalg.norm(x, float('inf')))\nprint(x.norm(), torch.norm(x, p=1))",
]

D2L_2_5 = [
    "x = torch.arange(4.0)\nprint(x)\nx.requires_grad_(True)\nprint(x.grad)\n"
    "y = 2 * torch.dot(x, x)\nprint(y)\ny.backward()\nprint(x.grad)\nprint(x.grad == 4 * x)",
    "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\n"
    "x.grad.zero_()\ny = x.sum()\ny.backward()\nprint(x.grad)",
    "x = torch.arange(4.0, requires_grad=True)\ny = x * x\ny.sum().backward()\nprint(x.grad)\n"
    "print(y)",
    "x = torch.arange(4.0, requires_grad=True)\ny = x * x\nu = y.detach()\nz = u * x\n"
    "z.sum().backward()\nprint(x.grad == u)\nprint(u)",
    "x = torch.arange(4.0, requires_grad=True)\ny = x * x\ny.sum().backward()\n"
    "x.grad.zero_()\ny = x * x\ny.sum().backward()\nprint(x.grad == 2 * x)",
    "def f(a):\n    b = a * 2\n    while b.norm() < 1000:\n        b = b * 2\n"
    "    if b.sum() > 0:\n        c = b\n    else:\n        c = 100 * b\n    return c\n"
    "a = torch.tensor(0.7, requires_grad=True)\nd = f(a)\nd.backward()\n"
    "print(a.grad == d / a)\nprint(d)",
    "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\n"
    "y2 = 2 * torch.dot(x, x)\ny2.backward()\nprint(x.grad)",
    "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\n"
    "y.backward(retain_graph=True)\ny.backward()\nprint(x.grad)",
    "x = torch.arange(4.0, requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\n"
    "y.backward()",
    "x = torch.arange(4.0, requires_grad=True)\ny = x * 2\ny.backward()",
    "x = torch.arange(4.0, requires_grad=True)\ny = x * 2\n"
    "y.backward(gradient=torch.ones(len(y)))\nprint(x.grad)",
    "x = torch.arange(4.0, requires_grad=True)\nwith torch.no_grad():\n    y = x * 2\n"
    "print(y, y.requires_grad, y.grad_fn)\n"
    "@torch.no_grad()\ndef g(t):\n    return t * 3\nprint(g(x))",
    "x = torch.tensor([1., 2.], requires_grad=True)\ny = x * 3\nprint(y.is_leaf, x.is_leaf)\n"
    "print(y.grad_fn.name(), type(y.grad_fn).__name__)\ny.retain_grad()\ny.sum().backward()\n"
    "print(y.grad, x.grad)",
    "x = torch.tensor([1., 2.], requires_grad=True)\nz = (x ** 2).mean()\nprint(z)\n"
    "z.backward()\nprint(x.grad)\nprint(torch.exp(x).sin().grad_fn)",
    "x = torch.tensor([1., 2.], requires_grad=True)\nprint(x + 1, x - 1, 1 - x, x / 2, 2 / x)\n"
    "print(x ** 2, 2 ** x, x ** x, -x)\nprint(x.sum(), x.mean(), x.exp(), x.log())",
    "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\nprint(x.T, x.t(), x[0], "
    "x[:, 1:], x[x > 2])\nprint(x.reshape(4), x.view(4, 1), x.sum(0), x.mean(1), x.max())\n"
    "print(torch.relu(x - 2), torch.sigmoid(x), torch.tanh(x))",
    "x = torch.arange(4.0)\nx.requires_grad_(True)\nx += 1",
    "x = torch.ones(3, requires_grad=True)\nprint(x.numpy())",
    "x = torch.arange(3)\nx.requires_grad_(True)",
    "x = torch.arange(4.0, requires_grad=True)\ny = x * 2\nprint(y.grad)",
    "a = torch.ones(2, 3, requires_grad=True)\nb = torch.ones(3, requires_grad=True)\n"
    "c = (a * b + b).sum()\nc.backward()\nprint(a.grad, b.grad)",
    "x = torch.ones(3, requires_grad=True)\nprint((x * 2).sum().backward())\nprint(x.grad)",
]

ERRORS = [
    "float(torch.ones(2))", "torch.ones(2).item()", "bool(torch.ones(2))",
    "len(torch.tensor(1.))", "torch.ones(12).view(5, 3)", "torch.ones(2, 3).mm(torch.ones(2, 3))",
    "torch.ones(2, 3) @ torch.ones(2, 3)", "torch.cat([torch.ones(2, 3), torch.ones(2, 2)])",
    "torch.ones(2, 3).sum(2)", "torch.ones(4)[5]",
    "torch.dot(torch.arange(3), torch.ones(3))", "torch.arange(4).mean()",
    "torch.norm(torch.arange(4))", "torch.linalg.norm(torch.arange(4))",
    "torch.arange(4).requires_grad_()", "torch.dot(torch.ones(3), torch.ones(4))",
    "torch.mv(torch.ones(2, 3), torch.ones(4))", "torch.tensor([[1, 2], [3]])",
    "torch.ones(2, 3).view(-1, 4)", "torch.ones(2, 3).t().view(6)",
    "torch.mm(torch.ones(2, 2, dtype=torch.long), torch.ones(2, 2))",
    "torch.ones(3)[torch.tensor([True, False])]", "torch.tensor(1.)[0]",
    "torch.ones(2, 3)[0, 0, 0]", "torch.ones(2, 3).squeeze(5)", "torch.ones(2, 3).unsqueeze(5)",
    "torch.ones(3).sum(axis=(0, 0))", "torch.ones(3).backward()",
    "torch.ones(2) + torch.ones(3)", "torch.linalg.det(torch.ones(2, 3))",
    "torch.ones(2, 3).transpose(0, 2)", "torch.stack([torch.ones(2), torch.ones(3)])",
    "torch.arange(24).reshape(2, 3, 4).sum(axis=-4)", "torch.ones(5, 4) / torch.ones(5)",
    "x = torch.ones(3, dtype=torch.long)\nx += 1.5", "int(torch.ones(3))",
    "torch.ones(3).reshape(2, 2)", "torch.ones(2, 3) + torch.ones(3, 2)",
    "torch.ones(3, 1, 4) + torch.ones(2, 5, 1)",
]

GRADS = [
    "A = torch.arange(6.).reshape(2, 3).requires_grad_()\n"
    "B = torch.ones(3, 2, requires_grad=True)\n(A @ B).sum().backward()\nprint(A.grad, B.grad)",
    "A = torch.arange(6.).reshape(2, 3).requires_grad_()\nx = torch.ones(3, requires_grad=True)\n"
    "y = torch.mv(A, x)\nprint(y)\ny.sum().backward()\nprint(A.grad, x.grad)",
    "x = torch.tensor([3., 4.], requires_grad=True)\nn = torch.linalg.norm(x)\nprint(n)\n"
    "n.backward()\nprint(x.grad)",
    "v = torch.tensor([1., 2., 3.], requires_grad=True)\nw = torch.tensor([0., 1., 2.], "
    "requires_grad=True)\nc = torch.linalg.cross(v, w)\nprint(c)\nc.sum().backward()\n"
    "print(v.grad, w.grad)",
    "M = torch.tensor([[2., 1.], [1., 3.]], requires_grad=True)\nd = torch.linalg.det(M)\n"
    "print(d)\nd.backward()\nprint(M.grad)",
    "a = torch.ones(2, requires_grad=True)\nb = torch.ones(3, requires_grad=True)\n"
    "c = torch.cat([a * 2, b * 3])\nprint(c)\n(c * torch.arange(5.)).sum().backward()\n"
    "print(a.grad, b.grad)",
    "a = torch.ones(3, requires_grad=True)\ns = torch.stack([a, a * 2], dim=1)\nprint(s)\n"
    "s.sum().backward()\nprint(a.grad)",
    "x = torch.arange(6.).reshape(2, 3).requires_grad_()\ny = x[0, 1:] * 2 + x[:, 0].sum()\n"
    "print(y)\ny.sum().backward()\nprint(x.grad)",
    "x = torch.tensor([1., -2., 3.], requires_grad=True)\ny = torch.where(x > 0, x, x * 0.1)\n"
    "print(y)\ny.sum().backward()\nprint(x.grad)",
    "x = torch.tensor([1., -2., 3.], requires_grad=True)\ny = x.clamp(-1, 2)\nprint(y)\n"
    "y.sum().backward()\nprint(x.grad)",
    "x = torch.tensor([[1., 5., 3.], [4., 2., 6.]], requires_grad=True)\nm = x.max(dim=1)\n"
    "print(m)\nm.values.sum().backward()\nprint(x.grad)\nprint(x.argmax(), x.argmax(dim=0))",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\ns = torch.softmax(x, dim=0)\nprint(s)\n"
    "(s * torch.tensor([1., 0., 0.])).sum().backward()\nprint(x.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = x.cumsum(0)\nprint(y)\n"
    "y.sum().backward()\nprint(x.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = x * 2\ny += 1\nprint(y)\n"
    "y.sum().backward()\nprint(x.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = x.double()\nprint(y)\n"
    "(y * y).sum().backward()\nprint(x.grad)",
    "x = torch.ones(2, 3, requires_grad=True)\ny = x.unsqueeze(0)\nz = y.squeeze()\n"
    "print(y.shape, z.shape, y.grad_fn, z.grad_fn)",
    "x = torch.ones(2, 3, requires_grad=True)\nprint(x.view(-1).grad_fn, x.flatten().grad_fn,"
    " x.transpose(0, 1).grad_fn, x.permute(1, 0).grad_fn, x.expand(4, 2, 3).grad_fn)",
    "x = torch.tensor([1., 2.], requires_grad=True)\nprint((x @ x).grad_fn, torch.outer(x, x)"
    ".grad_fn, (x * x).sum().grad_fn, x.abs().grad_fn, x.sqrt().grad_fn, x.cos().grad_fn)",
    "x = torch.tensor([0.5, 2.], requires_grad=True)\ny = (x ** 3 + torch.exp(x) * "
    "torch.log(x)).sum()\ny.backward()\nprint(y, x.grad)",
    "x = torch.tensor(2., requires_grad=True)\ny = x ** 2\nprint(y.grad_fn.next_functions)",
]

PRINTING = [
    "print(torch.arange(30.).reshape(3, 10) * 1.5)",
    "print(torch.arange(24.).reshape(2, 3, 4) - 10)",
    "print(torch.tensor([[1e-8, 1.], [3., 4.]]))",
    "print(torch.tensor([123456789., 1.]))",
    "print(torch.tensor([-1.25, 100.5, 0.]))",
    "print(torch.arange(100) * 1000)",
    "print(torch.tensor([0.1, 0.2, 0.3]) * 3)",
    "print(torch.zeros(3), torch.zeros(2, dtype=torch.int64), -torch.zeros(2))",
    "print(torch.arange(1200.).reshape(30, 40))",
    "print(torch.tensor([[True, False], [False, True]]))",
    "print(torch.arange(6).reshape(2, 3).float().mean(0))",
    "print(torch.ones(2, 3, 2).shape, torch.ones(3).size(), torch.Size([2, 3]) if False else 1)",
    "x = torch.arange(15.).reshape(3, 5).requires_grad_()\nprint(x * 2)",
    "print(torch.ones(2, 40) / 3)",
    "print(torch.tensor(2.5, dtype=torch.float64), torch.tensor([2], dtype=torch.int32))",
    "print(torch.linspace(0, 1, 5), torch.eye(3))",
]

LEARNER = [
    "print(torch.ones(3) == 1, (torch.ones(3) == 1).all(), torch.equal(torch.ones(2), "
    "torch.ones(2)), torch.allclose(torch.ones(2), torch.ones(2) + 1e-9))",
    "a = torch.tensor([1.,2.,3.])\nb = a.numpy()\nb[0] = 10\nprint(a)\nc = torch.from_numpy(b)\n"
    "c[1] = 20\nprint(b, a)",
    "x = torch.arange(12).reshape(3, 4)\nprint(x[[0, 2], 1:], x[x % 2 == 0], x[1, -1])",
    "print(torch.tensor(3) + 2.5, torch.tensor(3) * True, torch.tensor([True]) + 1)",
    "print(torch.exp(torch.arange(4)), torch.sigmoid(torch.arange(3)), "
    "torch.sqrt(torch.arange(4)))",
    "X = torch.arange(12.).reshape(3, 4)\nprint(X.sum(dim=1), X.max(), torch.max(X, dim=1))\n"
    "print(X.argmax(dim=1), X.min(dim=0).indices, X.mean(dim=(0, 1)))",
    "x = torch.arange(4)\nprint(x.float(), x.long(), x.type(torch.float64), x.to(torch.float64))\n"
    "print(x.tolist(), type(x.tolist()[0]).__name__, x.numpy().dtype, x.type())",
    "print(torch.tensor([1, 2]) / torch.tensor([2, 4]), torch.tensor([5, 7]) // 2, "
    "torch.tensor([5, -7]) % 3)",
    "x = torch.arange(6.)\nx[0] = 5\nx[x > 3] = 0\nprint(x)\nX = torch.zeros(2, 3)\n"
    "X[:, 1] = torch.tensor([1., 2.])\nX[1] = 7\nprint(X)",
    "x = torch.tensor([1., -2., 3.])\nprint(torch.where(x > 0, x, torch.zeros(3)), x.clone(), "
    "abs(x), -x, x.abs())",
    "a = torch.tensor([1., 2.])\nprint(torch.stack([a, a]), torch.stack([a, a], dim=1), "
    "a.unsqueeze(0), a.unsqueeze(1).shape)\nprint(torch.ones(1, 3, 1).squeeze().shape, "
    "torch.ones(2, 3, 4).flatten().shape, torch.ones(2, 3).view(-1).shape)",
    "b = torch.tensor([True, False, True])\nc = torch.tensor([True, True, False])\n"
    "print(b & c, b | c, ~b, b.sum(), b.any(), b.all())",
    "print(2 ** torch.arange(4), torch.arange(4) ** 2, torch.arange(4.) ** 0.5, "
    "torch.arange(1, 4) ** -1.0)",
    "print(torch.linspace(0, 10, 5), torch.eye(2), torch.full((2, 2), 7), "
    "torch.full((2,), 1.5))",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\nprint(x.detach().numpy(), "
    "f'{x.sum().item():.2f}', f'{x.sum():.3f}', x.sum().item())",
    "X = torch.arange(6).reshape(2, 3)\nfor row in X:\n    print(row)\n"
    "print(X.shape == (2, 3), X.shape[-1], X.size(-1), list(X.shape), len(X))",
    "print(torch.dot(torch.arange(3), torch.arange(3)), torch.tensor(3.0).item(), "
    "torch.tensor([3, 1, 3]).max(), torch.tensor([2., 5., 5.]).argmax())",
    "print(torch.tensor([[1e-10, -2.5e7], [3.0, 1.0]]), torch.tensor([-1e-3, 2.5]))",
    "print(torch.tensor([0.001, 0.0001]), torch.tensor([1e8, 1.]), torch.tensor([99999.9]))",
    "print(torch.tensor([1.5, float('-inf')]), torch.tensor([float('nan')]), "
    "torch.tensor(-0.0))",
    "x = torch.ones(2, 2, requires_grad=True)\ny = (x * 2).sum()\n"
    "print(y.grad_fn.next_functions[0][0], y.grad_fn.next_functions[0][0].next_functions)",
    "x = torch.arange(4.0)\ny = x.view(2, 2)\ny[0, 0] = 100\nprint(x)\nz = x[1:3]\nz += 1\n"
    "print(x)",
    "x = torch.tensor([1., 2.], requires_grad=True)\nwith torch.no_grad():\n    x[0] = 5\n"
    "print(x)\ny = x * 1\ny[0] = 0\nprint(y)\ny.sum().backward()\nprint(x.grad)",
    "x = torch.tensor([[1., 2.], [3., 4.]])\nprint(x.T @ x, x @ x.T, x.t().mm(x), "
    "torch.matmul(x, x[0]))",
    "A = torch.ones(2, 3, 4)\nprint((A @ torch.ones(4, 5)).shape, (torch.ones(4) @ "
    "torch.ones(4, 2)).shape)",
    "print(torch.ones(2, 3).view(3, -1).shape, torch.arange(8).reshape(2, -1, 2).shape)",
    "print(torch.tensor([[1, 2], [3, 4]]).sum(0), torch.tensor([[1, 2], [3, 4]]).float()"
    ".mean(1, keepdim=True))",
    "x = torch.arange(5.)\nprint(x[-1], x[-2:], x[::2], x[[0, 4]], x[torch.tensor([1, 3])])",
    "x = torch.tensor(5.)\nprint(x.shape, x.ndim, x.numel(), x.dim(), x.size())",
    "x = torch.ones(3)\nx.requires_grad = True\ny = (x * x).sum()\ny.backward()\nprint(x.grad)",
    "x = torch.arange(3.).requires_grad_()\nprint(x.is_leaf, (x + 1).is_leaf, "
    "x.detach().requires_grad, x.grad_fn)",
    "print(torch.float32, torch.int64, torch.arange(3).dtype, torch.tensor(1.).dtype == "
    "torch.float32, torch.tensor([True]).dtype)",
    "x = torch.tensor([1.5, 2.5], requires_grad=True)\nprint(x.long(), x.int().requires_grad, "
    "x.bool(), x.double())\nz = torch.zeros(3)\nz[0] = x[0]\nprint(z)",
    "x = torch.tensor([2.], requires_grad=True)\ny = x ** 3\ny.backward(retain_graph=True)\n"
    "print(x.grad)\ny.backward()\nprint(x.grad)\nx.grad.zero_()\nprint(x.grad)",
]

# The extra elementwise ops: values, gradients, grad_fn names and dtypes.
MATH = [
    f"x = torch.tensor([0.3, -0.5, 0.8], requires_grad=True)\ny = torch.{f}(x)\n"
    "print(y)\ny.sum().backward()\nprint(x.grad)"
    for f in ("acos", "arccos", "asin", "arcsin", "atan", "arctan", "sinh", "cosh", "log1p",
              "expm1", "reciprocal", "sign", "floor", "ceil", "round", "square")
] + [
    f"x = torch.tensor([0.3, 1.5, 4.0], requires_grad=True)\ny = x.{f}()\n"
    "print(y)\ny.sum().backward()\nprint(x.grad)"
    for f in ("log2", "log10", "rsqrt", "acos", "sinh", "round", "floor")
] + [
    "a = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)\n"
    "b = torch.tensor([2.0, 1.0, -3.0], requires_grad=True)\n"
    "t = torch.atan2(a, b)\nprint(t)\nt.sum().backward()\nprint(a.grad, b.grad)\n"
    "print(torch.arctan2(b, a), a.atan2(b))",
    "print(torch.atan2(torch.tensor([1.0, 2.0]), torch.tensor(2.0)))",
    "i = torch.tensor([1, -2, 3])\nprint(torch.sign(i), torch.floor(i), torch.ceil(i), "
    "torch.round(i), torch.square(i), torch.acos(i.clamp(-1, 1)), torch.reciprocal(i))",
    "print(torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5])), "
    "torch.round(torch.tensor([1.2345, -2.5678]), decimals=2))",
    "x = torch.tensor([1.2345], requires_grad=True)\ny = x.round(decimals=1)\nprint(y)\n"
    "y.backward(torch.ones(1))\nprint(x.grad)",
    "print(torch.sign(torch.tensor([0.0, -0.0, -3.0])), torch.reciprocal(torch.tensor([0.0])))",
    "x = torch.tensor([1.0, 5.0], requires_grad=True)\ny = torch.tensor([3.0, 2.0], "
    "requires_grad=True)\nm = torch.maximum(x, y) + torch.minimum(x, y) * 2\nprint(m)\n"
    "m.sum().backward()\nprint(x.grad, y.grad)",
]

# What a chapter-2 learner reaches for next: comparisons, closeness, every norm, float32 digits.
_A = "A = torch.tensor([[1., -2, 3], [4, 5, -6]], requires_grad=True)\n"
_V = "v = torch.tensor([3., -4, 0.5], requires_grad=True)\n"
CHAPTER2_API = [
    "X = torch.arange(6.).reshape(2, 3)\n"
    "for f in ('lt', 'le', 'gt', 'ge', 'eq', 'ne', 'less', 'less_equal', 'greater', "
    "'greater_equal', 'not_equal'):\n"
    "    print(f, getattr(torch, f)(X, 2), getattr(X, f)(torch.tensor([1., 2, 9])))",
    "X = torch.arange(6.).reshape(2, 3)\nprint(torch.isclose(X, X + 1e-6), X.isclose(X * 2))\n"
    "print(torch.allclose(X, X + 1e-9), X.allclose(X + 1), torch.equal(X, X.double()), "
    "X.equal(X[0]))\nprint(torch.isclose(torch.tensor([float('nan')]), "
    "torch.tensor([float('nan')]), equal_nan=True))",
    "print(torch.isclose(torch.ones(2), torch.ones(2).double()))",
    "print(torch.allclose(torch.ones(2), 1.0))",
    "print(torch.gt(2, torch.ones(2)))",
    "print(torch.arange(6.).reshape(2, 3).sum(keepdims=True))",
    "print(torch.sum(torch.arange(6.).reshape(2, 3), keepdim=True))",
    "print(torch.arange(6.).reshape(2, 3).mean(keepdim=False))",
    "print(torch.arange(6.).reshape(2, 3).sum(axis=0, keepdims=True))",
    "print(type(torch.ones(2)), torch.Tensor, type(torch.ones(2).shape))",
    "x = torch.tensor([1.0, 2, 4, 8, 12])\nprint(torch.exp(x), x.exp().sum(), torch.log(x), "
    "torch.sin(x), torch.cos(x), torch.tanh(x), torch.sigmoid(x), x ** 2.5, 2 ** x, x ** 3)",
    "x = torch.arange(20, dtype=torch.float32).reshape(5, 4) / 7\nprint(torch.softmax(x, 1), "
    "torch.log_softmax(x, 0), torch.sqrt(x), torch.exp(x).sum())",
] + [
    _A + f"n = torch.linalg.norm(A, {o})\nprint(n)\nn.backward()\nprint(A.grad)"
    for o in ("None", "1", "-1", "2", "-2", "float('inf')", "-float('inf')", "'fro'", "'nuc'")
] + [
    _V + f"n = torch.linalg.norm(v, {o})\nprint(n)\nn.backward()\nprint(v.grad)"
    for o in ("None", "1", "-1", "2", "-2", "float('inf')", "-float('inf')", "3")
] + [
    _A + "print(torch.linalg.matrix_norm(A), torch.linalg.matrix_norm(A, 1, keepdim=True), "
    "torch.linalg.matrix_norm(A, 'nuc', dim=(1, 0)), torch.linalg.matrix_norm(A, -2))",
    _A + "print(torch.linalg.vector_norm(A, dim=1), torch.linalg.vector_norm(A, 1, dim=(0, 1)), "
    "torch.linalg.norm(A, 2, dim=1), torch.linalg.vector_norm(A, float('inf'), dim=0, "
    "keepdim=True))",
    _A + "print(torch.norm(A), torch.norm(A, 1), torch.norm(A, 'nuc'), A.norm(), "
    "torch.linalg.svdvals(A), A.amax(1), torch.amin(A, 0))",
    "print(torch.linalg.norm(torch.ones(2, 2, 2), 2))",
    "print(torch.linalg.matrix_norm(torch.ones(3)))",
    "print(torch.linalg.matrix_norm(torch.ones(2, 2), 3))",
    "print(torch.linalg.norm(torch.ones(3), 'fro'))",
    _A + "y = torch.clamp(A, min=0) + torch.where(A > 0, A, 0.) * torch.maximum(A, "
    "torch.zeros(3)) - torch.minimum(A, torch.ones(1))\nprint(y)\ny.sum().backward()\n"
    "print(A.grad)",
]

# Higher-order autograd: §2.5's "why is the second derivative more expensive", answered.
_X3 = "x = torch.tensor([1., 2, 3], requires_grad=True)\n"
HIGHER_ORDER = [
    _X3 + "g, = torch.autograd.grad((x ** 3).sum(), x, create_graph=True)\nprint(g)\n"
    "h, = torch.autograd.grad(g.sum(), x, create_graph=True)\nprint(h)\n"
    "print(torch.autograd.grad(h.sum(), x))",
    _X3 + "y = torch.tensor([1., 2], requires_grad=True)\n"
    "print(torch.autograd.grad((x ** 2).sum(), [x, y], allow_unused=True))\n"
    "print(torch.autograd.grad((x ** 2).sum(), [x, y]))",
    _X3 + "print(torch.autograd.grad((x ** 2).sum(), torch.ones(2)))",
    _X3 + "print(torch.autograd.grad(x ** 2, x))",
    _X3 + "print(torch.autograd.grad(x * 2, x, grad_outputs=torch.ones(2)))",
    _X3 + "print(torch.autograd.grad([x.sum(), (x * x).sum()], x), "
    "torch.autograd.grad(x * 2, x, torch.tensor([1., 0, 2])))",
    _X3 + "l = (x ** 3).sum()\ntorch.autograd.grad(l, x)\nprint(torch.autograd.grad(l, x))",
    _X3 + "l = (x.sin() * x).sum()\nl.backward(create_graph=True)\ng = x.grad\n"
    "print(g, g.requires_grad)\nx.grad = None\ng.sum().backward()\nprint(x.grad)",
    _X3 + "y = torch.tensor([1., 2], requires_grad=True)\nl = x.sum() * y.sum()\n"
    "l.backward(inputs=[y])\nprint(x.grad, y.grad)\nl2 = (x * 2).sum()\n"
    "l2.backward(inputs=x)\nprint(x.grad)",
    _X3 + "x.sum().backward(inputs=[])",
    _X3 + "a = x * 2\nb = a.exp().sum()\na.retain_grad()\nb.backward()\n"
    "print(a.grad, a.is_leaf, x.is_leaf, a.retains_grad, b.grad_fn.name())\n"
    "print(b.grad_fn.next_functions[0][0].name(), a.grad_fn.next_functions[0][0].name(), "
    "a.grad_fn.next_functions[1])",
    _X3 + "b = x * 3\n(b ** 2).sum().backward()\nprint(b.grad, b.is_leaf, x.grad)",
    _X3 + "F = torch.autograd.functional\nprint(F.jacobian(lambda v: v ** 2, x))\n"
    "print(F.hessian(lambda v: (v ** 3).sum(), x))\n"
    "print(F.jvp(lambda v: v.sin(), x, torch.ones(3)))\n"
    "print(F.vjp(lambda v: v.sin(), x, torch.ones(3)))\n"
    "print(F.hvp(lambda v: (v ** 3).sum(), x, torch.ones(3)))",
    _X3 + "F = torch.autograd.functional\nb = torch.tensor([4., 5, 6])\n"
    "print(F.jacobian(lambda p, q: p * q, (x, b)))\n"
    "print(F.hessian(lambda p, q: (p * q * q).sum(), (x, b)))\n"
    "print(F.jacobian(lambda v: (v.sum(), v * 2), x))",
    _X3 + "print(torch.autograd.functional.vjp(lambda v: v.sin(), x))",
    _X3 + "print(torch.autograd.functional.hessian(lambda v: v * 2, x))",
    "print(torch.func.grad(torch.sin)(torch.tensor(1.)), "
    "torch.func.grad(torch.func.grad(torch.sin))(torch.tensor(1.)), "
    "torch.func.grad(torch.func.grad(torch.func.grad(lambda v: v ** 4)))(torch.tensor(2.)))",
    _X3 + "print(torch.func.grad(lambda p, q: (p * q).sum(), argnums=(0, 1))(x, "
    "torch.tensor([4., 5, 6])))\nprint(torch.func.grad(lambda v: ((v ** 2).sum(), v.mean()), "
    "has_aux=True)(x))",
    _X3 + "print(torch.func.grad(lambda v: v * 2)(x))",
    "out, fn = torch.func.vjp(torch.sin, torch.tensor([0., 1.]))\nprint(out, fn(torch.ones(2)))\n"
    "print(torch.func.jvp(torch.sin, (torch.tensor([0., 1.]),), (torch.ones(2),)))",
    "x = torch.linspace(-2, 2, 5, requires_grad=True)\n"
    "g, = torch.autograd.grad(torch.tanh(x).sum(), x, create_graph=True)\n"
    "print(torch.autograd.grad(g.sum(), x))",
    "w = torch.tensor([[1., 2], [3, 4]], requires_grad=True)\n"
    "b = torch.tensor([0.5, -1.], requires_grad=True)\n"
    "l = torch.sigmoid(w @ torch.tensor([1., -1.]) + b).pow(2).mean()\n"
    "gw, gb = torch.autograd.grad(l, (w, b), create_graph=True)\n"
    "print(torch.autograd.grad((gw ** 2).sum() + gb.norm(), (w, b)))",
    "x = torch.tensor([[0.5, -1.], [2., 0.3]], requires_grad=True)\n"
    "y = (x.exp().sum(0) * x.mean() / x.norm()).log_softmax(0).max()\n"
    "g, = torch.autograd.grad(y, x, create_graph=True)\n"
    "print(g.detach(), torch.autograd.grad(g.pow(2).sum(), x))",
]

# The grad_fn a recorded backward pass shows, op by op (the graph lab draws these nodes).
_SECOND_ORDER_NODES = {
    "sum": "v.sum()", "sum_dim": "v.sum(1)", "mean": "v.mean()", "mean_dim": "v.mean(0)",
    "view": "v.reshape(3, 2)", "t": "v.t()", "transpose": "v.transpose(0, 1)",
    "permute": "v.permute(1, 0)", "unsqueeze": "v.unsqueeze(0)",
    "squeeze": "v.unsqueeze(0).squeeze()", "expand": "v[0:1].expand(3, 3)", "select": "v[1]",
    "slice": "v[:, 1:]", "index": "v[[0, 1, 1]]", "cat": "torch.cat([v, v * 1])",
    "stack": "torch.stack([v, v * 1])", "cumsum": "v.cumsum(1)",
    "where": "torch.where(v > 0, v, 0.)", "max_dim": "v.max(1).values", "tanh": "v.tanh()",
    "sigmoid": "v.sigmoid()", "relu": "v.relu()", "softmax": "v.softmax(1)",
    "log_softmax": "v.log_softmax(1)", "neg": "-v", "rsub": "1 - v", "to": "v.double()",
    "amax": "v.amax(1)", "abs": "v.abs()",
}
SECOND_ORDER_NODES = [
    "v = torch.tensor([[1., -2, 3], [4, 5, -6]], requires_grad=True)\n"
    f"y = {expr}\nu = torch.arange(1., y.numel() + 1).reshape(y.shape).requires_grad_()\n"
    "g, = torch.autograd.grad(y, v, u, create_graph=True)\n"
    f"print({name!r}, g.grad_fn.name() if g.grad_fn else None, g)"
    for name, expr in _SECOND_ORDER_NODES.items()
]


# var/std/prod/trace/diag/repeat/tan/exp2/rad2deg: values, gradients, grad_fn, errors.
STATISTICS = [
    'torch.manual_seed(0)\nprint(torch.randn(3))\nprint(torch.randn(3))',
    'torch.manual_seed(0)\nprint(torch.rand(2, 3), torch.randint(0, 10, (5,)))',
    'torch.manual_seed(0)\nprint(torch.randint(10, (3,)), torch.randint(2, 5, (2, 2)), '
    'torch.randint(10, size=(4,)))',
    'torch.manual_seed(42)\nw = torch.normal(0, 0.01, size=(2, 1), requires_grad=True)\nprint(w)',
    'torch.manual_seed(1)\nX = torch.randn(20, 2)\nprint(X[:3], X.mean(0))',
    'torch.manual_seed(3)\nprint(torch.randn(2, 2, dtype=torch.float64))',
    'g = torch.Generator().manual_seed(0)\nprint(torch.randn(3, generator=g))',
    'x = torch.arange(-3, 4)\nprint(x.clamp(-1.5, 2.5), x.clamp(0, 2))',
    'x = torch.tensor([1, 2, 3])\nprint(x ** -1)',
    "print(torch.tensor('a'))",
    'x = torch.ones(2, dtype=torch.int64, requires_grad=True)',
    'x = torch.tensor([0.3, -1.2, 2.0], requires_grad=True)\n'
    'y = torch.erf(x)\ny.sum().backward()\nprint(y, x.grad)',
    'x = torch.arange(6.).reshape(2, 3)\n'
    'print(x.var(), x.std(), x.var(0), x.std(1), x.var(1, keepdim=True), x.std(di'
    'm=0, correction=0), x.var(1, True), x.var(1, unbiased=False), torch.var(x), '
    'torch.std(x, 0))',
    'x = torch.arange(6.).reshape(2, 3)\n'
    'print(x.var(keepdim=True), x.std(axis=1), torch.var(x, dim=(0, 1)))',
    'print(torch.var(torch.arange(3)))',
    'x = torch.tensor([[1., 2., 4.], [0.5, -1., 3.]], requires_grad=True)\n'
    'y = x.var(1)\n'
    'print(y)\n'
    'y.sum().backward()\n'
    'print(x.grad)',
    'x = torch.tensor([[1., 2., 4.], [0.5, -1., 3.]], requires_grad=True)\n'
    'y = x.std()\n'
    'print(y)\n'
    'y.backward()\n'
    'print(x.grad)',
    'x = torch.tensor([[1., 2., 4.], [0.5, -1., 3.]], requires_grad=True)\n'
    'g, = torch.autograd.grad(x.var(), x, create_graph=True)\n'
    'print(g)\n'
    'print(torch.autograd.grad(g.pow(2).sum(), x))',
    'print(torch.prod(torch.arange(1, 5)), torch.arange(1., 7.).reshape(2, 3).pro'
    'd(1), torch.arange(1., 7.).reshape(2, 3).prod(0, keepdim=True))',
    'x = torch.tensor([[0., 2., 3.], [1., 0., 0.], [2., 3., 4.]], requires_grad=True)\n'
    'y = x.prod(1)\n'
    'print(y)\n'
    'y.sum().backward()\n'
    'print(x.grad)',
    'x = torch.tensor([0., 2., 3.], requires_grad=True)\n'
    'y = x.prod()\n'
    'print(y)\n'
    'y.backward()\n'
    'print(x.grad)',
    'x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n'
    'y = x.trace()\n'
    'print(y, torch.trace(x))\n'
    'y.backward()\n'
    'print(x.grad)',
    'print(torch.trace(torch.arange(6).reshape(2, 3)))',
    'print(torch.trace(torch.ones(3)))',
    'v = torch.tensor([1., 2., 3.], requires_grad=True)\n'
    'D = torch.diag(v)\n'
    'print(D)\n'
    '(D * torch.arange(9.).reshape(3, 3)).sum().backward()\n'
    'print(v.grad)',
    'A = torch.arange(12.).reshape(3, 4).requires_grad_()\n'
    'd = torch.diag(A)\n'
    'print(d, A.diag())\n'
    '(d * torch.tensor([1., 2., 3.])).sum().backward()\n'
    'print(A.grad)',
    'print(torch.diag(torch.ones(2, 2, 2)))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = x.repeat(2, 3)\n'
    'print(y)\n'
    '(y * torch.arange(12.).reshape(2, 6)).sum().backward()\n'
    'print(x.grad)',
    'x = torch.arange(6).reshape(2, 3)\n'
    'print(x.repeat(2, 1), x.repeat((1, 2)), x.repeat(2, 1, 1).shape)',
    'print(torch.ones(2, 3).repeat(2))',
    'x = torch.tensor([0.1, 0.5, -0.7], requires_grad=True)\n'
    'y = torch.tan(x)\n'
    'print(y, x.tan())\n'
    'y.sum().backward()\n'
    'print(x.grad)',
    'x = torch.tensor([0.1, 0.5, -0.7, 3.], requires_grad=True)\n'
    'y = torch.exp2(x)\n'
    'print(y)\n'
    'y.sum().backward()\n'
    'print(x.grad)',
    'print(torch.exp2(torch.tensor([1, 2])), torch.tan(torch.tensor([1, 2])), tor'
    'ch.rad2deg(torch.tensor([1., 3.1416])), torch.deg2rad(torch.tensor([180., 90'
    '.])), torch.rad2deg(torch.tensor([1, 2])))',
    'x = torch.tensor(0.4, requires_grad=True)\n'
    'd1, = torch.autograd.grad(torch.tan(x), x, create_graph=True)\n'
    'd2, = torch.autograd.grad(d1, x)\n'
    'print(d1, d2)',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    "for e in ['x.var()', 'x.std()', 'x.prod()', 'x.prod(0)', 'torch.diag(x)', 'x"
    ".repeat(2)', 'x.tan()', 'x.exp2()', 'x.rad2deg()', 'torch.ones(2, 2, require"
    "s_grad=True).trace()', 'torch.ones(2, 2, requires_grad=True).diag()']:\n"
    '    print(e, eval(e).grad_fn)',
    'x = torch.tensor([3.])\n'
    'print(x.var(), x.std())',
]

# torch.einsum: the forms D2L and a learner write, gradients to third order, errors
EINSUM = [
    "A = torch.arange(6.).reshape(2, 3)\nB = torch.arange(12.).reshape(3, 4)\n"
    "print(torch.einsum('ij,jk->ik', A, B))\nprint(torch.einsum('ij,jk', A, B))\n"
    "print(torch.einsum('ij,jk->ik', [A, B]))\nprint(torch.einsum('ij->ji', A))",
    "S = torch.arange(9.).reshape(3, 3)\nprint(torch.einsum('ii->i', S), torch.einsum('ii', S))\n"
    "v = torch.tensor([1., 2., 3.])\n"
    "print(torch.einsum('i,i->', v, v), torch.einsum('i,j->ij', v, v))",
    "X = torch.arange(24.).reshape(2, 3, 4)\nY = torch.arange(16.).reshape(2, 4, 2)\n"
    "print(torch.einsum('bij,bjk->bik', X, Y))\nprint(torch.einsum('...ij->...ji', X).shape)\n"
    "print(torch.einsum('bij->bj', X))",
    "A = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n"
    "B = torch.tensor([[0.5, -1.], [2., 1.]], requires_grad=True)\n"
    "y = torch.einsum('ij,jk->ik', A, B)\nprint(y)\ny.sum().backward()\nprint(A.grad, B.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
    "for eq in ['i,i->', 'i,j->ij', 'i,i->i', 'i->', 'i']:\n"
    "    out = torch.einsum(eq, x, x) if ',' in eq else torch.einsum(eq, x)\n"
    "    print(eq, out.grad_fn)\n"
    "    out.sum().backward()\n    print(x.grad)\n    x.grad = None",
    "S = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n"
    "torch.einsum('ii', S).backward()\nprint(S.grad)\nS.grad = None\n"
    "torch.einsum('ii->i', S).sum().backward()\nprint(S.grad)",
    "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
    "y = torch.einsum('i,i->', x, x)\n"
    "g, = torch.autograd.grad(y, x, create_graph=True)\nprint(g)\n"
    "h, = torch.autograd.grad(g.sum(), x)\nprint(h)",
    "A = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n"
    "f = torch.einsum('ij,jk,ki->', A, A, A)\nprint(f)\n"
    "g, = torch.autograd.grad(f, A, create_graph=True)\nprint(g)\n"
    "h, = torch.autograd.grad(g.sum(), A)\nprint(h)",
    "print(torch.einsum('i,i->', torch.tensor([1, 2]), torch.tensor([3, 4])))\n"
    "print(torch.einsum('ij->j', torch.arange(6).reshape(2, 3)))",
    "print(torch.einsum('i,i->', torch.tensor([1., 2.]), torch.tensor([3, 4])))",
    "print(torch.einsum('ij,jk->ik', torch.ones(2, 3), torch.ones(2, 4)))",
    "print(torch.einsum('ij->k', torch.ones(2, 3)))",
    "print(torch.einsum('ij', torch.ones(3)))",
    "print(torch.einsum('ij->ii', torch.ones(2, 2)))",
    "print(torch.einsum('i.j', torch.ones(2, 2)))",
    "print(torch.einsum('ij,jk->ik', torch.ones(2, 3)))",
    "print(torch.einsum('i->i', torch.ones(2), torch.ones(2)))",
    "print(torch.einsum('i1', torch.ones(2, 2)))",
    "print(torch.einsum('ii', torch.ones(2, 3)))",
    "print(torch.einsum('iJ', torch.arange(6.).reshape(2, 3)))\n"
    "print(torch.einsum('...', torch.ones(2)), torch.einsum('->', torch.tensor(3.)))",
    "x = torch.randn(2, 3, 4)\n"
    "print(torch.allclose(torch.einsum('bij,bjk->bik', x, x.transpose(1, 2)),\n"
    "                     x @ x.transpose(1, 2)))",
    "A = torch.ones(2, 3, requires_grad=True)\n"
    "print(torch.einsum('ij,ij->', A, A).grad_fn, torch.einsum('ij->', A).grad_fn,\n"
    "      torch.einsum('ij,i->ij', A, torch.ones(2)).grad_fn)",
]

# NumPy data in torch.tensor (dtypes promoted as PyTorch infers them) and the norms'
# argument errors
NUMPY_DATA = [
    'print(torch.tensor([np.float64(1.)]).dtype, torch.tensor(np.float64(1.)).dtype)',
    'print(torch.tensor([np.float32(1.)]).dtype, torch.tensor(np.float32(1.)).dtype)',
    'print(torch.tensor([np.int64(1)]).dtype, torch.tensor(np.int64(1)).dtype)',
    'print(torch.tensor([np.int32(1)]).dtype, torch.tensor(np.int32(1)).dtype)',
    'print(torch.tensor([np.bool_(True)]).dtype, torch.tensor(np.bool_(True)).dtype)',
    'print(torch.tensor([1., np.float64(2.)]).dtype, torch.tensor([np.float64(2.), 1.]).dtype)',
    'print(torch.tensor([1, np.float64(2.)]).dtype, torch.tensor([np.float32(2.), 1.]).dtype)',
    'print(torch.tensor([np.float32(2.), np.float64(1.)]).dtype,\n'
    '      torch.tensor([np.int64(2), 1.5]).dtype)',
    'print(torch.tensor([np.int32(2), np.int64(1)]).dtype, torch.tensor([np.int32(2), 1]).dtype)',
    'print(torch.tensor([[np.float64(1.), 2.], [3., 4.]]).dtype)',
    'print(torch.tensor([np.float16(1.)]).dtype, torch.tensor(np.float16(1.)).dtype,\n'
    '      torch.tensor([np.uint8(1)]).dtype)',
    'print(torch.tensor([np.int8(1), True]).dtype, torch.tensor([True, np.float32(1.)]).dtype)',
    'print(torch.tensor([np.float64(1.)], dtype=torch.float32).dtype)',
    'print(torch.tensor([np.float64(1.5)]))\n'
    'print(torch.tensor(np.float64(1.5)))',
    'print(torch.tensor([np.array(1.), 2.]).dtype)',
    'print(torch.tensor([np.array([1., 2.]), np.array([3., 4.])]).dtype)',
    'print(torch.tensor([np.array([1., 2.], np.float32), np.array([3., 4.])]).dtype)',
    'x = np.float64(2.)\n'
    'print(torch.tensor([x, x]) * 2)',
    'print(torch.as_tensor([np.float64(1.)]).dtype, torch.as_tensor(np.float64(1.)).dtype)',
    'print(torch.tensor(np.float64(1.)).shape, torch.tensor([np.float64(1.)]).shape)',
    'print(torch.tensor([np.int64(3), np.float32(1.)]).dtype)',
    'print(torch.tensor([np.float32(1.), 2]).dtype, torch.tensor([2, np.float32(1.)]).dtype)',
    'print(torch.tensor([np.uint8(1), np.int8(1)]).dtype)',
    'print(torch.tensor([np.float64(1.), torch.tensor(2.)]).dtype)',
    'print(torch.tensor(np.array([1, 2], dtype=np.int32)).dtype, torch.tensor(np.arange(3)).dtype)',
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    'print(torch.linalg.matrix_norm(A, ord=None))',
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    'print(torch.linalg.matrix_norm(A, ord=3))',
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    "print(torch.linalg.matrix_norm(A, ord='abc'))",
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    'print(torch.linalg.norm(A, ord=3))',
    'A = torch.tensor([1., -2., 3.])\n'
    'print(torch.linalg.matrix_norm(A))',
    'A = torch.tensor([1., -2., 3.])\n'
    'print(torch.linalg.vector_norm(A, ord=None))',
    'A = torch.tensor([1., -2., 3.])\n'
    "print(torch.linalg.vector_norm(A, ord='fro'))",
    'A = torch.tensor([1., -2., 3.])\n'
    "print(torch.linalg.norm(A, ord='fro'))",
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    "print(torch.linalg.norm(A, ord=None), torch.linalg.norm(A, 'nuc'), torch.linalg.norm(A, 2))",
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    'print(torch.linalg.matrix_norm(A, None))',
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    'print(torch.linalg.matrix_norm(A, ord=None, dim=(0, 1)))',
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    'print(torch.linalg.vector_norm(A, None))',
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    "print(torch.linalg.vector_norm(A, 1), torch.linalg.vector_norm(A, ord=float('inf'), dim=1),\n"
    "      torch.linalg.vector_norm(A, 0))",
    'A = torch.tensor([[1., -2., 3.], [4., 0., -1.]])\n'
    "for o in [1, -1, 2, -2, float('inf'), -float('inf'), 'fro', 'nuc']:\n"
    '    print(o, torch.linalg.matrix_norm(A, o), torch.linalg.norm(A, o))',
    'v = torch.tensor([3., -4., 0.5])\n'
    "for o in [1, -1, 2, -2, float('inf'), -float('inf'), 0, 3, 0.5]:\n"
    '    print(o, torch.linalg.norm(v, o), torch.linalg.vector_norm(v, o))',
    'print(torch.tensor([np.float32(1.5), np.float32(2.5)]) * 2, torch.tensor(np.int32(7)) + 1)',
    'x = torch.tensor([np.float64(0.1), 0.2], requires_grad=True)\n'
    'y = (x * x).sum()\n'
    'y.backward()\n'
    'print(y, x.grad)',
]

# Tensors meeting NumPy arrays, lists and NumPy scalars in operators (PyTorch lets NumPy
# compute t + a, and refuses a + t)
NUMPY_OPERANDS = [
    't = torch.tensor([1., 2.])\n'
    'a = np.array([1., 3.])\n'
    'print(t + a, t - a, t * a, t / a)\n'
    'print(t ** a, t @ a, t // a, t % a)',
    't = torch.tensor([1., 2.])\n'
    'a = np.array([1., 3.])\n'
    'print(a / t, t == a, a == t)\n'
    'print(t != a, a != t)',
    'print(np.array([1., 2.]) + torch.tensor([1., 2.]))',
    'print(np.array([1., 2.]) * torch.tensor([1., 2.]))',
    'print(np.array([1., 2.]) - torch.tensor([1., 2.]))',
    'print(np.array([1., 2.]) ** torch.tensor([1., 2.]))',
    'print(np.ones((2, 2)) @ torch.ones(2))',
    'print(np.array([1., 2.]) < torch.tensor([1., 2.]))',
    'print(torch.tensor([1., 2.]) >= np.array([1., 2.]))',
    'a = np.array([1., 2.])\n'
    'a += torch.tensor([1., 2.])',
    'a = np.array([1., 2.])\n'
    'a *= torch.tensor([1., 2.])',
    'a = np.array([1., 2.])\n'
    'a /= torch.tensor([1., 2.])\n'
    'print(type(a).__name__, a)',
    't = torch.tensor([1., 2.])\n'
    't += np.array([1., 3.])\n'
    'print(t)\n'
    't *= np.array([2., 2.])\n'
    'print(t)',
    't = torch.tensor([1., 2.], requires_grad=True)\n'
    'print(t + np.array([1., 3.]))',
    't = torch.tensor([1., 2.], requires_grad=True)\n'
    'print(np.array([1., 3.]) / t)',
    't = torch.tensor([1., 2.], requires_grad=True)\n'
    'print(t == np.array([1., 3.]))',
    'for dt in [torch.float32, torch.float64, torch.int64, torch.int32, torch.bool]:\n'
    '    t = torch.tensor([1, 0], dtype=dt)\n'
    '    for a in [np.array([1., 2.]), np.array([1., 2.], np.float32), np.array([1, 2]),\n'
    '              np.array([1, 2], np.int32), np.array(2.), np.array(2),'
    ' np.array([True, False])]:\n'
    '        print(dt, a.dtype, (t + a).dtype, (t * a).dtype, (t / a).dtype, (a / t).dtype)',
    'print(torch.tensor([True, False]) + np.array([True, True]))',
    'print(torch.tensor([1., 2.]) + [1., 2.])',
    'print([1., 2.] + torch.tensor([1., 2.]))',
    'print(torch.tensor([1., 2.]) * (1, 2))',
    'print(torch.tensor([1., 2.]) ** [1, 2])',
    'print(torch.tensor([1., 2.]) < [1., 2.])',
    'print(torch.tensor([1., 2.]) == [1., 2.], torch.tensor([1., 2.]) != None)',
    'print(torch.tensor([1., 2.]) + None)',
    'print(torch.tensor([1., 2.]) @ [1., 2.])',
    't = torch.tensor([1., 2.])\n'
    't += [1., 1.]',
    't = torch.tensor([1, 2])\n'
    'print(t * np.float64(2.5), np.float32(2.) * t, t + np.int64(3), t * np.bool_(True))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = (x * np.float64(3.)).sum()\n'
    'y.backward()\n'
    'print(y, x.grad)',
    'print(torch.ones(2, 2) @ np.ones(2), torch.tensor([2]) / np.array([1, 2]))',
]

# D2L §2.6: torch.multinomial and torch.distributions' Multinomial/Categorical, PyTorch's
# draws for the same seed
PROBABILITY = [
    'torch.manual_seed(0)\n'
    'fair_probs = torch.ones([6]) / 6\n'
    'print(torch.distributions.multinomial.Multinomial(1, fair_probs).sample())\n'
    'print(torch.distributions.multinomial.Multinomial(10, fair_probs).sample())',
    'torch.manual_seed(1)\n'
    'fair_probs = torch.ones([6]) / 6\n'
    'counts = torch.distributions.multinomial.Multinomial(1000, fair_probs).sample()\n'
    'print(counts / 1000)',
    'torch.manual_seed(2)\n'
    'fair_probs = torch.ones([6]) / 6\n'
    'counts = torch.distributions.multinomial.Multinomial(10, fair_probs).sample((500,))\n'
    'cum_counts = counts.cumsum(dim=0)\n'
    'estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)\n'
    'print(estimates[-1], estimates[:3], estimates.shape)',
    'torch.manual_seed(3)\n'
    'fair_probs = torch.tensor([0.5, 0.5])\n'
    'print(torch.distributions.multinomial.Multinomial(100, fair_probs).sample())\n'
    'print(torch.distributions.multinomial.Multinomial(100, fair_probs).sample() / 100)\n'
    'counts = torch.distributions.multinomial.Multinomial(10000, fair_probs).sample()\n'
    'print(counts / 10000)',
    'torch.manual_seed(4)\n'
    'fair_probs = torch.tensor([0.5, 0.5])\n'
    'counts = torch.distributions.multinomial.Multinomial(1, fair_probs).sample((10000,))\n'
    'cum_counts = counts.cumsum(dim=0)\n'
    'estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)\n'
    'estimates = estimates.numpy()\n'
    'print(estimates[-1], estimates[:4])',
    'torch.manual_seed(5)\n'
    'print(torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 6, replacement=True))\n'
    'print(torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 1))\n'
    'print(torch.multinomial(torch.tensor([0.2, 0.3, 0.5]), 3))\n'
    'print(torch.multinomial(torch.tensor([[1., 2.], [3., 0.]]), 4, True))\n'
    'print(torch.multinomial(torch.tensor([[1., 2.], [3., 0.]], dtype=torch.float64), 1))',
    'm = torch.distributions.multinomial.Multinomial(10, torch.tensor([0.2, 0.8]))\n'
    'print(m, m.batch_shape, m.event_shape, m.logits, m.mean, m.variance)\n'
    'print(m.log_prob(torch.tensor([3., 7.])))',
    'c = torch.distributions.Categorical(torch.tensor([1., 3.]))\n'
    'print(c, c.probs, c.logits, c.batch_shape, c.event_shape)\n'
    'print(torch.distributions.Categorical(logits=torch.tensor([0., 1.])).probs)',
    'torch.manual_seed(6)\n'
    'm = torch.distributions.Multinomial(10, torch.tensor([[0.2, 0.8], [0.5, 0.5]]))\n'
    'print(m.sample(), m.sample((2,)).shape, m.batch_shape)',
    'torch.manual_seed(7)\n'
    'c = torch.distributions.Categorical(torch.tensor([0.2, 0.3, 0.5]))\n'
    'print(c.sample(), c.sample((2, 3)))',
    'print(torch.distributions.multinomial.Multinomial(10))',
    'print(torch.distributions.multinomial.Multinomial(2.5, torch.tensor([0.2, 0.8])))',
    'print(torch.distributions.multinomial.Multinomial(10, torch.tensor([0.2, 0.8])).sample(3))',
    'print(torch.distributions.multinomial.Multinomial(10, torch.tensor(0.5)))',
    'print(torch.multinomial(torch.tensor([1, 2]), 2))',
    'print(torch.multinomial(torch.tensor([0.2, 0.8]), 3))',
    'print(torch.multinomial(torch.tensor([0.2, 0.8]), 0))',
    'print(torch.multinomial(torch.tensor([0., 0.]), 2, True))',
    'print(torch.multinomial(torch.tensor([0., 0.]), 1))',
    'print(torch.multinomial(torch.tensor([-1., 2.]), 2, True))',
    'print(torch.multinomial(torch.tensor([-1., 2.]), 1))',
    'print(torch.multinomial(torch.ones(2, 2, 2), 1))',
    'torch.distributions.multinomial.Multinomial(1, torch.tensor([0.5, -0.6]))',
    'print(torch.distributions.Multinomial, torch.distributions.Categorical)\n'
    'print(type(torch.distributions.Multinomial(2, torch.tensor([0.5, 0.5]))))',
    'print(torch.distributions.Multinomial(10, torch.tensor([1, 3])).probs)',
    'print(torch.distributions.Multinomial(10, torch.tensor([0.2, 0.8]),'
    ' validate_args=False).sample().dtype)\n'
    'print(torch.distributions.Multinomial(3, torch.tensor([0.2, 0.8],'
    ' dtype=torch.float64)).sample().dtype)',
    'fair_probs = torch.ones([6]) / 6\n'
    'print(fair_probs)\n'
    's = torch.distributions.multinomial.Multinomial(1, fair_probs).sample()\n'
    'print(s.shape, s.dtype, s.sum())',
    'fair_probs = torch.ones([6]) / 6\n'
    's = torch.distributions.multinomial.Multinomial(10, fair_probs).sample()\n'
    'print(s.shape, s.sum())',
    'fair_probs = torch.ones([6]) / 6\n'
    'counts = torch.distributions.multinomial.Multinomial(1000, fair_probs).sample()\n'
    'print((counts / 1000).shape)',
    'fair_probs = torch.ones([6]) / 6\n'
    'counts = torch.distributions.multinomial.Multinomial(10, fair_probs).sample((500,))\n'
    'cum_counts = counts.cumsum(dim=0)\n'
    'estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)\n'
    'print(estimates.shape, cum_counts[-1].sum())',
    'fair_probs = torch.tensor([0.5, 0.5])\n'
    'print(torch.distributions.multinomial.Multinomial(100, fair_probs).sample().sum())',
    'print(torch.distributions.Multinomial)',
    'm = torch.distributions.multinomial.Multinomial(1, torch.tensor([0.2, 0.8]))\n'
    'print(m.total_count, m.probs, m.mean, m.variance)',
    'print(torch.multinomial(torch.tensor([0.2, 0.8]), 4, replacement=True).shape)',
    'd = torch.distributions.Categorical(torch.tensor([0.1, 0.9]))\n'
    'print(d.sample((4,)).shape, d.probs, d.log_prob(torch.tensor(1)))',
    'print(torch.distributions.multinomial.Multinomial(1, torch.tensor([0.5, 0.6])).probs)',
    'torch.distributions.multinomial.Multinomial(1, torch.tensor([0.5, -0.6]))',
]

# torch.einsum with subscript lists, and its argument errors
EINSUM_SUBLISTS = [
    'A = torch.arange(6.).reshape(2, 3)\n'
    'B = torch.arange(12.).reshape(3, 4)\n'
    'print(torch.einsum(A, [0, 1], B, [1, 2], [0, 2]))\n'
    'print(torch.einsum(A, [0, 1], B, [1, 2]))\n'
    'print(torch.einsum(A, [..., 1], [1, ...]))\n'
    'print(torch.einsum(A, [30, 1]))',
    'print(torch.einsum(torch.ones(2, 2), [0, 52]))',
    'print(torch.einsum(torch.ones(2, 2), [0, -1]))',
    "print(torch.einsum(torch.ones(2, 2), ['a', 1]))",
    'print(torch.einsum(torch.ones(2, 2)))',
    'print(torch.einsum())',
    "print(torch.einsum('ij'))",
    'A = torch.ones(2, 3, requires_grad=True)\n'
    'y = torch.einsum(A, [0, 1], A, [0, 1], [])\n'
    'y.backward()\n'
    'print(y, A.grad)',
]

# D2L chapter-2 exercises a learner works through (both editions), and what they reach for
EXERCISES = [
    'A = torch.arange(6.).reshape(2, 3)\n'
    'B = A + 10\n'
    'C = A + 20\n'
    'T = torch.stack([A, B, C])\n'
    'print(T.shape, T[1] == B)\n'
    'T2 = torch.stack([A, B, C], dim=2)\n'
    'print(T2.shape, torch.equal(T2[:, :, 1], B))',
    'def f(a):\n'
    '    b = a * 2\n'
    '    while b.norm() < 1000:\n'
    '        b = b * 2\n'
    '    if b.sum() > 0:\n'
    '        c = b\n'
    '    else:\n'
    '        c = 100 * b\n'
    '    return c\n'
    'a = torch.tensor([[0.3, -0.4], [1., 2.]], requires_grad=True)\n'
    'd = f(a)\n'
    'd.backward()',
    'x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n'
    'y = x ** 2\n'
    'y.backward(torch.ones(2))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = x ** 2\n'
    'y.backward(torch.ones(2, 1))',
    'x = torch.arange(4.0, requires_grad=True)\n'
    'print(x.grad.zero_())',
    'x = torch.linspace(-5, 5, 7, requires_grad=True)\n'
    'y = torch.sin(x)\n'
    'y.sum().backward()\n'
    'print(x.grad)\n'
    'print(torch.cos(x.detach()))\n'
    'print(torch.allclose(x.grad, torch.cos(x)))',
    'x = torch.tensor(2.0, requires_grad=True)\n'
    'y = x ** 3\n'
    'g, = torch.autograd.grad(y, x, create_graph=True)\n'
    'g2, = torch.autograd.grad(g, x)\n'
    'print(g, g2)',
    'x = torch.tensor([1., 2., 3.], requires_grad=True)\n'
    'y = x.exp().sum()\n'
    'grad, = torch.autograd.grad(y, x, create_graph=True)\n'
    'print(grad)\n'
    'hess = [torch.autograd.grad(grad[i], x, retain_graph=True)[0] for i in range(3)]\n'
    'print(torch.stack(hess))',
    'x = torch.tensor([0.5, 1.5], requires_grad=True)\n'
    'f = lambda x: (x ** 3).sum()\n'
    'print(torch.autograd.functional.hessian(f, x))\n'
    'print(torch.autograd.functional.jacobian(lambda x: x ** 2, x))',
    'x = torch.tensor(1.0, requires_grad=True)\n'
    'y = torch.tensor(2.0, requires_grad=True)\n'
    'z = x * y + y ** 2\n'
    'z.backward()\n'
    'print(x.grad, y.grad, z.grad_fn, z.grad_fn.next_functions)',
    'X = torch.arange(12, dtype=torch.float32).reshape(3, 4)\n'
    'print(X.sum(dim=(0, 1), keepdim=True), X.amax(1), X.mean(dtype=torch.float64))',
    'X = torch.arange(12).reshape(3, 4)\n'
    'print(X.sum(axis=1, keepdims=True), X.float().norm(dim=1))\n'
    "print(torch.linalg.norm(X.float(), ord=1), torch.linalg.norm(X.float(), ord=float('inf')))",
    'x = torch.tensor([1.0, 2, 4, 8])\n'
    'y = torch.tensor([2, 2, 2, 2])\n'
    'print(x // y, x % y, -x, abs(-x), x.neg(), y.float() ** 0.5)',
    'x = torch.arange(12)\n'
    'x[x > 5] = 0\n'
    'print(x)\n'
    'x[[1, 2]] = torch.tensor([7, 8])\n'
    'print(x, x.clamp(1, 6), torch.where(x > 3, x, -x))',
    'A = torch.tensor([[1., 2.], [3., 4.]])\n'
    'print(torch.linalg.det(A), torch.linalg.inv(A), A.trace(), torch.diag(A), A.diag())',
    'A = torch.tensor([[1., 2.], [3., 4.]])\n'
    "print(torch.linalg.matrix_norm(A), torch.linalg.matrix_norm(A, 'nuc'),"
    ' torch.linalg.svdvals(A))',
    'print(torch.eye(3), torch.zeros(2, 2, dtype=torch.bool), torch.linspace(0, 1,'
    ' 5), torch.logspace(0, 2, 3))',
    'x = torch.tensor([3., 4.])\n'
    "print(x.norm(p=1), x.norm(p=float('inf')), torch.norm(x, p=2), x.norm(2))",
    'x = torch.randn(3)\n'
    'print(x.shape, x.dtype, x.requires_grad, x.device)',
    'x = torch.ones(2, 3)\n'
    'print(x.unsqueeze(0).shape, x.squeeze().shape, x.flatten(), x.view(-1),'
    ' x.permute(1, 0).shape, x.transpose(0, 1).shape)',
    'x = torch.arange(6).reshape(2, 3)\n'
    'print(x.tolist(), x.numpy(), x.item() if x.numel() == 1 else x[0, 0].item())',
    'x = torch.tensor([1., 2.])\n'
    'print(x.to(torch.float64), x.half() if False else x.dtype, x.int().dtype, x.bool())',
    'print(torch.cat([torch.ones(2), torch.zeros(3)]), torch.hstack([torch.ones(2),'
    ' torch.zeros(1)]), torch.vstack([torch.ones(2), torch.zeros(2)]))',
    'print(torch.tensor([[1, 2], [3, 4]]).T @ torch.tensor([1, 1]))',
    'print(torch.tensor([1, 2]) @ torch.tensor([1., 1.]))',
    'x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n'
    'y = (x @ x).trace()\n'
    'y.backward()\n'
    'print(y, x.grad)',
    'print(torch.linspace(0, 1, 11, dtype=torch.float64), torch.linspace(-1, 1, 4,'
    ' dtype=torch.float64).dtype)',
    'print(torch.logspace(0, 2, 5), torch.logspace(0, 3, 4, base=2),'
    ' torch.logspace(-2, 2, 5, dtype=torch.float64))',
    'a = torch.tensor([[1., 2.]], requires_grad=True)\n'
    'b = torch.tensor([[3., 4.]])\n'
    'print(torch.hstack([a, b]), torch.vstack([a, b]), torch.vstack([torch.ones(2),'
    ' torch.zeros(2)]).shape)\n'
    'print(torch.hstack((torch.tensor(1.), torch.tensor([2., 3.]))))',
    'print(torch.linspace(0, 1, 10))',
]

# What else a chapter-2 learner reaches for: truth tests, reversal, triangles, tiling,
# unique values and sort orders
MORE_API = [
    'b = torch.tensor([True, False])\n'
    'print(torch.all(b), torch.any(b), torch.all(torch.tensor([[True, False], [True,'
    ' True]]), dim=1), torch.all(torch.tensor([1, 2])), torch.any(torch.tensor([0.,'
    ' 0.])), torch.all(torch.tensor([1, 0]), 0, keepdim=True))',
    "x = torch.tensor([[1., float('nan')], [float('inf'), -2.]])\n"
    'print(torch.isnan(x), torch.isinf(x), torch.isfinite(x), x.isnan(), x.isnan().any())',
    'b = torch.tensor([True, False])\n'
    'print(torch.logical_and(b, torch.tensor([True, True])),'
    ' torch.logical_or(torch.tensor([0, 1]), torch.tensor([0., 0.])),'
    ' torch.logical_not(torch.tensor([0., 2.])), torch.logical_xor(b, b))',
    'y = torch.arange(6.).reshape(2, 3).requires_grad_()\n'
    'print(torch.flip(y, [0]), y.flip(1), torch.flip(y, (0, 1)), y.flip(0, 1))\n'
    'print(torch.triu(y), torch.tril(y, -1), y.triu(1))',
    'print(torch.broadcast_to(torch.tensor([1, 2]), (2, 2)),'
    ' torch.tile(torch.tensor([1, 2]), (2,)), torch.tile(torch.tensor([[1, 2]]), (2, 2)))',
    'print(torch.unique(torch.tensor([3, 1, 2, 3, 1])),'
    ' torch.unique(torch.tensor([3, 1, 2, 3]), return_counts=True),'
    ' torch.tensor([2., 1., 2.]).unique())\n'
    'print(torch.argsort(torch.tensor([3, 1, 2])), torch.argsort(torch.tensor([3, 1,'
    ' 2]), descending=True), torch.tensor([[3, 1], [0, 5]]).argsort(dim=0))',
    'print(torch.count_nonzero(torch.tensor([0, 1, 2])),'
    ' torch.nonzero(torch.tensor([0, 1, 2])), torch.tensor([[0, 1], [1, 0]]).nonzero())',
    'y = torch.arange(6.).reshape(2, 3)\n'
    'print(torch.flip(y, 2))',
    'print(torch.triu(torch.ones(3)))',
    'print(torch.broadcast_to(torch.ones(2), (3,)))',
    'print(torch.all(torch.ones(2), dim=2))',
    'y = torch.arange(6.).reshape(2, 3)\n'
    'print(torch.flip(y, [0, 0]))',
    'y = torch.arange(6.).reshape(2, 3)\n'
    'print(y.flip())',
    'x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n'
    'y = (torch.flip(x, [0]) * torch.tensor([[1., 2.], [3., 4.]])).sum() +'
    ' x.triu().sum() * 2 + x.tril(-1).pow(2).sum()\n'
    'y.backward()\n'
    'print(x.grad)',
    'x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\n'
    'print(torch.tile(x, (2,)), torch.broadcast_to(x, (2, 2, 2)).sum())',
    'A = torch.arange(9.).reshape(3, 3)\n'
    'print(torch.equal(A.triu() + A.tril(-1), A), (A.triu(1) == 0).sum(), torch.all(A == A.T))',
]

# torch.einsum: ellipsis broadcasting and its error, integer and bool operands
EINSUM_BROADCAST = [
    "print(torch.einsum('...ij,...jk', torch.ones(2, 1, 2, 3), torch.ones(5, 3, 4)).shape)",
    "print(torch.einsum('...ij,...jk', torch.ones(2, 2, 3), torch.ones(3, 3, 4)).shape)",
    "print(torch.einsum('...i,...i->...', torch.ones(2, 3), torch.ones(3)).shape)",
    "print(torch.einsum('i...,i...', torch.ones(2, 3), torch.ones(2, 3)))",
    "print(torch.einsum('...,...', torch.ones(2, 3), torch.ones(2, 3)).shape)",
    "print(torch.einsum('b...,b...->...', torch.ones(2, 3, 4), torch.ones(2, 1, 4)).shape)",
    "print(torch.einsum('ij,j', torch.ones(2, 3), torch.ones(1)))",
    "print(torch.einsum('i,i', torch.ones(3), torch.ones(2)))",
    "print(torch.einsum('..i', torch.ones(3)))",
    "print(torch.einsum('......', torch.ones(3)))",
    "print(torch.einsum('i->...', torch.ones(3)))",
    "print(torch.einsum('...i->......', torch.ones(3)))",
    'x = torch.ones(2, 3, requires_grad=True)\n'
    "y = torch.einsum('...i,...i->...', x, torch.ones(1, 3))\n"
    'y.sum().backward()\n'
    'print(y, x.grad)',
    "print(torch.einsum('ii->i', torch.tensor([[1, 2], [3, 4]])),"
    " torch.einsum('ij->', torch.tensor([[True, False], [True, True]])))",
    "print(torch.einsum('i,i->', torch.tensor([1., 2.], dtype=torch.float64),"
    ' torch.tensor([3., 4.], dtype=torch.float64)))',
    'x = torch.tensor([[1, 2], [3, 4]], dtype=torch.int32)\n'
    "print(torch.einsum('ij->j', x), torch.einsum('ii', x), torch.einsum('ij->ji', x).dtype)",
    'b = torch.tensor([[True, False], [True, True]])\n'
    "print(torch.einsum('ii->i', b), torch.einsum('ij->i', b))",
]

# PyTorch's other names for the same functions, and movedim/ravel/empty_like
ALIASES = [
    'x = torch.tensor([[-1., 2.], [3., -4.]], requires_grad=True)\n'
    'print(torch.absolute(x), torch.true_divide(x, 2), torch.inverse(x),'
    ' torch.swapaxes(x, 0, 1), torch.swapdims(x, 0, 1))',
    'x = torch.arange(24.).reshape(2, 3, 4).requires_grad_()\n'
    'print(torch.movedim(x, 0, -1).shape, torch.moveaxis(x, [0, 1], [2, 0]).shape,'
    ' torch.movedim(x, 1, 0).grad_fn, torch.ravel(x).shape, torch.ravel(x).grad_fn)',
    'x = torch.ones(2, 3)\n'
    'print(torch.empty_like(x).shape, torch.empty_like(x, dtype=torch.int64).dtype,'
    ' torch.is_floating_point(x), torch.is_floating_point(torch.tensor([1])))',
]

# The features issue 12 lists, in forms the corpus did not have yet
ISSUE_FEATURES = [
    "for d in [torch.float16, torch.float32, torch.float64, torch.uint8, torch.int8, torch.int16,\n"
    "          torch.int32, torch.int64, torch.bool]:\n"
    "    print(torch.ones(2, dtype=d).type())",
    'x = torch.tensor([1., 2., 3.])\n'
    'y = torch.tensor([1., 5., 2.])\n'
    'print(torch.lt(x, y), torch.le(x, 2), torch.gt(x, y), torch.ge(x, y),'
    ' torch.eq(x, y), torch.ne(x, 2.))\n'
    'print(torch.less(x, y), torch.less_equal(x, y), torch.greater(x, y),'
    ' torch.greater_equal(x, y), torch.not_equal(x, y))',
    'x = torch.tensor([1., 2., 3.])\n'
    'print(x.lt(2), x.less_equal(2), x.greater(1), x.ne(x), x.eq(torch.tensor([1., 0., 3.])))',
    'x = torch.tensor([1., 2., 3.])\n'
    'print(torch.equal(x, x.clone()), torch.equal(x, x[:2]), torch.equal(x,'
    ' torch.tensor([1, 2, 3])))',
    'x = torch.tensor([1., 2., 3.])\n'
    'print(torch.isclose(x, x + 1e-6), torch.allclose(x, x + 1e-3),'
    ' torch.allclose(x, x + 1e-3, atol=1e-2), torch.isclose(x, torch.tensor([1.,'
    " float('nan'), 3.]), equal_nan=True))",
    'print(torch.isclose(torch.tensor([1., 2.]), torch.tensor([1, 2])))',
    'print(torch.allclose(torch.tensor([1., 2.]), torch.tensor([1., 2.], dtype=torch.float64)))',
    'x = torch.tensor([1., -2., 3.], requires_grad=True)\n'
    'y = torch.maximum(x, torch.zeros(3))\n'
    'z = torch.minimum(x, torch.tensor(0.5))\n'
    'w = torch.where(x > 0, x, x * 2)\n'
    'c = torch.clamp(x, -1, 2)\n'
    '(y.sum() + z.sum() + w.sum() + c.sum()).backward()\n'
    'print(y, z, w, c, x.grad)',
    'x = torch.tensor([1., -2., 3.])\n'
    'print(torch.clamp(x, min=0), torch.clamp(x, max=0), x.clamp(-1.5, 1.5),'
    ' torch.clip(x, 0, 1), torch.clamp(torch.tensor([1, 5]), 2, 3),'
    ' torch.clamp(torch.tensor([1, 5]), 2.5))',
    'print(torch.clamp(torch.tensor([1., 2.])))',
    'A = torch.tensor([[1., -2., 3.], [4., 5., -6.]])\n'
    "for o in [1, -1, 2, -2, float('inf'), -float('inf'), 'fro', 'nuc']:\n"
    '    print(o, torch.linalg.norm(A, o), torch.linalg.matrix_norm(A, o, keepdim=True).shape)',
    'A = torch.arange(24.).reshape(2, 3, 4)\n'
    'print(torch.linalg.matrix_norm(A), torch.linalg.matrix_norm(A, 1, dim=(0, 2)),'
    ' torch.linalg.vector_norm(A, dim=(1, 2)), torch.linalg.vector_norm(A, 1,'
    ' dim=-1, keepdim=True).shape)',
    'A = torch.tensor([[1., -2.], [4., 5.]], requires_grad=True)\n'
    'n = torch.linalg.matrix_norm(A, 2)\n'
    'n.backward()\n'
    'print(n, n.grad_fn, A.grad)',
    'A = torch.tensor([[1., -2.], [4., 5.]], requires_grad=True)\n'
    "n = torch.linalg.norm(A, 'nuc') + torch.linalg.norm(A, 1) +"
    " torch.linalg.norm(A, float('inf'))\n"
    'n.backward()\n'
    'print(n, A.grad)',
    'X = torch.ones(2, 3)\n'
    'print(X.sum(keepdims=True))',
    'X = torch.ones(2, 3)\n'
    'print(X.sum(keepdim=True))',
    'X = torch.ones(2, 3)\n'
    'print(X.mean(keepdims=True))',
    'X = torch.ones(2, 3)\n'
    'print(torch.sum(X, keepdim=True))',
    'X = torch.ones(2, 3)\n'
    'print(type(X), type(X.sum()), type(X.shape), type(X.dtype), X.type(), X.sum().type())',
    'x = torch.tensor([12.0, 1.5, -3.3])\n'
    'print(torch.exp(x), torch.log(x.abs()), torch.sin(x), torch.cos(x),'
    ' torch.tanh(x), torch.sigmoid(x), x ** 1.5, torch.pow(x.abs(), 0.3))',
    'x = torch.tensor(2.0, requires_grad=True)\n'
    'y = x ** 4\n'
    'g1, = torch.autograd.grad(y, x, create_graph=True)\n'
    'g2, = torch.autograd.grad(g1, x, create_graph=True)\n'
    'g3, = torch.autograd.grad(g2, x)\n'
    'print(g1, g2, g3, g1.grad_fn, g2.grad_fn)',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = torch.tensor([3., 4.], requires_grad=True)\n'
    'z = (x * y).sum()\n'
    'z.backward(inputs=[x])\n'
    'print(x.grad, y.grad)',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = x * 2\n'
    'y.retain_grad()\n'
    'z = (y ** 2).sum()\n'
    'z.backward()\n'
    'print(y.grad, x.grad, y.is_leaf, x.is_leaf, z.is_leaf)',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = x * 2\n'
    'z = y.sum()\n'
    'z.backward()\n'
    'print(y.grad)',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = (x * 2).exp().sum()\n'
    'print(y.grad_fn.name(), y.grad_fn.next_functions,'
    ' y.grad_fn.next_functions[0][0].next_functions)',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = x * 2\n'
    'print(torch.autograd.grad(y, x))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'w = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = (x * 2).sum()\n'
    'print(torch.autograd.grad(y, [x, w]))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'w = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = (x * 2).sum()\n'
    'print(torch.autograd.grad(y, [x, w], allow_unused=True))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'y = (x * x).sum()\n'
    'y.backward()\n'
    'y.backward()',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'f = lambda x: (x ** 3).sum()\n'
    'print(torch.autograd.functional.jacobian(f, x), torch.autograd.functional.hessian(f, x))\n'
    'print(torch.autograd.functional.vjp(lambda x: x ** 2, x, torch.ones(2)),'
    ' torch.autograd.functional.jvp(lambda x: x ** 2, x, torch.ones(2)))',
    'f = lambda x: (x ** 3).sum()\n'
    'x = torch.tensor([1., 2.])\n'
    'print(torch.func.grad(f)(x), torch.func.grad(torch.func.grad(lambda x: x **'
    ' 3))(torch.tensor(2.)))\n'
    'print(torch.func.jvp(lambda x: x ** 2, (x,), (torch.ones(2),)))\n'
    'out, fn = torch.func.vjp(lambda x: x ** 2, x)\n'
    'print(out, fn(torch.ones(2)))',
]

# NumPy's ufuncs called on Tensors: computed by NumPy as in PyTorch (no gradient)
NUMPY_FUNCTIONS = [
    'x = torch.tensor([1., 2.])\n'
    'print(np.exp(x), np.sin(x), np.sqrt(x), np.log(x), np.abs(-x), np.maximum(x, 1.5))',
    'x = torch.tensor([1, 2])\n'
    'print(np.exp(x), np.sqrt(x), np.square(x), np.negative(x))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'print(np.exp(x))',
    'x = torch.tensor([1., 2.], requires_grad=True)\n'
    'print(np.sin(x.detach()))',
    'x = torch.tensor([1., 2.])\n'
    'print(np.greater(x, 1.5), np.equal(x, x), np.isnan(x), np.sign(-x), np.floor(x / 3))',
    'x = torch.tensor([1., 2.])\n'
    'print(np.add(x, 1), np.multiply(x, x), np.power(x, 2), np.true_divide(x, 2))',
    'x = torch.tensor([1., 2.])\n'
    'print(np.array(x), np.asarray(x).dtype, np.zeros_like(x), np.ones_like(x).dtype)',
    'x = torch.tensor([1., 2.])\n'
    'print(np.concatenate([x, x]), np.stack([x, x]).shape)',
    'x = torch.tensor([1., 2.])\n'
    'print(np.where(x > 1, x, 0))',
    'x = torch.linspace(-3, 3, 5, requires_grad=True)\n'
    'y = torch.sin(x)\n'
    'y.sum().backward()\n'
    'print(np.cos(x.detach()), x.grad)',
]

PROGRAMS = (D2L_2_1 + D2L_2_3 + D2L_2_5 + GRADS + PRINTING + LEARNER + MATH + CHAPTER2_API
            + HIGHER_ORDER + SECOND_ORDER_NODES + STATISTICS + EINSUM
            + EINSUM_SUBLISTS + EINSUM_BROADCAST + NUMPY_DATA + NUMPY_OPERANDS + PROBABILITY
            + EXERCISES + MORE_API + ALIASES + ISSUE_FEATURES + NUMPY_FUNCTIONS
            + [f"print({e})" if "\n" not in e else e for e in ERRORS])


def run(program: str, torch_module) -> str:
    """Run ``program`` with ``torch`` bound to ``torch_module``; printed text plus any error."""
    buffer = io.StringIO()
    env = {"torch": torch_module, "np": np}
    with contextlib.redirect_stdout(buffer):
        try:
            exec(compile(program, "<program>", "exec"), env)  # noqa: S102 - fixed test corpus
        except Exception as exc:  # noqa: BLE001 - the error is what we compare
            first_line = str(exc).split("\n")[0]
            print(f"!! {type(exc).__name__}: {first_line}")
    return buffer.getvalue()
