"""Escape attempts: each is refused with a clear message naming the line, changing nothing."""

from __future__ import annotations

import pytest

from tutor_app.sandbox import Limits, run

FAST = Limits(max_steps=20_000, max_seconds=5)

# (source, words the message must contain)
STATIC = [
    ("__import__('os')", "'__'"),
    ("().__class__.__bases__[0].__subclasses__()", "'_'"),
    ("torch.__dict__", "'_'"),
    ("x = 1\ntype(x).__init__", "'_'"),
    ("_x = 1\n__y = 2", "'__'"),
    ("setattr(torch, 'x', 1)", "'setattr'"),
    ("delattr(torch, 'x')", "'delattr'"),
    ("vars()", "'vars'"),
    ("globals()['x'] = 1", "'globals'"),
    ("locals()", "'locals'"),
    ("x = 1\n'{0.__class__}'.format(x)", ".format"),
    ("'{0}'.format_map({})", ".format_map"),
    ("x = 1\nf'{x.__class__}'", "'_'"),
    ("f'{torch.__name__}'", "'_'"),
    ("torch.__name__", "'_'"),
    ("x = 1\nt = type(x)\nt.__name__", "'_'"),      # only type(...).__name__ as written
    ("x = 1\ntype(x).__name__.__class__", "'_'"),
    ("x = 1\nx.__class__", "'_'"),
    ("type(x=1).__name__", "'_'"),
    ("type(1).__name__ = 'a'", "'_'"),
    ("f = lambda a=1: a\nf.__defaults__", "'_'"),
    ("f = lambda: 0\nf.__code__", "'_'"),
    ("g = (i for i in range(3))\ng.gi_frame", ".gi_frame"),
    ("g = (i for i in range(3))\ng.gi_frame.f_globals", ".f_globals"),
    ("e = None\ne.tb_frame.f_back", ".f_back"),
    ("c = None\nc.cr_frame", ".cr_frame"),
    ("np.load('x.npy')", ".load"),
    ("np.save('x.npy', 1)", ".save"),
    ("np.zeros(3).tofile('/tmp/x')", ".tofile"),
    ("np.zeros(3).ctypes", ".ctypes"),
    ("np.memmap('x')", ".memmap"),
    ("open('/etc/passwd')", "'open'"),
    ("exec('1')", "'exec'"),
    ("eval('1')", "'eval'"),
    ("compile('1', 'f', 'exec')", "'compile'"),
    ("import os", "import os"),
    ("import numpy", "import numpy"),
    ("from os import path", "imports"),
    ("from torch import *", "imports"),
    ("from . import engine", "imports"),
    ("from torch import _C", "'_'"),
    ("from torch._C import x", "'_'"),
    ("from torch import ones as __x", "'__'"),
    ("from torch import open", "'open'"),
    ("class A:\n    pass", "classes"),
    ("def f():\n    yield 1", "yield"),
    ("async def f():\n    pass", "async"),
    ("try:\n    pass\nexcept:\n    pass", "except"),
    ("try:\n    pass\nexcept BaseException:\n    pass", "except"),
    ("x = 1\nx._secret = 2", "'_'"),
    ("for torch.x in range(3):\n    pass", "attribute"),
    ("def f(__x):\n    return __x", "'__'"),
    ("breakpoint()", "'breakpoint'"),
    ("input()", "'input'"),
]


@pytest.mark.parametrize(("source", "words"), STATIC)
def test_static_refusal_names_the_line_and_changes_nothing(source, words):
    env = {"kept": 1}
    result = run("marker = 1\n" + source, env, limits=FAST)
    assert not result.ok
    assert result.error.startswith("Not allowed (line ")
    assert words in result.error
    assert result.error_line is not None and result.error_line >= 2
    assert env == {"kept": 1}  # nothing ran: not even the first line
    assert result.output == ""


