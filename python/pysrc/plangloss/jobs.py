"""Helpers for running plangloss in distributed engines (Spark, Ray, Dask…).

They live in the package, not in the example jobs, so that the functions a
job ships to its workers are importable there from the installed wheel:

- :func:`add_output_options`: what every ingest job takes: ROOT, where to
  write, the format, the blocks table, overwriting and sorting;
- :func:`add_pipeline_options` and :func:`pipeline_from_args`: the reading
  options of ``plangloss ingest`` on an ``argparse`` parser, under the same
  names, and the :class:`plangloss.Pipeline` they describe;
- :func:`record_lines`: one file's record lines, as ``ingest`` writes them;
- :func:`summary_row` and :data:`RECORD_COLUMNS`: the columns a table of
  records has beside the whole line;
- :func:`error_line` and :func:`too_large_line`: records for a file a job
  could not hand to the pipeline, laid out as the pipeline's own.
"""

from __future__ import annotations

import argparse
import json
from typing import Optional

from ._plangloss import Pipeline

MIB = 1 << 20

#: The columns of a table of records: a summary of each record, then the
#: whole JSON line (``record``).
RECORD_COLUMNS = ["path", "format", "lang", "sha256", "bytes", "error_kind", "record"]


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_output_options(parser: argparse.ArgumentParser, roots: str) -> None:
    """Adds ROOT (``roots``: examples of what it may be) and the output
    options every ingest job takes."""
    parser.add_argument("root", help=f"folder or URI to read recursively ({roots})")
    parser.add_argument("--output", required=True, metavar="DIR",
                        help="output folder or URI; must not exist yet unless --overwrite")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl",
                        help="jsonl: the record lines only (default); parquet: every column")
    parser.add_argument("--blocks", metavar="DIR",
                        help="also write a Parquet table of the blocks, one row per block")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the output folders if they exist (default: fail)")
    parser.add_argument("--sort", action="store_true",
                        help="sort the records as `plangloss ingest` writes them; the output "
                        "files follow that order")


def add_pipeline_options(parser: argparse.ArgumentParser) -> None:
    """Adds the reading options of ``plangloss ingest`` to ``parser``, under
    the same names; :func:`pipeline_from_args` builds the pipeline."""
    group = parser.add_argument_group("plangloss options (as for `plangloss ingest`)")
    group.add_argument("--glossary", action="append", default=[], metavar="FILE",
                       help="glossary TSV to apply; repeat for several, earlier files win")
    group.add_argument("--srx", action="append", default=[], metavar="FILE",
                       help="SRX 2.0 sentence-rule file tried before the shipped rules; repeatable")
    group.add_argument("--doc-types", action="append", default=[], metavar="FILE",
                       help="document-type rules extending the shipped ones; repeatable")
    group.add_argument("--vi-tone", choices=["keep", "old", "new"], default="keep",
                       help="where Vietnamese tone marks go in oa/oe/uy (default: keep)")
    group.add_argument("--zh-variant", choices=["match", "simplified", "traditional"],
                       help="match glossary terms across Chinese scripts, or rewrite to one")
    group.add_argument("--whole-page", action="store_true",
                       help="HTML and scraped text: keep the whole page, not only the article")
    group.add_argument("--main-text", choices=["auto", "on", "off"], default="auto",
                       help="plain text: keep only the article of a scraped page (default: auto)")
    group.add_argument("--encoding", metavar="LABEL",
                       help="read every text and HTML file in this encoding (utf-8, gbk, tcvn3…)")
    group.add_argument("--password", help="user password for encrypted PDFs")
    group.add_argument("--url-filter", metavar="REGEX",
                       help="WARC/WET files: read only the records whose URL matches")
    group.add_argument("--max-file-size", type=positive_int, default=256, metavar="MIB",
                       help="largest document to read, in MiB (default: 256)")
    group.add_argument("--max-inflated-size", type=positive_int, default=256, metavar="MIB",
                       help="most XML one DOCX/XLSX/ODS may inflate to (zip bombs), largest "
                       "PDF or OLE2 stream, in MiB (default: 256)")
    group.add_argument("--max-record-size", type=positive_int, default=128, metavar="MIB",
                       help="most memory one record may take beyond its text, in MiB "
                       "(default: 128)")
    group.add_argument("--ocr", choices=["auto", "off", "force"], default="auto",
                       help="scanned PDF pages read by OCR (Tesseract 5 on the workers): auto "
                       "for pages with no text layer (default), force for every page with images "
                       "and the pictures in DOCX bodies")
    group.add_argument("--ocr-lang", choices=["vie", "chi_sim", "chi_tra"],
                       help="the language of every scanned page (default: found per page)")
    group.add_argument("--ocr-timeout", type=positive_int, default=120, metavar="SECONDS",
                       help="the most OCR may spend on one page (default: 120)")


