"""Reading rule book files (TOML or JSON), the bundled example included."""

from __future__ import annotations

import functools
import json
import os
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

from ._converter import converter
from ._editions import Editions
from ._errors import RuleBookError
from ._files import open_regular
from ._rules import RuleBook
from ._schema import json_schema
from ._schemes import Scheme

T = TypeVar("T", RuleBook, Editions)

__all__ = [
    "MAX_FILE_BYTES",
    "example_rulebook",
    "load_editions",
    "load_rulebook",
    "rulebook_json_schema",
]

MAX_FILE_BYTES: Final = 16 * 1024 * 1024
"""The largest rule book file read; a real edition is a few kilobytes."""

_FORMATS: Final = (".toml", ".json")
_EXAMPLES: Final = {
    Scheme.TMALL: "example-edition.toml",
    Scheme.TAOBAO: "example-taobao-edition.toml",
}


def _refuse_constant(name: str) -> Any:  # noqa: ANN401 - json's hook signature
    msg = f"{name} is not a number a rule book may hold"
    raise ValueError(msg)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON would keep the last of two equal keys without a word; TOML refuses them.
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            msg = f"the key {key!r} appears twice in one table"
            raise ValueError(msg)
        table[key] = value
    return table


def _parse_document(text: str, suffix: str) -> object:
    if suffix == ".toml":
        return tomllib.loads(text, parse_float=Decimal)
    document = json.loads(
        text,
        parse_float=Decimal,
        parse_constant=_refuse_constant,
        object_pairs_hook=_unique_keys,
    )
    try:
        # JSON can escape half of a UTF-16 pair ("\ud800"), which is no Unicode
        # text: TOML refuses it, and no result file could be written with it.
        json.dumps(document, ensure_ascii=False, default=str).encode()
    except UnicodeEncodeError:
        msg = "a string holds a lone surrogate escape such as \\ud800, which is not text"
        raise ValueError(msg) from None
    return document


def _read_document(file: Path) -> tuple[str, str]:
    """The text of a rule book file and its suffix, or a ``RuleBookError``."""
    suffix = file.suffix.lower()
    if suffix not in _FORMATS:
        msg = f"{file}: {file.suffix!r} is not a rule book format; expected .toml or .json"
        raise RuleBookError(msg)
    opened = open_regular(
        file,
        expected="a rule book is a .toml or .json file",
        max_bytes=MAX_FILE_BYTES,
        remedy="not a rule book",
    )
    try:
        with opened as stream:
            # A file's size may understate what it yields (one being appended
            # to), so the read itself stops past the limit.
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        msg = f"{file}: cannot be read: {error.strerror or error}"
        raise RuleBookError(msg) from None
    if len(data) > MAX_FILE_BYTES:
        msg = f"{file}: larger than {MAX_FILE_BYTES} bytes; not a rule book"
        raise RuleBookError(msg)
    try:
        return data.decode("utf-8-sig"), suffix
    except UnicodeDecodeError as error:
        msg = f"{file}: not UTF-8 text (byte {error.start}): save it as UTF-8"
        raise RuleBookError(msg) from None


def _parse(text: str, suffix: str, source: str, kind: type[T]) -> T:
    try:
        document = _parse_document(text, suffix)
    except (ValueError, RecursionError) as error:
        # tomllib.TOMLDecodeError and json.JSONDecodeError are ValueErrors.
        msg = f"{source}: not valid {suffix[1:].upper()}: {error}"
        raise RuleBookError(msg) from None
    if not isinstance(document, dict):
        msg = f"{source}: $: a rule book is a table of fields, not {type(document).__name__}"
        raise RuleBookError(msg)
    try:
        if kind is Editions and "editions" not in document:
            # A file of one edition: its field paths stay those of a rule book.
            return Editions([converter.structure(document, RuleBook)])  # type: ignore[return-value]
        return converter.structure(document, kind)
    except RuleBookError as error:
        msg = f"{source}: {error}"
        raise RuleBookError(msg) from error.__cause__


