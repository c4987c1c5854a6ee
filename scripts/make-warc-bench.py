#!/usr/bin/env python3
"""Writes a Common Crawl-like WARC for the throughput and memory benchmark
of scripts/bench-warc.sh (stdlib only):

    python3 scripts/make-warc-bench.py OUT.warc.gz [MEGABYTES]
    python3 scripts/make-warc-bench.py OUT.warc.gz huge

The HTML pages of corpora/ and ../shared/corpus are cycled as request /
response / metadata triples, one gzip member per record, until the file
reaches MEGABYTES (default 100) on disk: every tenth response is a 404 and
every tenth an image/png. With `huge`, the file is one response of 300 MB
(compressible, so small on disk), to append: a block over --max-file-size
must be read past, never held.
"""
import gzip
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATE = "2025-07-01T08:00:00Z"


def record(kind, uri, record_id, block, content_type):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Date: {DATE}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def response(status, media_type, body):
    return f"HTTP/1.1 {status}\r\nContent-Type: {media_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def pages():
    found = sorted((ROOT / "corpora").rglob("*.html"))
    found += sorted((ROOT / "../shared/corpus").rglob("*.html"))
    return [p.read_bytes() for p in found if "gold" not in str(p)]


def main(out, megabytes):
    bodies = pages()
    limit = megabytes * 1_000_000
    written, n = 0, 0
    with open(out, "wb") as stream:
        def put(member):
            nonlocal written
            stream.write(member)
            written += len(member)

        while written < limit:
            uri = f"https://site{n % 97}.example.vn/page/{n}"
            put(record("request", uri, f"req-{n}", b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request"))
            if n % 10 == 3:
                block = response("404 Not Found", "text/html", b"<p>Not found</p>")
            elif n % 10 == 7:
                block = response("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(2000))
            else:
                block = response("200 OK", "text/html", bodies[n % len(bodies)])
            put(record("response", uri, f"resp-{n}", block, "application/http; msgtype=response"))
            put(record("metadata", uri, f"meta-{n}", b"fetchTimeMs: 120\r\n", "application/warc-fields"))
            n += 1
    print(f"{out}: {written / 1e6:.0f} MB, {n} captures")


def huge(out):
    body = response("200 OK", "text/html", b"<p>" + b"a" * 300_000_000)
    with open(out, "wb") as stream:
        stream.write(record("response", "https://example.vn/huge", "huge", body, "application/http; msgtype=response"))


if __name__ == "__main__":
    if sys.argv[2:] == ["huge"]:
        huge(sys.argv[1])
    else:
        main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
