"""The README's Python example runs, and its commands are where CI looks for them."""

import pathlib
import re

ROOT = pathlib.Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_python_example_runs_and_its_comments_hold():
    blocks = re.findall(r"```python\n(.+?)```", README, re.DOTALL)
    block = "\n".join(blocks)  # later examples build on earlier ones
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    # Each "expression  # repr" line states what the expression gives.
    checked = 0
    for line in block.splitlines():
        expression, _, comment = line.partition("  # ")
        if comment.startswith(("Decimal(", "(", "<", "'", "[Decimal(")):
            assert repr(eval(expression, namespace)) == comment  # noqa: S307 - our README
            checked += 1
    assert checked == 15


def test_both_commands_are_marked_one_liners():
    for marker in ("main", "test"):
        match = re.search(rf"<!-- readme:{marker} -->\s*```sh\n(.+?)\n```", README, re.DOTALL)
        assert match is not None
        assert "\n" not in match.group(1)
        assert match.group(1).startswith("python3 -m venv .venv && ")
