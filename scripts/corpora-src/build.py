#!/usr/bin/env python3
"""Helpers for scripts/make-corpora.sh (standard library only).

Subcommands:
  reference LANG OUT            pandoc's default reference.docx restyled for
                                LANG (vi|zh): Noto fonts, A4 page, page
                                numbers, bordered tables, custom paragraph
                                styles used by the sources.
  prepare SRC IN OUT            post-process pandoc's DOCX before LibreOffice:
                                headerless tables (letterheads, signature
                                blocks) lose their borders and take the
                                smaller Letterhead style, data tables the
                                Table Text style; Vietnamese bullets
                                become dashes; core properties come from
                                SRC's meta comment.
  fix-docx SRC IN OUT           rewrite a LibreOffice DOCX deterministically
                                (fixed zip timestamps, dates from SRC).
  fix-pdf SRC IN OUT            same for a LibreOffice PDF (dates, /ID), byte
                                lengths kept so the xref table stays valid.
  encode SRC OUT ENCODING       re-encode a UTF-8 source: cp1258 (Vietnamese
                                Windows code page: a e o u with their vowel
                                modifiers precomposed, every tone mark a
                                combining character), gbk, utf-16
                                (little-endian, BOM).

A source's metadata is an HTML comment on its first line, ignored by pandoc:
  <!-- meta: title=...; author=...; created=2025-01-20T08:00:00Z; lang=vi-VN -->
"""

import hashlib
import io
import re
import subprocess
import sys
import unicodedata
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZIP_DATE = (2025, 1, 1, 0, 0, 0)


def meta(src):
    with open(src, encoding="utf-8") as f:
        first = f.readline()
    m = re.match(r"<!--\s*meta:(.*?)-->", first.strip())
    if not m:
        sys.exit(f"{src}: first line must be <!-- meta: title=...; author=...; created=... -->")
    out = {}
    for part in m.group(1).split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    for key in ("title", "author", "created"):
        if key not in out:
            sys.exit(f"{src}: meta comment lacks {key}")
    return out


