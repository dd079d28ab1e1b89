"""Reading rule books (TOML or JSON): files, open files, text, bytes and mappings.

Every form goes the same way, text to a document to a rule book, so each
gives the same rule book and the same errors; a file's errors begin with
its name.
"""

from __future__ import annotations

import functools
import json
import os
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import IO, Any, Final, Literal, TypeVar

from tmall_service._rules.book import RuleBook
from tmall_service._rules.editions import Editions
from tmall_service._values.errors import InvalidOptionError, RuleBookError, shown
from tmall_service._values.schemes import Scheme

from .converter import converter
from .opening import open_regular
from .schema import json_schema

T = TypeVar("T", RuleBook, Editions)

__all__ = [
    "MAX_FILE_BYTES",
    "example_rulebook",
    "load_editions",
    "load_rulebook",
    "loads_rulebook",
    "rulebook_from_dict",
    "rulebook_json_schema",
]

Format = Literal["toml", "json"]
"""The formats of a rule book's text."""

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


def _where(source: str | None) -> str:
    """The start of a message about *source*: its name, or nothing for text or data."""
    return "" if source is None else f"{source}: "


def _suffix_of(format: object) -> str:  # noqa: A002 - the keyword's name
    """The suffix of a *format* the caller named, or an :class:`InvalidOptionError`."""
    if not isinstance(format, str) or f".{format}" not in _FORMATS:
        msg = f"format: {shown(format)} is not a rule book format; write 'toml' or 'json'"
        raise InvalidOptionError(msg)
    return f".{format}"


def _too_large(source: str | None) -> RuleBookError:
    return RuleBookError(f"{_where(source)}larger than {MAX_FILE_BYTES} bytes; not a rule book")


def _decoded(data: bytes, source: str | None) -> str:
    """The UTF-8 text of *data* (a byte order mark dropped), within the size limit."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = f"{_where(source)}not UTF-8 text (byte {error.start}): save it as UTF-8"
        raise RuleBookError(msg) from None


def _checked_text(text: str, source: str | None) -> str:
    """*text*, refused as a file's bytes would be: too large, or not UTF-8 (a lone surrogate)."""
    if len(text) > MAX_FILE_BYTES:  # no character is less than a byte
        raise _too_large(source)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as error:
        # Decoding a file never gives one; TOML would read it without a word.
        msg = (
            f"{_where(source)}not UTF-8 text (character {error.start} is a lone "
            "surrogate such as \\ud800)"
        )
        raise RuleBookError(msg) from None
    if size > MAX_FILE_BYTES:
        raise _too_large(source)
    return text.removeprefix("\ufeff")  # a byte order mark, as a file's is dropped


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


def _read_document(file: Path, suffix: str | None = None) -> tuple[str, str]:
    """The text of a rule book file and its suffix (*suffix*, if given), or a ``RuleBookError``."""
    if suffix is None:
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
    return _decoded(data, str(file)), suffix


def _parse(text: str, suffix: str, source: str | None, kind: type[T]) -> T:
    try:
        document = _parse_document(text, suffix)
    except (ValueError, RecursionError) as error:
        # tomllib.TOMLDecodeError and json.JSONDecodeError are ValueErrors.
        msg = f"{_where(source)}not valid {suffix[1:].upper()}: {error}"
        raise RuleBookError(msg) from None
    return _structure(document, source, kind)


def _structure(document: object, source: str | None, kind: type[T]) -> T:
    if not isinstance(document, Mapping):
        msg = f"{_where(source)}$: a rule book is a table of fields, not {type(document).__name__}"
        raise RuleBookError(msg)
    try:
        if kind is Editions and "editions" not in document:
            # A file of one edition: its field paths stay those of a rule book.
            return Editions([converter.structure(document, RuleBook)])  # type: ignore[return-value]
        return converter.structure(document, kind)
    except RuleBookError as error:
        if source is None:
            raise
        msg = f"{source}: {error}"
        raise RuleBookError(msg) from error.__cause__


def _read_stream(stream: IO[Any], format: Format | None) -> tuple[str, str, str | None]:  # noqa: A002 - the public keyword
    """The text of an open file, its format's suffix and its name, if it has one."""
    name = getattr(stream, "name", None)
    source = os.fsdecode(name) if isinstance(name, str | bytes | os.PathLike) else None
    if format is not None:
        suffix = _suffix_of(format)
    elif source is not None and Path(source).suffix.lower() in _FORMATS:
        suffix = Path(source).suffix.lower()
    else:
        shown_as = "the open file" if source is None else source
        msg = (
            f"{shown_as}: no .toml or .json name to tell the format by; "
            "give format='toml' or format='json'"
        )
        raise RuleBookError(msg)
    try:
        # At most one past the limit, as from a file by its path.
        data = stream.read(MAX_FILE_BYTES + 1)
    except UnicodeDecodeError as error:  # a text file, in an encoding that does not fit it
        msg = (
            f"{_where(source)}not text in its encoding ({error.reason} at byte {error.start}); "
            "open the file in binary mode ('rb') to read it as UTF-8"
        )
        raise RuleBookError(msg) from None
    except (OSError, ValueError) as error:  # closed, or not open for reading
        msg = f"{_where(source)}cannot be read: {getattr(error, 'strerror', None) or error}"
        raise RuleBookError(msg) from None
    if isinstance(data, str):
        return _checked_text(data, source), suffix, source
    if isinstance(data, bytes | bytearray):
        return _decoded(bytes(data), source), suffix, source
    msg = f"{_where(source)}read() gave {shown(data)}, not bytes or text"
    raise RuleBookError(msg)


