"""The public surface of ``tmall_service``, one line per name, for review.

Every name of ``tmall_service.__all__`` is listed with what it is: a
function's signature, a class's constructor with its public methods,
properties, attributes and (for an enum) members, a constant's type and
value. ``test_snapshot.py`` compares the live API with ``snapshot.txt``, so
that a change to the API is a deliberate edit, reviewed with the changelog.

After changing the API on purpose, regenerate the file and commit it:

    python tests/api/snapshot.py --update
"""

from __future__ import annotations

import argparse
import enum
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import tmall_service as ts

SNAPSHOT = Path(__file__).with_name("snapshot.txt")
# Special methods that are part of a class's contract, shown like methods.
PROTOCOL = ("__getitem__", "__contains__", "__iter__", "__len__", "__str__")


def _signature(thing: object) -> str:
    try:
        return str(inspect.signature(thing))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"


def _own_members(cls: type) -> Iterator[tuple[str, object]]:
    """The public members *cls* and its bases in the package define, by name."""
    seen: dict[str, object] = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("tmall_service"):
            continue
        for name, member in vars(base).items():
            if name.startswith("_") and name not in PROTOCOL:
                continue
            seen[name] = member
    yield from sorted(seen.items())


def _class_lines(name: str, cls: type) -> Iterator[str]:
    bases = ", ".join(
        f"{base.__module__.split('.')[0]}.{base.__qualname__}".removeprefix("builtins.")
        for base in cls.__bases__
    )
    if issubclass(cls, enum.Enum):
        yield f"enum {name}({bases})"
        for member in cls:
            yield f"enum {name}.{member.name} = {member.value!r}"
    elif issubclass(cls, BaseException):
        yield f"exception {name}({bases})"
        return
    else:
        yield f"class {name}{_signature(cls)}  # bases: {bases}"
    fields = {field.name for field in getattr(cls, "__attrs_attrs__", ())}
    for field in sorted(fields):
        yield f"attribute {name}.{field}"
    for member_name, member in _own_members(cls):
        if member_name in fields or (issubclass(cls, enum.Enum) and member_name in cls.__members__):
            continue
        line = _member_line(f"{name}.{member_name}", member, getattr(cls, member_name))
        if line:
            yield line


def _member_line(name: str, member: object, bound: object) -> str | None:
    if isinstance(member, property):
        return f"property {name}"
    if isinstance(member, classmethod):
        return f"classmethod {name}{_signature(bound)}"
    if isinstance(member, staticmethod):
        return f"staticmethod {name}{_signature(member.__func__)}"
    if inspect.isfunction(member):
        return f"method {name}{_signature(member)}"
    if not callable(member):
        return f"attribute {name}: {type(member).__name__}"
    return None


def lines() -> list[str]:
    """The public surface: one line per name or member, names in sorted order."""
    result = []
    for name in sorted(ts.__all__):
        thing = getattr(ts, name)
        if inspect.isclass(thing):
            result.extend(_class_lines(name, thing))
        elif callable(thing) and hasattr(thing, "__name__"):  # functions, cached ones too
            result.append(f"function {name}{_signature(thing)}")
        elif name == "__version__":
            result.append(f"constant {name}: str")
        elif isinstance(thing, int | str | tuple | frozenset | type(None)) or (
            type(thing).__module__ == "decimal"
        ):
            result.append(f"constant {name}: {type(thing).__name__} = {thing!r}")
        else:
            kind = type(thing)
            result.append(f"instance {name}: {kind.__module__.split('.')[0]}.{kind.__qualname__}")
            result.extend(
                f"method {name}.{member}{_signature(getattr(thing, member))}"
                for member, _ in _own_members(kind)
                if callable(getattr(thing, member))
            )
    return result


def render() -> str:
    return "\n".join(lines()) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Check or regenerate the API snapshot.")
    parser.add_argument("--update", action="store_true", help="rewrite snapshot.txt")
    args = parser.parse_args()
    if args.update:
        SNAPSHOT.write_text(render(), encoding="utf-8")
        print(f"wrote {SNAPSHOT}")  # noqa: T201 - a script reports what it did
        return 0
    same = SNAPSHOT.read_text(encoding="utf-8") == render()
    print("the API matches the snapshot" if same else "the API differs from the snapshot")  # noqa: T201 - a script reports what it did
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