def read_zip(path):
    with zipfile.ZipFile(path) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_zip(path, entries):
    """Writes entries in the given order with fixed timestamps (mimetype
    first and stored, as ODF and OOXML readers expect)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data, compresslevel=9)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def core_xml(m):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_escape(m['title'])}</dc:title>"
        f"<dc:creator>{xml_escape(m['author'])}</dc:creator>"
        f"<cp:lastModifiedBy>{xml_escape(m['author'])}</cp:lastModifiedBy>"
        f"<dc:language>{xml_escape(m.get('lang', 'vi-VN'))}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{m["created"]}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{m["created"]}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


# --------------------------------------------------------------------------
# reference.docx

FONTS = {
    "vi": {"body": ("Noto Serif", "Noto Serif CJK SC"), "head": ("Noto Serif", "Noto Serif CJK SC")},
    "zh": {"body": ("Noto Serif", "Noto Serif CJK SC"), "head": ("Noto Sans", "Noto Sans CJK SC")},
}


def rfonts(latin, cjk):
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{cjk}" w:cs="{latin}" />'


def style_block(styles, style_id):
    m = re.search(r'<w:style [^>]*w:styleId="%s"[^>]*>.*?</w:style>' % style_id, styles, re.S)
    if not m:
        sys.exit(f"reference.docx has no style {style_id}")
    return m


def set_style(styles, style_id, ppr=None, rpr=None):
    """Replaces (or adds) the pPr / rPr of one style."""
    m = style_block(styles, style_id)
    block = m.group(0)
    for tag, new in (("w:pPr", ppr), ("w:rPr", rpr)):
        if new is None:
            continue
        new_xml = f"<{tag}>{new}</{tag}>"
        if re.search(rf"<{tag}>.*?</{tag}>|<{tag} ?/>", block, re.S):
            block = re.sub(rf"<{tag}>.*?</{tag}>|<{tag} ?/>", lambda _: new_xml, block, count=1, flags=re.S)
        else:
            block = block.replace("</w:style>", new_xml + "</w:style>")
    return styles[: m.start()] + block + styles[m.end():]


def reference(lang, out):
    if lang not in FONTS:
        sys.exit("reference: LANG is vi or zh")
    default = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout
    entries = dict(read_zip(io.BytesIO(default)))
    styles = entries["word/styles.xml"].decode("utf-8")
    body_latin, body_cjk = FONTS[lang]["body"]
    head_latin, head_cjk = FONTS[lang]["head"]
    size = 26 if lang == "vi" else 28  # half-points: 13 pt / 14 pt
    lang_xml = (
        '<w:lang w:val="vi-VN" w:eastAsia="zh-CN" w:bidi="ar-SA" />'
        if lang == "vi"
        else '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA" />'
    )

    styles = re.sub(r"<w:rFonts [^>]*/>", rfonts(body_latin, body_cjk), styles)
    styles = re.sub(r"<w:color [^>]*/>", "", styles)
    styles = re.sub(
        r"<w:rPrDefault>.*?</w:rPrDefault>",
        f"<w:rPrDefault><w:rPr>{rfonts(body_latin, body_cjk)}"
        f'<w:sz w:val="{size}" /><w:szCs w:val="{size}" />{lang_xml}</w:rPr></w:rPrDefault>',
        styles,
        flags=re.S,
    )
    styles = re.sub(
        r"<w:pPrDefault>.*?</w:pPrDefault>",
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="276" w:lineRule="auto" /></w:pPr></w:pPrDefault>',
        styles,
        flags=re.S,
    )
    indent = 567 if lang == "vi" else 2 * size * 10  # 1 cm; two characters
    styles = set_style(
        styles,
        "BodyText",
        ppr=f'<w:spacing w:before="60" w:after="60" /><w:ind w:firstLine="{indent}" /><w:jc w:val="both" />',
    )
    styles = set_style(styles, "Compact", ppr='<w:spacing w:before="20" w:after="20" />')
    heading_sizes = {"Heading1": size, "Heading2": size, "Heading3": size}
    for sid, sz in heading_sizes.items():
        level = int(sid[-1]) - 1
        italic = "<w:i /><w:iCs />" if sid == "Heading3" else ""
        styles = set_style(
            styles,
            sid,
            ppr=f'<w:keepNext /><w:keepLines /><w:spacing w:before="160" w:after="60" />'
            f'<w:ind w:firstLine="{indent}" /><w:outlineLvl w:val="{level}" />',
            rpr=f"{rfonts(head_latin, head_cjk)}<w:b /><w:bCs />{italic}"
            f'<w:sz w:val="{sz}" /><w:szCs w:val="{sz}" />',
        )
    styles = set_style(
        styles, "FootnoteText", ppr='<w:spacing w:after="0" /><w:jc w:val="both" />',
        rpr='<w:sz w:val="20" /><w:szCs w:val="20" />',
    )
    styles = set_style(styles, "Hyperlink", rpr="<w:u w:val=\"single\" />")
    # Bordered tables by default; `prepare` removes borders from headerless ones.
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000" />'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    m = style_block(styles, "Table")
    table = m.group(0).replace("<w:tblCellMar>", f"<w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>", 1)
    table = re.sub(r"<w:tcBorders>.*?</w:tcBorders>", "", table, flags=re.S)
    table = re.sub(r'<w:vAlign w:val="bottom"/>', '<w:vAlign w:val="center"/>', table)
    table = table.replace('<w:tblStylePr w:type="firstRow">', '<w:tblStylePr w:type="firstRow"><w:rPr><w:b /><w:bCs /></w:rPr>', 1)
    styles = styles[: m.start()] + table + styles[m.end():]

    custom = {
        "Doc Title": f'<w:pPr><w:keepNext /><w:spacing w:before="240" w:after="120" /><w:jc w:val="center" /></w:pPr>'
        f"<w:rPr>{rfonts(head_latin, head_cjk)}<w:b /><w:bCs /><w:sz w:val=\"{size + 2}\" /><w:szCs w:val=\"{size + 2}\" /></w:rPr>",
        "Center": '<w:pPr><w:spacing w:before="60" w:after="60" /><w:jc w:val="center" /></w:pPr>',
        "Right": '<w:pPr><w:spacing w:before="60" w:after="60" /><w:jc w:val="right" /></w:pPr>',
        "Signature": '<w:pPr><w:keepLines /><w:spacing w:before="60" w:after="60" /><w:jc w:val="center" /></w:pPr>'
        "<w:rPr><w:b /><w:bCs /></w:rPr>",
        "Plain": '<w:pPr><w:spacing w:before="60" w:after="60" /><w:jc w:val="both" /></w:pPr>',
        "Letterhead": '<w:pPr><w:spacing w:before="0" w:after="0" /></w:pPr>'
        f'<w:rPr><w:sz w:val="{size - 2}" /><w:szCs w:val="{size - 2}" /></w:rPr>',
        "Table Text": '<w:pPr><w:spacing w:before="20" w:after="20" /></w:pPr>'
        '<w:rPr><w:sz w:val="24" /><w:szCs w:val="24" /></w:rPr>',
    }
    extra = "".join(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{name.replace(" ", "")}">'
        f'<w:name w:val="{name}" /><w:basedOn w:val="Normal" /><w:qFormat />{body}</w:style>'
        for name, body in custom.items()
    )
    styles = styles.replace("</w:styles>", extra + "</w:styles>")
    entries["word/styles.xml"] = styles.encode("utf-8")

    # Page: A4; Vietnamese margins per Decree 30/2020 (top/bottom 2 cm, left
    # 3 cm, right 2 cm), Chinese per GB/T 9704 (37/35/28/26 mm). Page number
    # at top centre from page 2 (vi) or "— N —" at the bottom (zh).
    if lang == "vi":
        margins = 'w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"'
        part, kind, title_pg = "header1.xml", "header", "<w:titlePg />"
        number = '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    else:
        margins = 'w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"'
        part, kind, title_pg = "footer1.xml", "footer", ""
        number = (
            '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            '<w:r><w:t xml:space="preserve"> —</w:t></w:r>'
        )
    tag = "hdr" if kind == "header" else "ftr"
    entries[f"word/{part}"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:{tag} xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:jc w:val="center" /></w:pPr>'
        f'<w:r><w:rPr><w:sz w:val="24" /></w:rPr></w:r>{number}</w:p></w:{tag}>'
    ).encode("utf-8")
    rels = entries["word/_rels/document.xml.rels"].decode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        f'Id="rIdPageNumber" Target="{part}" /></Relationships>',
    )
    entries["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = entries["[Content_Types].xml"].decode("utf-8")
    types = types.replace(
        "</Types>",
        f'<Override PartName="/word/{part}" ContentType="application/vnd.openxmlformats-officedocument.'
        f'wordprocessingml.{kind}+xml" /></Types>',
    )
    entries["[Content_Types].xml"] = types.encode("utf-8")
    sect = (
        f'<w:sectPr><w:{kind}Reference w:type="default" r:id="rIdPageNumber" />'
        f'<w:pgSz w:w="11906" w:h="16838" /><w:pgMar {margins} w:header="567" w:footer="850" w:gutter="0" />'
        f"{title_pg}</w:sectPr>"
    )
    doc = entries["word/document.xml"].decode("utf-8")
    doc = doc.replace("<w:sectPr />", sect)
    entries["word/document.xml"] = doc.encode("utf-8")
    write_zip(out, list(entries.items()))


# --------------------------------------------------------------------------
# pandoc DOCX -> DOCX for LibreOffice


def prepare(src, inp, out):
    m = meta(src)
    entries = read_zip(inp)
    result = []
    for name, data in entries:
        if name == "word/document.xml":
            doc = data.decode("utf-8")

            def fix_table(t):
                xml = t.group(0)
                if "<w:tblHeader" in xml:
                    # A data table: cell text one size smaller than the body.
                    return xml.replace('<w:pStyle w:val="Compact" />', '<w:pStyle w:val="TableText" />')
                # A headerless table is a letterhead or a signature block.
                xml = xml.replace(
                    '<w:tblStyle w:val="Table" />',
                    '<w:tblStyle w:val="Table" /><w:tblBorders>'
                    + "".join(
                        f'<w:{s} w:val="nil" />'
                        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
                    )
                    + "</w:tblBorders>",
                    1,
                )
                return xml.replace('<w:pStyle w:val="Compact" />', '<w:pStyle w:val="Letterhead" />')

            doc = re.sub(r"<w:tbl>.*?</w:tbl>", fix_table, doc, flags=re.S)
            data = doc.encode("utf-8")
        elif name == "word/numbering.xml" and m.get("lang", "").startswith("vi"):
            # Vietnamese plans mark items with a dash, not a round bullet.
            data = data.decode("utf-8").replace('<w:lvlText w:val="\u2022" />', '<w:lvlText w:val="-" />').encode("utf-8")
        elif name == "docProps/core.xml":
            data = core_xml(m)
        result.append((name, data))
    write_zip(out, result)


# --------------------------------------------------------------------------
# LibreOffice output made reproducible


def fix_docx(src, inp, out):
    m = meta(src)
    result = []
    for name, data in read_zip(inp):
        if name == "docProps/core.xml":
            text = data.decode("utf-8")
            text = re.sub(
                r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                lambda g: g.group(1) + m["created"] + g.group(3),
                text,
            )
            text = re.sub(r"<cp:revision>[^<]*</cp:revision>", "<cp:revision>1</cp:revision>", text)
            data = text.encode("utf-8")
        elif name == "docProps/app.xml":
            text = data.decode("utf-8")
            text = re.sub(r"<TotalTime>[^<]*</TotalTime>", "<TotalTime>0</TotalTime>", text)
            data = text.encode("utf-8")
        result.append((name, data))
    write_zip(out, result)


def pdf_date(created):
    # 2025-01-20T08:00:00Z -> D:20250120080000Z
    digits = re.sub(r"\D", "", created)[:14]
    return "D:" + digits


def fix_pdf(src, inp, out):
    m = meta(src)
    with open(inp, "rb") as f:
        data = f.read()
    date = pdf_date(m["created"]).encode("ascii")

    def same_length(match):
        old = match.group(2)
        new = date + b"+00'00'"
        new = new[: len(old)].ljust(len(old), b"0") if len(new) >= len(old) else new.ljust(len(old), b" ")
        return match.group(1) + new + match.group(3)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\()([^)]*)(\))", same_length, data)
    digest = hashlib.md5(open(src, "rb").read()).hexdigest().upper().encode("ascii")

    def fix_id(match):
        ident = re.sub(rb"<([0-9A-Fa-f]+)>", lambda h: b"<" + (digest * 4)[: len(h.group(1))] + b">", match.group(0))
        return ident

    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", fix_id, data)
    # LibreOffice's own checksum of the file varies from run to run.
    body_digest = hashlib.md5(re.sub(rb"/DocChecksum /[0-9A-F]+", b"", data)).hexdigest().upper().encode("ascii")
    data = re.sub(rb"(/DocChecksum /)([0-9A-F]+)", lambda g: g.group(1) + body_digest[: len(g.group(2))], data)
    with open(out, "wb") as f:
        f.write(data)


# --------------------------------------------------------------------------
# Legacy encodings

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text):
    """Vietnamese Windows style, as Unikey's "Vietnamese locale CP 1258" writes
    it: letters with a vowel modifier (â ê ô ă ơ ư đ) precomposed, every tone
    mark as a combining character after its letter, even where the code page
    has a precomposed toned letter (á, à, é, ...)."""
    decomposed = unicodedata.normalize("NFD", text)
    out = []
    pending_tones = []
    for c in decomposed:
        if c in TONES:
            pending_tones.append(c)
            continue
        if unicodedata.combining(c):
            # a vowel modifier (circumflex, breve, horn): it belongs before the tone
            out.append(c)
            continue
        out.extend(pending_tones)
        pending_tones = []
        out.append(c)
    out.extend(pending_tones)
    # recompose letter + modifier pairs only; the tone marks stay combining
    text = "".join(out)
    result = []
    for chunk in re.split("([" + "".join(sorted(TONES)) + "])", text):
        result.append(unicodedata.normalize("NFC", chunk))
    return "".join(result).encode("cp1258")


def encode(src, out, encoding):
    with open(src, encoding="utf-8") as f:
        text = f.read()
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        data = to_cp1258(text.replace("\n", "\r\n"))
    elif encoding == "gbk":
        data = text.encode("gbk")
    elif encoding == "utf-16":
        data = b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")
    else:
        sys.exit(f"unknown encoding {encoding}")
    with open(out, "wb") as f:
        f.write(data)


def main():
    cmd, *args = sys.argv[1:] or ["help"]
    commands = {
        "reference": (reference, 2),
        "prepare": (prepare, 3),
        "fix-docx": (fix_docx, 3),
        "fix-pdf": (fix_pdf, 3),
        "encode": (encode, 3),
    }
    if cmd not in commands or len(args) != commands[cmd][1]:
        sys.exit(__doc__)
    func, _ = commands[cmd]
    func(*args)


if __name__ == "__main__":
    main()
