"""Programs a chapter-2 learner types into the graph lab (D2L 2.1–2.5 and its exercises).

Each entry is (name, source, expect_error): the sweep runs every one through the real
panel, frame by frame. ``expect_error`` marks programs that stop on an error on purpose
(the graph of what ran before it is still drawn).
"""

from __future__ import annotations

PROGRAMS: list[tuple[str, str, bool]] = [
    ("d2l_dot", """\
x = torch.arange(4.0)
x.requires_grad_(True)
y = 2 * torch.dot(x, x)
y.backward()
print(x.grad)
""", False),
    ("d2l_sum_after_zero", """\
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
y.backward()
x.grad.zero_()
y = x.sum()
y.backward()
""", False),
    ("d2l_non_scalar", """\
x = torch.arange(4.0, requires_grad=True)
y = x * x
y.sum().backward()
""", False),
    ("d2l_detach", """\
x = torch.arange(4.0, requires_grad=True)
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
""", False),
    ("d2l_control_flow", """\
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c
a = torch.tensor(0.8, requires_grad=True)
d = f(a)
d.backward()
""", False),
    ("broadcast_column_row", """\
a = torch.arange(3.0).reshape(3, 1)
a.requires_grad_(True)
b = torch.arange(2.0).reshape(1, 2)
c = (a + b).sum()
c.backward()
""", False),
    ("broadcast_bias", """\
X = torch.ones(2, 3)
b = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
Y = X * 2 + b
s = Y.sum()
s.backward()
""", False),
    ("matrix_vector", """\
A = torch.arange(6.0).reshape(2, 3)
A.requires_grad_(True)
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.mv(A, x)
l = y.sum()
l.backward()
""", False),
    ("matmul", """\
A = torch.arange(6.0, requires_grad=True)
B = torch.ones(3, 2, requires_grad=True)
C = A.reshape(2, 3) @ B
s = C.sum()
s.backward()
""", False),
    ("linreg_3_steps", """\
X = torch.tensor([[1.0, 2.0], [3.0, 1.0], [0.5, 0.5]])
y = torch.tensor([[5.0], [5.0], [1.5]])
w = torch.zeros(2, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr = 0.05
for epoch in range(3):
    y_hat = torch.matmul(X, w) + b
    l = ((y_hat - y) ** 2 / 2).mean()
    l.backward()
    with torch.no_grad():
        w -= lr * w.grad
        b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
print(w, b)
""", False),
    ("linreg_scalar_params", """\
x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([2.0, 4.0, 6.0])
w = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
for epoch in range(3):
    loss = ((w * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
        b -= 0.1 * b.grad
        w.grad.zero_()
        b.grad.zero_()
""", False),
    ("inplace_mul_no_grad", """\
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    w.mul_(2)
loss = (w * w).sum()
loss.backward()
""", False),
    ("mlp_batch", """\
torch.manual_seed(0)
X = torch.randn(4, 3)
W1 = torch.randn(3, 4, requires_grad=True)
b1 = torch.zeros(4, requires_grad=True)
W2 = torch.randn(4, 2, requires_grad=True)
b2 = torch.zeros(2, requires_grad=True)
H = torch.relu(X @ W1 + b1)
O = H @ W2 + b2
loss = (O ** 2).mean()
loss.backward()
""", False),
    ("softmax_cross_entropy", """\
logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], requires_grad=True)
y = torch.tensor([0, 1])
e = torch.exp(logits)
p = e / e.sum(1, keepdim=True)
loss = -torch.log(p[[0, 1], y]).mean()
loss.backward()
""", False),
    ("softmax_vector", """\
o = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
e = o.exp()
p = e / e.sum()
l = -p[2].log()
l.backward()
""", False),
    ("loop_5", """\
x = torch.tensor(1.0, requires_grad=True)
y = x
for i in range(5):
    y = y * 2 + 1
y.backward()
""", False),
    ("loop_20", """\
x = torch.tensor(0.5, requires_grad=True)
y = x
for i in range(20):
    y = y * 0.9 + x
y.backward()
""", False),
    ("loop_60", """\
x = torch.tensor(1.0, requires_grad=True)
h = x
for t in range(60):
    h = torch.tanh(h + x)
h.backward()
""", False),
    ("ten_uses", """\
x = torch.tensor([1.0, 2.0], requires_grad=True)
s = x * 0
for k in range(10):
    s = s + x * k
total = s.sum()
total.backward()
""", False),
    ("error_name_mid_program", """\
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 3
z = y + undefined_thing
""", True),
    ("error_shapes_mid_program", """\
a = torch.ones(2, requires_grad=True)
b = a * 2
c = b + torch.ones(3)
""", True),
    ("double_backward_error", """\
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = (x ** 2).sum()
y.backward()
y.backward()
""", True),
    ("double_backward_retain", """\
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward()
""", False),
    ("tanh", """\
a = torch.tensor([0.5, -1.0], requires_grad=True)
t = torch.tanh(a)
s = t.sum()
s.backward()
""", False),
    ("sigmoid_relu", """\
x = torch.tensor([-2.0, 0.5, 3.0], requires_grad=True)
y = torch.sigmoid(x) + torch.relu(x)
y.sum().backward()
""", False),
    ("norm", """\
u = torch.tensor([3.0, -4.0], requires_grad=True)
n = torch.norm(u)
n.backward()
""", False),
    ("mean_dim", """\
X = torch.arange(6.0).reshape(2, 3)
X.requires_grad_(True)
m = X.mean(dim=0)
s = (m * m).sum()
s.backward()
""", False),
    ("cube", """\
x = torch.tensor([1.0, 2.0, -1.0], requires_grad=True)
y = x ** 3
y.sum().backward()
""", False),
    ("sin_exercise", """\
x = torch.linspace(0, 3, 5, requires_grad=True)
y = torch.sin(x)
y.sum().backward()
""", False),
    ("exp_mix", """\
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
c = (a * b + a.exp()).sum()
c.backward()
""", False),
    ("constant_filled_grad", """\
x = torch.ones(2, requires_grad=True)
y = (x * 132).sum()
y.backward()
""", False),
    ("division", """\
a = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
z = a / (b + 1)
z.backward()
""", False),
    ("sum_of_squares_matrix", """\
W = torch.tensor([[1.0, -2.0], [0.5, 3.0]], requires_grad=True)
r = (W ** 2).sum()
r.backward()
""", False),
    ("one_liner_chain", """\
x = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
((x + 1) * (x - 1)).mean().backward()
""", False),
    ("accumulate_two_losses", """\
w = torch.tensor([1.0, -1.0], requires_grad=True)
l1 = (w * 2).sum()
l1.backward()
l2 = (w * w).sum()
l2.backward()
""", False),
    ("random_vector_seed", """\
torch.manual_seed(0)
x = torch.randn(3, requires_grad=True)
y = (x * x).sum()
y.backward()
""", False),
    ("second_derivative_create_graph", """\
x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
dy, = torch.autograd.grad(y, x, create_graph=True)
dy.backward()
print(x.grad)
""", False),
    ("second_derivative_backward_twice", """\
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x ** 3).sum()
g, = torch.autograd.grad(y, x, create_graph=True)
z = g.sum()
z.backward()
""", False),
    ("d2l_autograd_grad_sum", """\
x = torch.arange(4.0, requires_grad=True)
y = 2 * torch.dot(x, x)
g, = torch.autograd.grad(y, x)
print(g)
z = (x * g).sum()
z.backward()
""", False),
    ("broadcast_outer_product", """\
a = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)
b = torch.tensor([[10.0, 20.0]], requires_grad=True)
c = a * b
s = c.sum()
s.backward()
""", False),
    ("matmul_both_grads", """\
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
B = torch.tensor([[0.5, -1.0], [2.0, 0.0]], requires_grad=True)
C = A @ B
loss = C.sum()
loss.backward()
""", False),
    ("loop_sgd_5_steps", """\
w = torch.tensor([1.0, -2.0], requires_grad=True)
for step in range(5):
    loss = (w ** 2).sum()
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()
print(w)
""", False),
    ("loop_5_power", """\
x = torch.tensor([1.0, 0.5], requires_grad=True)
p = torch.ones(2)
for i in range(5):
    p = p * x
p.sum().backward()
""", False),
    ("softmax_log_sum_exp", """\
o = torch.tensor([[1.0, 2.0, 0.5]], requires_grad=True)
m = o.max()
lse = m + torch.log(torch.exp(o - m).sum())
loss = lse - o[0, 1]
loss.backward()
""", False),
    ("mlp_one_hidden_tanh", """\
torch.manual_seed(1)
X = torch.randn(3, 2)
y = torch.tensor([[1.0], [0.0], [1.0]])
W1 = torch.randn(2, 3, requires_grad=True)
b1 = torch.zeros(3, requires_grad=True)
w2 = torch.randn(3, 1, requires_grad=True)
h = torch.tanh(X @ W1 + b1)
out = h @ w2
loss = ((out - y) ** 2).mean()
loss.backward()
""", False),
    ("error_backward_non_scalar", """\
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
y.backward()
""", True),
    ("error_mid_loop", """\
x = torch.tensor([1.0, 2.0], requires_grad=True)
s = x * 1
for k in range(4):
    s = s + x * k
    if k == 2:
        s = s @ torch.ones(3)
""", True),
    ("ten_uses_scalar", """\
a = torch.tensor(3.0, requires_grad=True)
y = a
for i in range(9):
    y = y + a
y.backward()
""", False),
]
