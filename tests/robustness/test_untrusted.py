"""Untrusted files are data, never code.

A rule book or a shop file comes from elsewhere. The library reads it as data:
no eval, exec, pickle, marshal or unsafe YAML anywhere in the package, and no
string of a rule book is opened as a path, listed as a folder or imported as
a module. (That results are written atomically is tests/cli/test_atomic_writes.py.)
"""

from __future__ import annotations

import ast
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import tmall_service as ts
from tmall_service._cli.main import main

PACKAGE = Path(ts.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
CORPUS = Path(__file__).parents[1] / "corpus"

# Calls that run text as code, and modules that turn bytes into objects.
CODE_CALLS = {"eval", "exec", "compile", "__import__", "import_module", "execfile"}
UNSAFE_MODULES = {"pickle", "cPickle", "dill", "marshal", "shelve", "yaml", "jsonpickle"}
SHELL_MODULES = {"subprocess", "pty", "commands"}
SHELL_CALLS = {"system", "popen", "spawnl", "spawnv", "execv", "execl", "startfile"}


def called_name(node: ast.Call) -> str:
    """``eval`` for a bare call, ``os.system`` for a call on a module's name."""
    function = node.func
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        owner = function.value.id if isinstance(function.value, ast.Name) else ""
        return f"{owner}.{function.attr}" if owner else function.attr
    return ""


def runs_code(name: str) -> bool:
    """Whether a call of *name* runs text as code or a shell (``re.compile`` does not)."""
    owner, _, attribute = name.rpartition(".")
    if attribute in CODE_CALLS:
        return owner in {"", "builtins"}
    return attribute in SHELL_CALLS


def imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        return [node.module.split(".")[0]]
    return []


@pytest.mark.parametrize("source", SOURCES, ids=[str(p.relative_to(PACKAGE)) for p in SOURCES])
def test_the_package_runs_no_text_as_code(source):
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and runs_code(called_name(node)):
            found.append(f"line {node.lineno}: {called_name(node)}()")
        found.extend(
            f"line {node.lineno}: import {name}"
            for name in imported(node)
            if name in UNSAFE_MODULES | SHELL_MODULES
        )
    assert not found, f"{source.name} runs text as code or a shell: {found}"


def test_the_scan_would_see_what_it_looks_for():
    """The scan above is not vacuous: it finds each kind of thing it forbids."""
    bad = (
        "import pickle\nfrom yaml import load\neval('1')\nos.system('x')\n__import__(name)\n"
        "builtins.compile(text, 'x', 'exec')\nre.compile('[a-z]')\n"
    )
    tree = ast.parse(bad)
    calls = {called_name(n) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    modules = {name for n in ast.walk(tree) for name in imported(n)}
    assert {"eval", "os.system", "__import__", "builtins.compile", "re.compile"} <= calls
    assert {name for name in calls if runs_code(name)} == {
        "eval",
        "os.system",
        "__import__",
        "builtins.compile",
    }
    assert {"pickle", "yaml"} <= modules


# Audit events (PEP 578) see every file opened, folder listed, process started
# and module imported, whoever asks. One hook, installed once, records them
# while a test listens.
_events: list[tuple[str, tuple[object, ...]]] | None = None
_WATCHED = {
    "open",
    "os.listdir",
    "os.scandir",
    "os.system",
    "subprocess.Popen",
    "os.exec",
    "os.posix_spawn",
    "import",
    "exec",
    "compile",
    "pickle.find_class",
    "marshal.loads",
}


def _hook(event: str, arguments: tuple[object, ...]) -> None:
    if _events is not None and event in _WATCHED:
        _events.append((event, arguments))


sys.addaudithook(_hook)


@contextmanager
def listening() -> Iterator[list[tuple[str, tuple[object, ...]]]]:
    global _events  # noqa: PLW0603 - the one hook reads this switch
    _events = []
    try:
        yield _events
    finally:
        _events = None


def opened(events: list[tuple[str, tuple[object, ...]]]) -> set[str]:
    return {
        os.fsdecode(arguments[0])
        for event, arguments in events
        if event == "open" and isinstance(arguments[0], str | bytes | os.PathLike)
    }


HOSTILE = CORPUS / "paths-in-strings.json"
HOSTILE_TEXTS = ("passwd", "shadow", "id_rsa", "/dev/zero", "server", "share")


def strings_of(book: ts.RuleBook) -> set[str]:
    texts = {book.name, book.source, *book.profiles, *book.bonuses}
    texts |= {*book.excluded_categories, *book.extra_regions}
    for exemption in book.exemptions:
        texts |= {exemption.reason, *(exemption.categories or ()), *(exemption.regions or ())}
    return texts


def test_the_hostile_rule_book_really_holds_paths():
    texts = strings_of(ts.load_rulebook(HOSTILE))
    assert all(any(hint in text for text in texts) for hint in HOSTILE_TEXTS)


@pytest.mark.parametrize("path", [HOSTILE, CORPUS / "code-in-strings.json"], ids=lambda p: p.name)
def test_loading_opens_the_rule_book_and_nothing_else(path):
    ts.load_rulebook(path)  # the first load may import and build hooks
    with listening() as events:
        book = ts.load_rulebook(path)
    assert opened(events) == {str(path)}
    kinds = {event for event, _ in events}
    assert kinds == {"open"}, events
    assert book.name  # loaded, as text


def test_assessing_with_a_hostile_rule_book_follows_none_of_its_paths(tmp_path):
    output = tmp_path / "results.csv"
    shops = tmp_path / "shops.csv"
    shops.write_text(
        "shop,category,product,logistics,after_sales,dispute,consultation\n"
        "x,../../etc/passwd,5,4,4,4,4\n",
        encoding="utf-8",
    )
    argv = ["assess", str(shops), "--rules", str(HOSTILE), "--period", "2024-07"]
    assert main([*argv, "--output", str(output)], out=io.StringIO()) == 0  # warm up
    with listening() as events:
        code = main([*argv, "--output", str(output)], out=io.StringIO())
        shown = io.StringIO()
        main(["rules", "show", str(HOSTILE)], out=shown)
    assert code == 0
    files = opened(events)
    assert {str(HOSTILE), str(shops)} <= files
    strays = {f for f in files if any(hint in f for hint in HOSTILE_TEXTS)}
    assert not strays
    assert all(Path(f).parent == tmp_path or f == str(HOSTILE) for f in files), files
    assert not {event for event, _ in events} - {"open", "import"}
    texts = strings_of(ts.load_rulebook(HOSTILE))
    imports = {str(arguments[0]) for event, arguments in events if event == "import"}
    assert not imports & texts
    assert "/etc/passwd" in shown.getvalue()  # shown as text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "rules.toml"
    os.mkfifo(pipe)
    with pytest.raises(ts.RuleBookError, match=r"rules\.toml: not a regular file"):
        ts.load_rulebook(pipe)


def test_a_folder_named_like_a_rule_book_is_refused(tmp_path):
    folder = tmp_path / "rules.json"
    folder.mkdir()
    with pytest.raises(ts.RuleBookError, match=r"rules\.json: (not a regular file|cannot be read)"):
        ts.load_rulebook(folder)
