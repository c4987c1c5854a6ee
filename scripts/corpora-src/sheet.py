#!/usr/bin/env python3
"""Writes a flat OpenDocument spreadsheet (.fods) from a spec module, for LibreOffice to save as
.xls or .xlsx, as provincial offices keep the annexes of their plans (target tables, budgets).

    python3 sheet.py SPEC.sheet.py OUT.fods

A spec defines SHEETS, a list of (name, rows); a row is a list of cells, each a string, a number,
("=FORMULA", cached value), ("date", "YYYY-MM-DD") or None; a cell dict {"text":…, "span": N}
merges N columns. With LEGACY = "tcvn3" every text cell is typed as pre-Unicode offices did: in
the TCVN3 font .VnTime, its text the Latin-1 characters of the TCVN3 bytes (iconv's TCVN5712-1
chart), all-capital cells in the capitals font .VnTimeH.
"""
import runpy
import subprocess
import sys
from xml.sax.saxutils import escape

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)


def tcvn3(text):
    """The TCVN3 bytes of lower-case `text`, as the Latin-1 characters the file stores."""
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                         capture_output=True, check=True).stdout
    return raw.decode("latin-1")


def text_cell(text, legacy, span):
    style, stored = "", text
    if legacy == "tcvn3" and any(not c.isascii() for c in text):
        capitals = text.upper() == text
        style = ' table:style-name="vnh"' if capitals else ' table:style-name="vn"'
        stored = tcvn3(text.lower() if capitals else text)
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    cell = (f'<table:table-cell{style}{spanned} office:value-type="string">'
            f"<text:p>{escape(stored)}</text:p></table:table-cell>")
    return cell + "<table:covered-table-cell/>" * (span - 1)


def cell(value, legacy):
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dict):
        return text_cell(value["text"], legacy, value.get("span", 1))
    if isinstance(value, str):
        return text_cell(value, legacy, 1)
    if isinstance(value, tuple) and value[0] == "date":
        return (f'<table:table-cell table:style-name="day" office:value-type="date" '
                f'office:date-value="{value[1]}"><text:p>{value[1]}</text:p></table:table-cell>')
    if isinstance(value, tuple):
        formula, cached = value
        return (f'<table:table-cell table:formula="of:{escape(formula)}" '
                f'office:value-type="float" office:value="{cached}"><text:p>{cached}</text:p>'
                "</table:table-cell>")
    return (f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>")


def main():
    spec = runpy.run_path(sys.argv[1])
    legacy = spec.get("LEGACY")
    tables = []
    for name, rows in spec["SHEETS"]:
        body = "".join(
            "<table:table-row>" + "".join(cell(v, legacy) for v in row) + "</table:table-row>"
            for row in rows)
        stored = tcvn3(name) if legacy == "tcvn3" else name
        tables.append(f'<table:table table:name="{escape(stored)}">{body}</table:table>')
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls>
<style:font-face style:name=".VnTime" svg:font-family=".VnTime"/>
<style:font-face style:name=".VnTimeH" svg:font-family=".VnTimeH"/>
</office:font-face-decls>
<office:automatic-styles>
<number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<style:style style:name="day" style:family="table-cell" style:data-style-name="iso"/>
<style:style style:name="vn" style:family="table-cell"><style:text-properties style:font-name=".VnTime"/></style:style>
<style:style style:name="vnh" style:family="table-cell"><style:text-properties style:font-name=".VnTimeH"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body>
</office:document>
"""
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write(document)


if __name__ == "__main__":
    main()
