"""Type stubs of plangloss's native module."""

from os import PathLike
from typing import Any, Iterator, Literal, Optional, Sequence, Union, overload

__version__: str

StrPath = Union[str, "PathLike[str]"]
Record = dict[str, Any]

class Pipeline:
    """The plangloss pipeline with its settings: glossaries, sentence rules,
    reading options and limits, as ``plangloss ingest`` takes them.

    Immutable and thread-safe: build it once, use it from any number of
    threads (the GIL is released while it works). Picklable: the pickle
    carries the text of its glossaries and rule files, so a Spark or Ray
    worker rebuilds the same pipeline without them.

    Raises ``FileNotFoundError``/``OSError`` when a glossary, SRX or
    document-type file cannot be read, ``ValueError`` for a bad setting or a
    file that does not parse.
    """

    def __init__(
        self,
        *,
        glossary: Sequence[StrPath] = ...,
        srx: Sequence[StrPath] = ...,
        doc_types: Sequence[StrPath] = ...,
        vi_tone: Literal["keep", "old", "new"] = "keep",
        zh_variant: Optional[Literal["off", "match", "simplified", "traditional"]] = None,
        whole_page: bool = False,
        main_text: Literal["auto", "on", "off"] = "auto",
        encoding: Optional[str] = None,
        password: Optional[str] = None,
        url_filter: Optional[str] = None,
        max_file_size: int = 256,
        max_inflated_size: int = 256,
        max_record_size: int = 128,
        ocr: Literal["auto", "off", "force"] = "auto",
        ocr_lang: Optional[Literal["vie", "chi_sim", "chi_tra"]] = None,
        ocr_timeout: int = 120,
    ) -> None:
        """Each argument is the ``ingest`` option of the same name
        (``--glossary``, ``--srx``, ``--doc-types``, ``--vi-tone``,
        ``--zh-variant``, ``--whole-page``, ``--main-text``, ``--encoding``,
        ``--password``, ``--url-filter``, the size limits in MiB, ``--ocr``,
        ``--ocr-lang`` and ``--ocr-timeout`` in seconds)."""

    def process(self, data: bytes, path: str) -> Record:
        """The record of one document held in memory, shown as ``path``.

        A document that cannot be read gives a record with an ``error``
        object, never an exception. A WARC/WET crawl holds many documents:
        it raises ``ValueError`` (use ``process_all``)."""

    def process_all(self, data: bytes, path: str) -> list[Record]:
        """Every record ``plangloss ingest`` writes for this file: one, or
        one per document of a WARC or WET crawl."""

    def process_json(self, data: bytes, path: str) -> str:
        """Exactly what ``plangloss ingest`` writes for this file: its JSON
        line, newline included (one line per document of a crawl)."""

    @overload
    def iter_paths(
        self,
        paths: Sequence[StrPath],
        jobs: Optional[int] = None,
        *,
        base: Optional[StrPath] = None,
        as_json: Literal[False] = False,
    ) -> "Records": ...
    @overload
    def iter_paths(
        self,
        paths: Sequence[StrPath],
        jobs: Optional[int] = None,
        *,
        base: Optional[StrPath] = None,
        as_json: Literal[True],
    ) -> "Records": ...
    def iter_paths(
        self,
        paths: Sequence[StrPath],
        jobs: Optional[int] = None,
        *,
        base: Optional[StrPath] = None,
        as_json: bool = False,
    ) -> "Records":
        """The records of the files and folders in ``paths``, in the order
        ``plangloss ingest PATHS…`` writes them (folders walked, hidden
        entries skipped), made on ``jobs`` threads (default: one per CPU)
        while you iterate; identical whatever ``jobs`` is.

        With ``base``, relative paths are taken under it and every path
        under it is shown relative to it (``ingest --files-from --base``).
        ``as_json=True`` yields each record's JSON line (newline included)
        instead of a dict. Dropping the iterator stops the batch."""

class Records(Iterator[Any]):
    """The records of ``Pipeline.iter_paths``, in path order: dicts, or JSON
    lines with ``as_json=True``. Raises ``RuntimeError`` if the batch
    itself stops (it never does for a bad document: that is a record)."""

    def __iter__(self) -> "Records": ...
    def __next__(self) -> Any: ...

def _run_cli(argv: Sequence[Union[str, bytes]]) -> int:
    """Runs the ``plangloss`` command line (``argv[0]`` is the program
    name) in this process and returns its exit status."""