def load_rulebook(path: str | os.PathLike[str]) -> RuleBook:
    """Read a rule book from a ``.toml`` or ``.json`` file.

    The file holds :data:`~tmall_service.converter`'s unstructured form of a
    :class:`~tmall_service.RuleBook`; a key whose value would be null may be
    left out. A malformed file raises :class:`~tmall_service.RuleBookError`
    naming the file and the field.

    >>> import json, pathlib, tempfile
    >>> import tmall_service as ts
    >>> book = ts.example_rulebook()
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "edition.json"
    >>> _ = path.write_text(json.dumps(ts.converter.unstructure(book)), encoding="utf-8")
    >>> ts.load_rulebook(path) == book
    True
    """
    file = Path(path)
    text, suffix = _read_document(file)
    return _parse(text, suffix, str(file), RuleBook)


def load_editions(path: str | os.PathLike[str]) -> Editions:
    r"""Read several editions: a folder of rule book files, or one file of editions.

    A folder gives one edition per ``.toml`` or ``.json`` file in it (other
    files are ignored; folders inside it are not followed). A file holds
    either one edition or a table ``editions`` listing several. The editions'
    effective dates must not overlap.

    >>> import pathlib, tempfile
    >>> import tmall_service as ts
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for year in (2023, 2024):
    ...     _ = (folder / f"{year}.toml").write_text(
    ...         f'name = "{year}"\neffective_from = "{year}-01-01"\n'
    ...         f'effective_to = "{year}-12-31"\nprofiles = {{}}\n', encoding="utf-8")
    >>> [book.name for book in ts.load_editions(folder)]
    ['2023', '2024']
    """
    place = Path(path)
    if not place.exists():
        msg = f"{place}: no such file or folder"
        raise RuleBookError(msg)
    if not place.is_dir():
        text, suffix = _read_document(place)
        return _parse(text, suffix, str(place), Editions)
    files = sorted(
        entry for entry in place.iterdir() if entry.is_file() and entry.suffix.lower() in _FORMATS
    )
    if not files:
        msg = f"{place}: holds no .toml or .json rule book files"
        raise RuleBookError(msg)
    books = [load_rulebook(file) for file in files]
    try:
        return Editions(books)
    except RuleBookError as error:
        spans = "; ".join(
            f"{file.name}: {book.effective_from or '…'}..{book.effective_to or '…'}"
            for file, book in zip(files, books, strict=True)
        )
        msg = f"{place}: {error} (the files: {spans})"
        raise RuleBookError(msg) from None


def rulebook_json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule book file, for editors that validate.

    The same schema ships as ``tmall_service/data/rulebook.schema.json``.

    >>> import tmall_service as ts
    >>> schema = ts.rulebook_json_schema()
    >>> sorted(schema["$defs"])
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Exemption', 'IndicatorScale', 'IndicatorScales', 'RuleBook', 'ScalePoint',
     'TaobaoWeights', 'WeightProfile']
    >>> schema["$defs"]["RuleBook"]["required"]
    ['profiles']
    """
    return json_schema()


@functools.cache
def example_rulebook(scheme: Scheme = Scheme.TMALL) -> RuleBook:
    """A bundled example edition: illustrative figures, not Tmall's table.

    The Tmall edition uses the sources' worked-example weights for apparel
    (服饰) and made-up weights, thresholds, settings and two exemptions
    elsewhere, so that every rule has something to act on. The Taobao
    edition (``scheme=Scheme.TAOBAO``) is made up throughout: the sources
    name Taobao's five areas but publish no weights. Load your own edition
    with :func:`load_rulebook`.

    >>> import tmall_service as ts
    >>> book = ts.example_rulebook()
    >>> book.name
    'Example edition (illustrative, not official)'
    >>> book.profiles["服饰"].logistics
    Decimal('0.3')
    >>> ts.example_rulebook(ts.Scheme.TAOBAO).scheme
    <Scheme.TAOBAO: 'taobao'>
    """
    name = _EXAMPLES[_member_of(scheme)]
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return _parse(text, ".toml", f"tmall_service/data/{name}", RuleBook)


def _member_of(scheme: object) -> Scheme:
    if not isinstance(scheme, Scheme):
        msg = f"scheme: {scheme!r} is not a Scheme; expected Scheme.TMALL or Scheme.TAOBAO"
        raise RuleBookError(msg)
    return scheme