def load_rulebook(
    path: str | os.PathLike[str] | IO[bytes] | IO[str],
    *,
    format: Format | None = None,  # noqa: A002 - the name of the option, as in loads_rulebook
) -> RuleBook:
    """Read a rule book from a ``.toml`` or ``.json`` file: *path*, or a file already open.

    The file holds :data:`~tmall_service.converter`'s unstructured form of a
    :class:`~tmall_service.RuleBook`; a key whose value would be null may be
    left out. The format is the file name's suffix; *format* (``"toml"`` or
    ``"json"``) overrides it, and tells it for an open file without a name
    (an ``io.BytesIO``). An open file is read from where it stands, as bytes
    in UTF-8 or, opened in text mode, as text. A malformed file raises
    :class:`~tmall_service.RuleBookError` naming the file and the field.

    >>> import io, json, pathlib, tempfile
    >>> import tmall_service as ts
    >>> book = ts.example_rulebook()
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "edition.json"
    >>> _ = path.write_text(json.dumps(ts.converter.unstructure(book)), encoding="utf-8")
    >>> ts.load_rulebook(path) == book
    True
    >>> with open(path, "rb") as file:
    ...     ts.load_rulebook(file) == book
    True
    >>> ts.load_rulebook(io.BytesIO(path.read_bytes()), format="json") == book
    True
    """
    if isinstance(path, str | os.PathLike):
        file = Path(path)
        suffix = None if format is None else _suffix_of(format)
        text, suffix = _read_document(file, suffix)
        return _parse(text, suffix, str(file), RuleBook)
    if callable(getattr(path, "read", None)):
        text, suffix, name = _read_stream(path, format)
        return _parse(text, suffix, name, RuleBook)
    msg = (
        f"path: {shown(path)} is not a path or an open file; "
        "for a rule book's text or bytes, use loads_rulebook"
    )
    raise RuleBookError(msg)


def loads_rulebook(data: str | bytes, *, format: Format = "toml") -> RuleBook:  # noqa: A002 - the public keyword
    """Read a rule book from its text (or UTF-8 bytes): what a file would hold.

    *format* is ``"toml"`` (the default) or ``"json"``. The rule book and
    the errors are those of :func:`load_rulebook` reading a file with the
    same text, only without a file name to begin the message.

    >>> import tmall_service as ts
    >>> book = ts.loads_rulebook('''
    ... name = "My edition"
    ... [profiles."服饰"]
    ... product = "0.2"
    ... logistics = "0.3"
    ... after_sales = "0.2"
    ... dispute = "0.2"
    ... consultation = "0.1"
    ... ''')
    >>> book.profiles["服饰"].logistics
    Decimal('0.3')
    >>> ts.loads_rulebook('{"profiles": {}, "thresholds": {"marketing_access": 43}}', format="json")
    Traceback (most recent call last):
    ...
    tmall_service.RuleBookError: invalid RuleBook:
      $.thresholds.marketing_access: 43 is outside [0, 5]
    """
    suffix = _suffix_of(format)
    if isinstance(data, str):
        text = _checked_text(data, None)
    elif isinstance(data, bytes | bytearray):
        text = _decoded(bytes(data), None)
    else:
        msg = (
            f"data: {shown(data)} is not text or bytes; "
            "for a file, use load_rulebook, and for a mapping, rulebook_from_dict"
        )
        raise RuleBookError(msg)
    return _parse(text, suffix, None, RuleBook)


def rulebook_from_dict(mapping: Mapping[str, Any]) -> RuleBook:
    """A rule book from a mapping of its fields: the document of a file, already read.

    The mapping is :data:`~tmall_service.converter`'s unstructured form of a
    :class:`~tmall_service.RuleBook` (``converter.unstructure(book)``, or
    ``json.load`` of a rule book file). The rule book and the errors are
    those of :func:`load_rulebook` reading that document from a file, only
    without a file name to begin the message.

    >>> import tmall_service as ts
    >>> book = ts.rulebook_from_dict({"name": "Mine", "profiles": {},
    ...                               "excluded_categories": ["汽车"]})
    >>> book.excluded_categories
    frozenset({'汽车'})
    >>> example = ts.example_rulebook()
    >>> ts.rulebook_from_dict(ts.converter.unstructure(example)) == example
    True
    >>> ts.rulebook_from_dict({"profiles": {}, "colour": "red"})
    Traceback (most recent call last):
    ...
    tmall_service.RuleBookError: invalid RuleBook:
      $: unknown key colour
    """
    if isinstance(mapping, Mapping):
        try:
            # What a file's text could not hold: a lone surrogate, half of a UTF-16 pair.
            json.dumps(mapping, ensure_ascii=False, skipkeys=True, default=_plain).encode()
        except UnicodeEncodeError:
            msg = "$: a string holds a lone surrogate such as \\ud800, which is not text"
            raise RuleBookError(msg) from None
        except (TypeError, ValueError, RecursionError):
            pass  # a value no file holds: the converter names it by its path
    return _structure(mapping, None, RuleBook)


def _plain(value: object) -> object:
    """A value :func:`json.dumps` cannot write, for the surrogate check alone.

    Tables and sets are walked (their names may hold a surrogate); anything
    else is left to the converter, and no iterator is used up here.
    """
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return list(value)
    return None


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
    text = resources.files("tmall_service").joinpath("data", name).read_text("utf-8")
    return _parse(text, ".toml", f"tmall_service/data/{name}", RuleBook)


def _member_of(scheme: object) -> Scheme:
    if not isinstance(scheme, Scheme):
        msg = f"scheme: {scheme!r} is not a Scheme; expected Scheme.TMALL or Scheme.TAOBAO"
        raise RuleBookError(msg)
    return scheme
