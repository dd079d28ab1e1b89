"""The import contracts hold on the package, and a planted import that breaks one is caught.

The contracts are the ones in pyproject.toml's [tool.importlinter]: the parts' order, the core
free of frame, plotting and terminal libraries, and the explanation off the frame path. They are
checked on the package itself, then on copies of it, each with one import planted.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tomllib

import pytest

pytest.importorskip("importlinter", reason="import-linter (the lint extra) is not installed")
tomli_w = pytest.importorskip("tomli_w")

ROOT = pathlib.Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "tmall_service"
SETTINGS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]
CONTRACTS = {contract["id"]: contract["name"] for contract in SETTINGS["contracts"]}
TYPE_CHECKING_ONLY = """\
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy

    from tmall_service._cli import main
"""
LINT_IMPORTS = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(config: pathlib.Path, cwd: pathlib.Path, path: pathlib.Path | None = None):
    """Run lint-imports on a config file, with `path` (if given) first on the import path."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache", "--no-logo", str(config)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy(tmp_path):
    """A copy of the package, and a config file holding pyproject.toml's contracts."""
    shutil.copytree(
        PACKAGE, tmp_path / "src" / "tmall_service", ignore=shutil.ignore_patterns("__pycache__")
    )
    config = tmp_path / "contracts.toml"
    config.write_text(tomli_w.dumps({"tool": {"importlinter": SETTINGS}}), encoding="utf-8")
    return tmp_path


def lint_copy(copy):
    return lint_imports(copy / "contracts.toml", cwd=copy, path=copy / "src")


def plant(copy, module, lines):
    """Add module-level lines to the end of a module of the copy."""
    path = copy / "src" / "tmall_service" / module
    text = path.read_text(encoding="utf-8")
    path.write_text(f"{text}\n{lines}\n", encoding="utf-8")


def test_every_contract_is_named_and_the_three_are_there():
    assert SETTINGS["root_package"] == "tmall_service"
    assert SETTINGS["exclude_type_checking_imports"] is True
    assert set(CONTRACTS) == {"layers", "light-core", "explain-off-frames"}
    assert all(CONTRACTS.values())


def test_the_package_keeps_every_contract():
    result = lint_imports(ROOT / "pyproject.toml", cwd=ROOT, path=ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in result.stdout


def test_an_untouched_copy_keeps_every_contract(copy):
    # The harness is sound: the copy, with the same contracts, passes as it stands.
    result = lint_copy(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACTS.values():
        assert f"{name} KEPT" in result.stdout


def test_an_import_only_for_the_type_checker_does_not_count(copy):
    plant(copy, "_values/numbers.py", TYPE_CHECKING_ONLY)
    result = lint_copy(copy)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "broken", "importer"),
    [
        pytest.param(
            "_values/numbers.py",
            "import numpy",
            "light-core",
            "tmall_service._values.numbers",
            id="core-imports-numpy",
        ),
        pytest.param(
            "_files/loading.py",
            "from tmall_service._display import plots",  # which imports matplotlib
            "light-core",
            "tmall_service._files.loading",
            id="core-reaches-matplotlib-indirectly",
        ),
        pytest.param(
            "_explain/account.py",
            "from tmall_service._frames import assessing",
            "explain-off-frames",
            "tmall_service._explain.account",
            id="explain-imports-frames",
        ),
        pytest.param(
            "_explain/report.py",
            "from tmall_service._cli import portfolio",  # which imports the frame path
            "explain-off-frames",
            "tmall_service._explain.report",
            id="explain-reaches-frames-indirectly",
        ),
        pytest.param(
            "_explain/advice.py",
            "from tmall_service._frames import cells",
            "layers",
            "tmall_service._explain.advice",
            id="sibling-imports-sibling",
        ),
        pytest.param(
            "_rules/book.py",
            "from tmall_service._cli import main",
            "layers",
            "tmall_service._rules.book",
            id="rules-import-the-command-line",
        ),
        pytest.param(
            "_values/purposes.py",
            "from tmall_service._rules import book",
            "layers",
            "tmall_service._values.purposes",
            id="values-import-rules-outside-type-checking",
        ),
    ],
)
def test_a_planted_import_breaks_its_contract(copy, module, line, broken, importer):
    plant(copy, module, line)
    result = lint_copy(copy)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{CONTRACTS[broken]} BROKEN" in result.stdout
    assert importer in result.stdout
