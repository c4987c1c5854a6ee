#!/usr/bin/env python3
"""Writes the WARC/WET test set of tests/e2e/warc.rs into tests/fixtures/warc/,
with warcio (the Webrecorder library most crawlers' tools use), so that our
reader is tested on files another writer made:

    python3 -m venv ~/peers && ~/peers/bin/pip install warcio
    ~/peers/bin/python scripts/make-warc-testset.py

Files (byte-stable: fixed record ids and dates):
  crawl.warc.gz   WARC/1.1, one gzip member per record (Common Crawl's form):
                  the twelve portal pages of corpora/*/web as 200 responses
                  (each after its request record), one of them gzip- and
                  chunk-encoded, one whose HTTP header names its charset,
                  two whose header names a wrong one; a 404, a PNG, a record marked
                  WARC-Truncated, a revisit and a metadata record
  crawl.warc      the same records, uncompressed
  crawl.warc.wet.gz  WARC/1.0 WET: a warcinfo and one conversion record per
                  page (the page's visible text in UTF-8, as Common Crawl
                  writes it; needs `cargo build --release` first)
  damaged.warc.gz crawl.warc.gz with one member's deflate data broken and
                  the file cut inside its last record
"""
import gzip
import io
import subprocess
import pathlib
import zlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests/fixtures/warc"
DATE = "2025-07-01T08:00:00Z"


def page_files():
    return sorted((ROOT / "corpora").glob("*/web/*.html"))


def uuid(n):
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def chunked(body, size=1000):
    parts = [b"%x;ext=1\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size])
             for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def write_crawl(stream, gzipped):
    writer = WARCWriter(stream, gzip=gzipped, warc_version="1.1")
    info = writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: warcio\r\n"),
                                     warc_content_type="application/warc-fields",
                                     warc_headers_dict={"WARC-Record-ID": uuid(0), "WARC-Date": DATE})
    writer.write_record(info)
    n = 1
    for path in page_files():
        url = f"https://{path.stem}.example.vn/"
        body = path.read_bytes()
        headers = [("Content-Type", "text/html")]
        if path.stem == "binhan-dskhhgd-ngay-dan-so-11-7":
            body = chunked(gzip.compress(body, mtime=0))
            headers += [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        if path.stem == "weijian-mianyi-buzhong-tongzhi-gb18030":
            # The server names the charset the bytes are in.
            headers = [("Content-Type", "text/html; charset=GB18030")]
        if path.stem == "soyte-nguoi-cao-tuoi-nfd":
            # Mis-declared: UTF-8 bytes the server calls gb2312.
            headers = [("Content-Type", "text/html; charset=gb2312")]
        if path.stem == "big5-shequ-jiankang-cujin":
            # Mis-declared: Big5 bytes under a server's Western default.
            headers = [("Content-Type", "text/html; charset=ISO-8859-1")]
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                            warc_headers_dict={"WARC-Record-ID": uuid(n), "WARC-Date": DATE})
        writer.write_record(request)
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Record-ID": uuid(n + 1), "WARC-Date": DATE})
        writer.write_record(response)
        n += 2
    extras = [
        ("https://example.vn/missing", "404 Not Found", [("Content-Type", "text/html")], b"<p>Not found</p>", {}),
        ("https://example.vn/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n", {}),
        ("https://example.vn/cut", "200 OK", [("Content-Type", "text/html")], b"<p>K\xe1\xba\xbf ho\xe1\xba\xa1ch", {"WARC-Truncated": "length"}),
    ]
    for url, status, headers, body, more in extras:
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Record-ID": uuid(n), "WARC-Date": DATE, **more})
        writer.write_record(record)
        n += 1
    metadata = writer.create_warc_record("https://example.vn/", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
                                         warc_content_type="application/warc-fields",
                                         warc_headers_dict={"WARC-Record-ID": uuid(n), "WARC-Date": DATE})
    writer.write_record(metadata)


def text_of(path):
    """The page's visible text, one block per line, UTF-8: what a WET
    conversion holds (plangloss's own --whole-page text, built first)."""
    run = subprocess.run([ROOT / "target/release/plangloss", "text", "--whole-page", path],
                         capture_output=True, check=True)
    return run.stdout


def write_wet(stream):
    writer = WARCWriter(stream, gzip=True, warc_version="1.0")
    info = writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: warcio\r\n"),
                                     warc_content_type="application/warc-fields",
                                     warc_headers_dict={"WARC-Record-ID": uuid(0), "WARC-Date": DATE})
    writer.write_record(info)
    for n, path in enumerate(page_files(), start=1):
        text = text_of(path)
        record = writer.create_warc_record(
            f"https://{path.stem}.example.vn/", "conversion", payload=io.BytesIO(text), length=len(text),
            warc_content_type="text/plain",
            warc_headers_dict={"WARC-Record-ID": uuid(100 + n), "WARC-Date": DATE,
                               "WARC-Refers-To": uuid(2 * n),
                               "WARC-Identified-Content-Language": "zho" if "/zh/" in str(path) else "vie"})
        writer.write_record(record)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, gzipped in [("crawl.warc.gz", True), ("crawl.warc", False)]:
        with open(OUT / name, "wb") as stream:
            write_crawl(stream, gzipped)
    with open(OUT / "crawl.warc.wet.gz", "wb") as stream:
        write_wet(stream)
    data = bytearray((OUT / "crawl.warc.gz").read_bytes())
    # Break the deflate data of the fourth member (the second page's
    # response) and cut the file inside its last record.
    starts = [i for i in range(len(data) - 2) if data[i:i + 3] == b"\x1f\x8b\x08"]
    victim = starts[4]
    middle = (victim + starts[5]) // 2
    data[middle:middle + 4] = bytes(b ^ 0xFF for b in data[middle:middle + 4])
    (OUT / "damaged.warc.gz").write_bytes(bytes(data[:len(data) - 40]))
    for path in sorted(OUT.iterdir()):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
