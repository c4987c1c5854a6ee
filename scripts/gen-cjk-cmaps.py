#!/usr/bin/env python3
"""Builds src/extract/pdf/data/cjk-cmaps.bin: the predefined Chinese CMaps
(code -> CID) and the Adobe-GB1 / Adobe-CNS1 CID -> Unicode tables that PDFs
with non-embedded Chinese fonts rely on, compacted for the extractor.

Source: Adobe's CMap resources as packaged by Debian's poppler-data
(/usr/share/poppler/cMap: the CMaps, and Adobe-GB1-UCS2 / Adobe-CNS1-UCS2
for CID -> Unicode), BSD-3-Clause,
Copyright 1990-2019 Adobe; the notice is in src/extract/pdf/data/ADOBE-CMAPS-LICENSE.

Usage: apt-get install -y poppler-data && scripts/gen-cjk-cmaps.py

Vertical (-V) CMaps are not stored: they differ from their -H CMap only in
the CIDs of vertical punctuation forms, and the extractor reads text, so it
looks -V names up as -H.

Format (all integers unsigned LEB128 varints, "zz" = zigzag-encoded signed):
  b"PGCMAP1\\n"
  n_collections, then per collection: name_len, name, n_runs,
      per run: cid - previous run end, length - 1, zz(first code point - previous run's last)
  n_cmaps, then per cmap: name_len, name, collection index,
      n_codespace, per: byte_count, low, high
      n_ranges (sorted by byte count, then low code), per range:
          byte_count, low - previous low (same byte count) or low, high - low, cid
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POPPLER = "/usr/share/poppler"
OUT = os.path.join(ROOT, "src/extract/pdf/data/cjk-cmaps.bin")

COLLECTIONS = ["Adobe-GB1", "Adobe-CNS1"]
CMAPS = {
    "Adobe-GB1": [
        "GB-EUC-H", "GBpc-EUC-H", "GBK-EUC-H", "GBKp-EUC-H", "GBK2K-H",
        "GBT-EUC-H", "GB-H", "GBT-H", "UniGB-UCS2-H", "UniGB-UTF16-H",
    ],
    "Adobe-CNS1": [
        "B5pc-H", "ETen-B5-H", "ETenms-B5-H", "HKscs-B5-H", "CNS-EUC-H",
        "B5-H", "CNS1-H", "UniCNS-UCS2-H", "UniCNS-UTF16-H",
    ],
}


def varint(n):
    assert n >= 0
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n):
    return varint((n << 1) if n >= 0 else ((-n << 1) - 1))


def hexcode(token):
    token = token.strip("<>")
    return len(token) // 2, int(token, 16)


def parse_cmap(collection, name):
    """(codespace, {(bytes, code): cid} as ranges) with usecmap resolved."""
    path = os.path.join(POPPLER, "cMap", collection, name)
    text = open(path, encoding="latin-1").read()
    codespace, ranges = [], []
    used = re.search(r"/([\w-]+)\s+usecmap", text)
    if used:
        codespace, ranges = parse_cmap(collection, used.group(1))
    for block in re.findall(r"begincodespacerange(.*?)endcodespacerange", text, re.S):
        for lo, hi in re.findall(r"(<[0-9a-fA-F]+>)\s*(<[0-9a-fA-F]+>)", block):
            (n, lo), (_, hi) = hexcode(lo), hexcode(hi)
            codespace.append((n, lo, hi))
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"(<[0-9a-fA-F]+>)\s*(<[0-9a-fA-F]+>)\s*(\d+)", block):
            (n, lo), (_, hi) = hexcode(lo), hexcode(hi)
            ranges.append((n, lo, hi, int(cid)))
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for code, cid in re.findall(r"(<[0-9a-fA-F]+>)\s*(\d+)", block):
            n, code = hexcode(code)
            ranges.append((n, code, code, int(cid)))
    return codespace, ranges


def flatten(ranges):
    """Later definitions override earlier ones (usecmap first): resolve to
    disjoint ranges."""
    mapping = {}
    for n, lo, hi, cid in ranges:
        for i, code in enumerate(range(lo, hi + 1)):
            mapping[(n, code)] = cid + i
    out = []
    for (n, code), cid in sorted(mapping.items()):
        last = out[-1] if out else None
        if last and last[0] == n and last[2] + 1 == code and last[3] + (code - last[1]) == cid:
            last[2] = code
        else:
            out.append([n, code, code, cid])
    return out


def first_code_point(hex_utf16):
    """The first character of a UTF-16BE hex string (variation selectors
    after it are dropped: the text is the same character)."""
    data = bytes.fromhex(hex_utf16)
    return ord(data.decode("utf-16-be", errors="replace")[0])


def cid_runs(collection):
    """CID -> Unicode from Adobe's own <collection>-UCS2 ToUnicode CMap."""
    path = os.path.join(POPPLER, "cMap", collection, collection + "-UCS2")
    text = open(path, encoding="latin-1").read()
    mapping = {}
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            start = first_code_point(dst)
            for i, cid in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[cid] = start + i
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for cid, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(cid, 16)] = first_code_point(dst)
    runs = []
    for cid, cp in sorted(mapping.items()):
        last = runs[-1] if runs else None
        if last and last[0] + last[1] == cid and last[2] + last[1] == cp:
            last[1] += 1
        else:
            runs.append([cid, 1, cp])
    return runs


def main():
    if not os.path.isdir(POPPLER):
        sys.exit("gen-cjk-cmaps: /usr/share/poppler missing; apt-get install -y poppler-data")
    out = bytearray(b"PGCMAP1\n")
    out += varint(len(COLLECTIONS))
    for name in COLLECTIONS:
        runs = cid_runs(name)
        out += varint(len(name)) + name.encode()
        out += varint(len(runs))
        end, last_cp = 0, 0
        for cid, length, cp in runs:
            out += varint(cid - end) + varint(length - 1) + zigzag(cp - last_cp)
            end, last_cp = cid + length, cp + length - 1
    cmaps = [(c, m) for c in COLLECTIONS for m in CMAPS[c]]
    out += varint(len(cmaps))
    for collection, name in cmaps:
        codespace, ranges = parse_cmap(collection, name)
        ranges = flatten(ranges)
        out += varint(len(name)) + name.encode() + varint(COLLECTIONS.index(collection))
        out += varint(len(codespace))
        for n, lo, hi in codespace:
            out += varint(n) + varint(lo) + varint(hi)
        out += varint(len(ranges))
        previous = {}
        for n, lo, hi, cid in ranges:
            out += varint(n) + varint(lo - previous.get(n, 0)) + varint(hi - lo) + varint(cid)
            previous[n] = lo
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(out)
    print(f"wrote {OUT}: {len(out)} bytes, {len(cmaps)} CMaps")


if __name__ == "__main__":
    main()