RUNTIME = [
    ("x = np.zeros(3)\ny = x.numpy if False else x\ny.base", ".base"),
    ("t = type(1)\nt(5)", "not callable"),
    ("t = type(1)\nt.mro", ".mro"),
    ("x = [1]\nx.sort.something", "attribute"),
    ("f = print\nf.something", "attribute"),
    ("d = {}\nd.fromkeys", "attribute"),
    ("s = str\ns.join", "attribute"),
    ("torch.os", None),
    ("np.lib", ".lib"),
    ("np.ctypeslib", ".ctypeslib"),
    ("np.fromfile", ".fromfile"),
    ("x = 1\nx.grad = 2", "assigning"),
    ("getattr(torch, '__dict__')", "'_'"),
    ("getattr(torch.ones(2), '_data', None)", "'_'"),
    ("hasattr(torch.ones(2), '__class__')", "'_'"),
    ("type = lambda v: torch\ntype(1).__name__", "'_'"),  # a rebound type reads nothing
    ("def type(v):\n    return v\ntype(torch.ones(1)).__name__", "'_'"),
    ("getattr(np.zeros(2), 'tofile')", ".tofile"),
    ("hasattr(np, 'load')", ".load"),
    ("getattr(1, 'real', 0, 1)", "at most 3"),
    ("from numpy import load", ".load"),
    ("from torch import np", None),
    ("from torch.engine import x", "No module named 'torch.engine'"),
    ("from torch import nope", "cannot import name 'nope' from 'torch'"),
]


@pytest.mark.parametrize(("source", "words"), RUNTIME)
def test_run_time_refusals(source, words):
    result = run(source, limits=FAST)
    assert not result.ok
    if words:
        assert words in result.error
    assert "Traceback" in result.error or result.error.startswith("Not allowed")


def test_format_width_and_percent_tricks_are_refused():
    for source in ("x = 1\nf'{x:>999999999}'", "x = 1\nf'{x:>{10**9}}'",
                   "'%999999999d' % 5", "'%*d' % (10**9, 5)"):
        result = run(source, limits=FAST)
        assert not result.ok, source
        assert "10,000" in result.error


def test_file_system_is_untouched(tmp_path):
    target = tmp_path / "pwned.txt"
    for source in (f"open({str(target)!r}, 'w').write('x')",
                   f"np.save({str(target)!r}, np.zeros(2))",
                   f"np.zeros(2).tofile({str(target)!r})"):
        assert not run(source, limits=FAST).ok
    assert not target.exists()


def test_user_functions_refuse_to_run_outside_the_console():
    result = run("def f(x):\n    return x + 1\n", limits=FAST)
    assert result.ok
    f = result.env["f"]
    with pytest.raises(BaseException, match="only run inside"):
        f(1)


def test_swallowing_exceptions_cannot_escape_a_budget():
    source = ("n = 0\nwhile True:\n    try:\n        while True:\n            n += 1\n"
              "    except Exception:\n        pass\n")
    result = run(source, limits=FAST)
    assert not result.ok
    assert "too many steps" in result.error


def test_helpers_cannot_be_named():
    assert "'__'" in run("__sb_tick = None").error
    assert "'__'" in run("__builtins__").error


def test_vet_never_hands_out_dangerous_callables():
    import os

    from tutor_app.sandbox.errors import Refused
    from tutor_app.sandbox.guards import vet

    for value in (open, eval, exec, getattr, __import__, os.system, os.remove, os):
        with pytest.raises(Refused):
            vet(value, "x", None)


@pytest.mark.parametrize("source", ["torch.np", "torch.numpy", "torch.os", "torch.sys",
                                    "torch.creation.np", "np.lib", "np.linalg.inv",
                                    "torch.dtypes", "torch.autograd.np",
                                    "torch.autograd.gc", "torch.autograd.run_backward",
                                    "torch.autograd.OPS", "torch.linalg.annotations"])
def test_namespaces_do_not_lead_to_modules(source):
    result = run(source, limits=FAST)
    assert not result.ok
    assert "not available" in result.error or "has no attribute" in result.error


@pytest.mark.parametrize("source", ["np.zeros(10, dtype='U100000000')",
                                    "np.zeros((10,), 'S100000000')",
                                    "torch.ones(3).numpy().astype('U1000000')",
                                    "np.array([1], dtype='O')"])
def test_numpy_dtypes_with_unbounded_elements_are_refused(source):
    result = run(source, limits=FAST)
    assert not result.ok and "dtype" in result.error


def test_classes_pass_through_as_dtypes():
    result = run("np.zeros(2, dtype=np.float32).dtype, torch.ones(2).to(torch.float64).dtype",
                 limits=FAST)
    assert result.output == "(dtype('float32'), torch.float64)\n"