def pipeline_from_args(args: argparse.Namespace) -> Pipeline:
    """The pipeline the options of :func:`add_pipeline_options` describe."""
    return Pipeline(
        glossary=args.glossary,
        srx=args.srx,
        doc_types=args.doc_types,
        vi_tone=args.vi_tone,
        zh_variant=args.zh_variant,
        whole_page=args.whole_page,
        main_text=args.main_text,
        encoding=args.encoding,
        password=args.password,
        url_filter=args.url_filter,
        max_file_size=args.max_file_size,
        max_inflated_size=args.max_inflated_size,
        max_record_size=args.max_record_size,
        ocr=args.ocr,
        ocr_lang=args.ocr_lang,
        ocr_timeout=args.ocr_timeout,
    )


def record_lines(pipeline: Pipeline, data: bytes, path: str) -> list[str]:
    """The JSON lines of one file, without their newlines: one, or one per
    document of a web crawl. Split on "\\n" only: a record may hold U+2028
    or U+0085, which ``str.splitlines`` breaks on."""
    return pipeline.process_json(data, path).split("\n")[:-1]


def summary_row(line: str) -> tuple:
    """The values of the first six :data:`RECORD_COLUMNS` for one record
    line: path, format, lang, sha256, bytes, error kind (None when read)."""
    record = json.loads(line)
    error = record.get("error")
    return (record["path"], record["format"], record["lang"], record["sha256"],
            record["bytes"], error["kind"] if error else None)


def records_arrow_schema():
    """The columns of a table of records as a pyarrow schema:
    :data:`RECORD_COLUMNS`, then what puts the records in ``ingest``'s
    order: ``source`` (the record path of the file they come from) and
    ``record_index`` (the document's index within that file: a crawl holds
    several)."""
    import pyarrow as pa

    return pa.schema([
        ("path", pa.string()), ("format", pa.string()), ("lang", pa.string()),
        ("sha256", pa.string()), ("bytes", pa.int64()), ("error_kind", pa.string()),
        ("record", pa.string()), ("source", pa.string()), ("record_index", pa.int32()),
    ])


def error_template(pipeline: Pipeline) -> dict:
    """A failed document's record, whose layout :func:`error_line` copies."""
    return json.loads(record_lines(pipeline, b"", "template")[0])


def error_line(template: dict, path: str, size: int, sha256: Optional[str],
               kind: str, message: str) -> str:
    """A failed document's JSON line, laid out as ``template``
    (:func:`error_template`)."""
    record = dict(template)
    record.update(path=path, format=None, sha256=sha256, bytes=size, lang="und")
    record["error"] = {"kind": kind, "message": message}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def too_large_line(template: dict, path: str, size: int, max_file_mib: int,
                   max_read_mib: int, job: str) -> str:
    """The line ``plangloss ingest`` writes for a file over
    ``--max-file-size``; for a file under it but over what the ``job``
    reads (``--max-read-size``), a line saying so."""
    if size > max_file_mib * MIB:
        limit = f"the {max_file_mib} MiB limit (--max-file-size)"
    else:
        limit = f"the {max_read_mib} MiB the {job} job reads (--max-read-size)"
    message = f"file is {size >> 20} MiB, more than {limit}"
    return error_line(template, path, size, None, "too_large", message)
