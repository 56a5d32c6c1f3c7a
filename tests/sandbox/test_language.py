"""The console language: what learners type works as in Python, errors read like Python's."""

from __future__ import annotations

import pytest

from tutor_app.sandbox import Limits, RunResult, SandboxError, run, user_variables

FAST = Limits(max_steps=50_000, max_seconds=5)


def ok(source: str, env: dict | None = None) -> RunResult:
    result = run(source, env, limits=FAST)
    assert result.ok, result.error
    return result


def test_a_single_line_echoes_every_expression_like_a_repl():
    assert ok("x = 3; x * 2; None; [1, 2]").output == "6\n[1, 2]\n"


def test_a_multi_line_submission_echoes_only_its_last_expression_like_a_notebook():
    assert ok("x = 3\nx * 2\nNone\nprint('p')\n[1, 2]").output == "p\n[1, 2]\n"
    assert ok("x = 3\nx * 2\ny = x").output == ""


def test_expressions_inside_blocks_do_not_echo():
    assert ok("for i in range(3):\n    i\nif True:\n    5").output == ""


def test_env_carries_variables_and_functions_between_runs():
    env = ok("a = 2\ndef sq(v):\n    return v * v\n").env
    assert ok("b = sq(a) + 1\nb", env).output == "5\n"
    assert user_variables(env) == {"a": 2, "sq": env["sq"], "b": 5}


def test_functions_see_the_current_globals():
    env = ok("def get():\n    return g\ng = 1").env
    assert ok("g = 7\nget()", env).output == "7\n"


@pytest.mark.parametrize(("source", "expected"), [
    ("x = [1, 2, 3]\nx[1:] + x[:1]", "[2, 3, 1]"),
    ("d = {'a': 1}\nd['b'] = 2\nsorted(d.items())", "[('a', 1), ('b', 2)]"),
    ("{k: v for k, v in zip('ab', range(2))}", "{'a': 0, 'b': 1}"),
    ("{x % 3 for x in range(10)}", "{0, 1, 2}"),
    ("sum(x for x in range(5) if x % 2)", "4"),
    ("1 < 2 < 3, 3 > 2 > 5", "(True, False)"),
    ("a, *b = [1, 2, 3]\nb", "[2, 3]"),
    ("x = 5\nf'{x:>4}|{x!r}|{x:.2f}'", "'   5|5|5.00'"),
    ("n = 3\nf'{3.14159:.{n}f}'", "'3.142'"),
    ("(y := 4) * 2", "8"),
    ("l = [3, 1, 2]\nl.sort()\nl", "[1, 2, 3]"),
    ("l = [1]\nl[0] += 5\nl", "[6]"),
    ("t = (1, 2)\nt += (3,)\nt", "(1, 2, 3)"),
    ("isinstance(3, (int, float)), isinstance('a', int)", "(True, False)"),
    ("type(3) == int, type(3)", "(True, <class 'int'>)"),
    ("max([1, 5, 2]), min(4, 2), max([], default=0)", "(5, 2, 0)"),
    ("list(enumerate('ab', 1))", "[(1, 'a'), (2, 'b')]"),
    ("list(map(lambda v: v * 2, [1, 2]))", "[2, 4]"),
    ("list(reversed(range(3)))", "[2, 1, 0]"),
    ("'a-b'.split('-'), ' x '.strip(), ','.join(['1', '2'])", "(['a', 'b'], 'x', '1,2')"),
    ("try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    r = e.args\nr",
     "('division by zero',)"),
    ("def f(n):\n    return 1 if n < 2 else n * f(n - 1)\nf(10)", "3628800"),
    ("def outer():\n    k = 2\n    def inner(v):\n        return v * k\n    return inner\n"
     "outer()(21)", "42"),
    ("def f(a, *args, b=2, **kw):\n    return a + sum(args) + b + len(kw)\nf(1, 2, 3, c=4)",
     "9"),
    ("import torch\nimport numpy as np\nnp.sqrt(4.0)", "np.float64(2.0)"),
    ("x = 0\nwhile x < 10:\n    x += 3\n    if x == 6:\n        continue\nx", "12"),
    ("2 ** 10, 7 // 2, -7 % 3, 1 << 4", "(1024, 3, 2, 16)"),
    ("x = [1, 2]\ndel x[0]\nx, abs(-2), round(2.567, 2)", "([2], 2, 2.57)"),
])
def test_allowed_python(source, expected):
    assert ok(source).output.strip() == expected


def test_runtime_error_reads_like_python_with_the_line():
    result = run("a = 1\nb = [1, 2]\nb[5]", limits=FAST)
    assert not result.ok
    assert result.error == ('Traceback (most recent call last):\n'
                            '  File "<console>", line 3, in <module>\n'
                            '    b[5]\n'
                            'IndexError: list index out of range')
    assert result.error_line == 3


def test_error_inside_a_function_shows_both_frames():
    result = run("def f(v):\n    return v / 0\n\nf(1)", limits=FAST)
    assert 'line 4, in <module>' in result.error
    assert 'line 2, in f' in result.error
    assert result.error.endswith("ZeroDivisionError: division by zero")
    assert result.error_line == 2


def test_syntax_error_names_the_line():
    result = run("x = 1\ny = (2 +\n", limits=FAST)
    assert not result.ok
    assert "SyntaxError" in result.error
    assert result.error_line == 2


def test_partial_run_keeps_earlier_assignments_like_a_repl():
    env: dict = {}
    result = run("a = 1\nb = a / 0\nc = 3", env, limits=FAST)
    assert not result.ok
    assert user_variables(env) == {"a": 1}


def test_name_error_for_unknown_names():
    assert "NameError: name 'nothing' is not defined" in run("nothing", limits=FAST).error


def test_bad_arguments_raise_sandbox_error_only():
    with pytest.raises(SandboxError):
        run(123)  # type: ignore[arg-type]
    with pytest.raises(SandboxError):
        run("1", env=[])  # type: ignore[arg-type]


def test_weird_sources_never_raise():
    for source in ("\x00", "(" * 500 + ")" * 500, "-" * 5000 + "1", "x = " + "[" * 300,
                   "'" * 3, "\\", "if True:\n  pass\n pass", "é = 1\né", "x" * 200_000):
        result = run(source, limits=FAST)
        assert isinstance(result, RunResult)


def test_a_zero_d_tensor_in_an_f_string_is_its_number_as_in_pytorch():
    result = run('x = torch.tensor(3)\nprint(f"{x} {x:.1f} {x!r} {torch.ones(2)}")', limits=FAST)
    assert result.output == "3 3.0 tensor(3) tensor([1., 1.])\n"
