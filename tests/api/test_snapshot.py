"""The public API is what ``snapshot.txt`` says: a change to it is a deliberate edit.

When this fails after an intended change (a new function, a renamed
argument), regenerate the snapshot, review its diff, and add a line to
CHANGELOG.md:

    python tests/api/snapshot.py --update
"""

from __future__ import annotations

import difflib
import importlib.util
import subprocess
import sys
from pathlib import Path

import tmall_service as ts

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("api_snapshot", HERE / "snapshot.py")
assert _spec is not None
assert _spec.loader is not None
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


def test_the_public_api_matches_the_snapshot():
    recorded = snapshot.SNAPSHOT.read_text(encoding="utf-8").splitlines()
    live = snapshot.lines()
    diff = "\n".join(difflib.unified_diff(recorded, live, "snapshot.txt", "live API", lineterm=""))
    assert recorded == live, (
        "The public API differs from tests/api/snapshot.txt. If the change is intended, "
        "run `python tests/api/snapshot.py --update` and add a CHANGELOG line.\n" + diff
    )


def test_every_public_name_has_a_line():
    text = snapshot.render()
    for name in ts.__all__:
        assert f" {name}" in text or f" {name}(" in text, name


def test_one_line_per_name_or_member_with_no_duplicates():
    live = snapshot.lines()
    assert len(live) == len(set(live))
    assert all(line and "\n" not in line for line in live)


def test_the_snapshot_is_the_same_under_any_hash_seed():
    script = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('s', {str(HERE / 'snapshot.py')!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "sys.stdout.write(m.render())\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert outputs.pop().decode() == snapshot.render()


def test_the_update_command_rewrites_the_file(tmp_path, monkeypatch):
    target = tmp_path / "snapshot.txt"
    monkeypatch.setattr(snapshot, "SNAPSHOT", target)
    monkeypatch.setattr(sys, "argv", ["snapshot.py", "--update"])
    assert snapshot.main() == 0
    assert target.read_text(encoding="utf-8") == snapshot.render()
    monkeypatch.setattr(sys, "argv", ["snapshot.py"])
    assert snapshot.main() == 0
    target.write_text("function gone()\n", encoding="utf-8")
    assert snapshot.main() == 1
