#!/usr/bin/env python3
"""Writes DOCX files as Microsoft Word does, part by part, for the Word features
that the LibreOffice route of make-corpora.sh cannot produce from Markdown:
style-linked heading numbering, list numbering with restarts, running headers
and footers with page fields, footnotes and an endnote, a text box stored twice
(DrawingML choice + VML fallback), tracked insertions and deletions, a tracked
formatting change, a hyperlink field, symbol-font characters, a comment, an
empty content control showing placeholder text, soft and non-breaking hyphens.

A spec with "legacy": "tcvn3" is written as Vietnamese offices typed before
Unicode: every run in the TCVN3 ("ABC") font .VnTime, its text the Latin-1
characters of the TCVN3 bytes (from iconv's TCVN5712-1 chart, which matches
TCVN3 for lower case); all-capital runs, and single capitals TCVN3 has no
code for (Ủ, Ế…), in the capitals font .VnTimeH with the lower-case codes.

Usage: wordml.py SPEC.py OUT.docx    (SPEC.py defines DOC, see vi/*.wordml.py)

Output is reproducible: fixed zip timestamps and member order.
"""
import runpy
import subprocess
import sys
import zipfile
from xml.sax.saxutils import escape

# The legacy encoding of the document being written ("tcvn3"), or None.
LEGACY = None
# Capitals TCVN3 codes itself; any other capital beyond ASCII needs .VnTimeH.
TCVN3_CAPITALS = set("ĂÂÊÔƠƯĐ")

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def run(text, props=""):
    if LEGACY == "tcvn3" and text:
        return tcvn3_runs(text, props)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tcvn3(text):
    """The TCVN3 bytes of lower-case `text`, as the Latin-1 characters Word stores."""
    raw = subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(),
                         capture_output=True, check=True).stdout
    return raw.decode("latin-1")


def tcvn3_runs(text, props):
    def plain(piece, capitals):
        font = ".VnTimeH" if capitals else ".VnTime"
        rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>{props}</w:rPr>'
        stored = tcvn3(piece.lower() if capitals else piece)
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(stored)}</w:t></w:r>'

    if text.upper() == text and any(not c.isascii() for c in text):
        return plain(text, True)
    pieces, current, capital = [], "", False
    for c in text:
        needs_h = c.isupper() and not c.isascii() and c not in TCVN3_CAPITALS
        if current and needs_h != capital:
            pieces.append((current, capital))
            current = ""
        current, capital = current + c, needs_h
    pieces.append((current, capital))
    return "".join(plain(piece, capitals) for piece, capitals in pieces)


def para(content, style=None, props=""):
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += props
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"


def numbered(text, num_id, ilvl=0):
    props = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return para(inline(text), "ListParagraph", props)


def field(code, result):
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(code)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def inline(text):
    """Runs for text with markers: {fn:N} footnote mark, {en:N} endnote mark,
    {sym:FONT:HEX} symbol, {ins:…} / {del:…} tracked change, {link:URL|TEXT}
    hyperlink field, {shy} soft hyphen, {nbh} non-breaking hyphen, {tab},
    {comment:N} a comment anchored here."""
    out, rest = [], text
    while "{" in rest:
        before, rest = rest.split("{", 1)
        marker, rest = rest.split("}", 1)
        if before:
            out.append(run(before))
        kind, _, arg = marker.partition(":")
        if kind == "fn":
            out.append(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{arg}"/></w:r>')
        elif kind == "en":
            out.append(f'<w:r><w:endnoteReference w:id="{arg}"/></w:r>')
        elif kind == "sym":
            font, code = arg.split(":")
            out.append(f'<w:r><w:sym w:font="{font}" w:char="{code}"/></w:r>')
        elif kind == "ins":
            out.append(f'<w:ins w:id="90" w:author="Phòng KHTC" w:date="2025-03-02T08:00:00Z">{run(arg)}</w:ins>')
        elif kind == "del":
            out.append(
                f'<w:del w:id="91" w:author="Phòng KHTC" w:date="2025-03-02T08:00:00Z">'
                f'<w:r><w:delText xml:space="preserve">{escape(arg)}</w:delText></w:r></w:del>'
            )
        elif kind == "link":
            url, label = arg.split("|")
            out.append(field(f'HYPERLINK "{url}"', label))
        elif kind == "shy":
            out.append("<w:r><w:softHyphen/></w:r>")
        elif kind == "nbh":
            out.append("<w:r><w:noBreakHyphen/></w:r>")
        elif kind == "tab":
            out.append("<w:r><w:tab/></w:r>")
        elif kind == "comment":
            out.append(
                f'<w:commentRangeStart w:id="{arg}"/><w:commentRangeEnd w:id="{arg}"/>'
                f'<w:r><w:commentReference w:id="{arg}"/></w:r>'
            )
        else:
            raise ValueError(f"unknown marker {marker}")
    if rest:
        out.append(run(rest))
    return "".join(out)


def text_box(lines):
    body = "".join(para(inline(line)) for line in lines)
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>3200400</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>45720</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2400300" cy="685800"/><wp:wrapSquare wrapText="bothSides"/>'
        '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        '<v:shape id="Text Box 1" type="#_x0000_t202" style="position:absolute;width:189pt;height:54pt">'
        f"<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def table(rows):
    """rows: lists of cells; a cell is text, or (text, {"span": n, "vmerge": "restart"|"continue"})."""
    columns = max(sum(1 if isinstance(c, str) else c[1].get("span", 1) for c in row) for row in rows)
    grid = "".join(f'<w:gridCol w:w="{9000 // columns}"/>' for _ in range(columns))
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            text, opts = (cell, {}) if isinstance(cell, str) else cell
            tcpr = ""
            if opts.get("span"):
                tcpr += f'<w:gridSpan w:val="{opts["span"]}"/>'
            if opts.get("vmerge") == "restart":
                tcpr += '<w:vMerge w:val="restart"/>'
            elif opts.get("vmerge") == "continue":
                tcpr += "<w:vMerge/>"
            paragraphs = "".join(
                numbered(line[3:], opts["num"]) if opts.get("num") else para(inline(line))
                for line in text.split("\n")
            )
            out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraphs}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def block(item):
    kind = item[0]
    if kind == "p":
        return para(inline(item[1]), props=item[2] if len(item) > 2 else "")
    if kind == "center":
        return para(inline(item[1]), props='<w:jc w:val="center"/>')
    if kind in ("h1", "h2"):
        return para(inline(item[1]), "Heading1" if kind == "h1" else "Heading2")
    if kind == "li":
        return numbered(item[1], item[2], item[3] if len(item) > 3 else 0)
    if kind == "empty-li":
        return numbered("", item[1])
    if kind == "table":
        return table(item[1])
    if kind == "textbox":
        return para(text_box(item[1]) + inline(item[2]))
    if kind == "placeholder":
        return (
            '<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>'
            f"{para(run(item[1]))}</w:sdtContent></w:sdt>"
        )
    if kind == "restyled":
        # A tracked formatting change: the paragraph was a heading before.
        return para(
            inline(item[1]),
            props='<w:pPrChange w:id="92" w:author="Phòng KHTC" w:date="2025-03-02T08:00:00Z">'
            '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange>',
        )
    if kind == "pagebreak":
        return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    raise ValueError(kind)


def styles(doc):
    font = doc["font"]
    east = doc.get("east_asian_font", font)
    heading = lambda sid, name, lvl, size: (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr>'
        f'<w:outlineLvl w:val="{lvl}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/></w:rPr></w:style>'
    )
    return (
        f"{DECL}<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{east}" w:cs="{font}"/>'
        '<w:sz w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
        "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        + heading("Heading1", "heading 1", 0, 28)
        + heading("Heading2", "heading 2", 1, 28)
        + '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>'
        "</w:styles>"
    )


def level(ilvl, fmt, text, start=1, font=None, restart=None):
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
    restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart_xml}'
        f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{360 * (ilvl + 1)}" w:hanging="360"/></w:pPr>{rpr}</w:lvl>'
    )


def numbering(doc):
    lists = doc["lists"]
    out = [f"{DECL}<w:numbering {W_NS}>"]
    for abstract_id, levels in enumerate(lists["abstract"]):
        out.append(f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>')
        out.extend(level(*lvl) for lvl in levels)
        out.append("</w:abstractNum>")
    for num_id, (abstract_id, overrides) in enumerate(lists["nums"], start=1):
        out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>')
        for ilvl, start in overrides:
            out.append(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>')
        out.append("</w:num>")
    out.append("</w:numbering>")
    return "".join(out)


def notes(kind, texts):
    out = [
        f'{DECL}<w:{kind}s {W_NS}>'
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
    ]
    for note_id, text in enumerate(texts, start=1):
        out.append(
            f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f"<w:{kind}Ref/></w:r>{run(' ' + text)}</w:p></w:{kind}>"
        )
    out.append(f"</w:{kind}s>")
    return "".join(out)


def header_footer(tag, content):
    return f"{DECL}<w:{tag} {W_NS}>{content}</w:{tag}>"


def comments(texts):
    out = [f"{DECL}<w:comments {W_NS}>"]
    for comment_id, text in enumerate(texts, start=1):
        out.append(
            f'<w:comment w:id="{comment_id}" w:author="Thẩm định" w:date="2025-03-03T09:00:00Z">'
            f'<w:p><w:r><w:annotationRef/></w:r>{run(text)}</w:p></w:comment>'
        )
    out.append("</w:comments>")
    return "".join(out)


def document(doc):
    body = "".join(block(item) for item in doc["body"])
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
        '<w:headerReference w:type="first" r:id="rIdHeader2"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" '
        'w:header="709" w:footer="709" w:gutter="0"/><w:titlePg/></w:sectPr>'
    )
    return f"{DECL}<w:document {W_NS}><w:body>{body}{sect}</w:body></w:document>"


def package(doc):
    header = doc["header"]
    page = field("PAGE", "2")
    parts = {
        "word/document.xml": document(doc),
        "word/styles.xml": styles(doc),
        "word/numbering.xml": numbering(doc),
        "word/settings.xml": f'{DECL}<w:settings {W_NS}><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr></w:settings>',
        "word/footnotes.xml": notes("footnote", doc["footnotes"]),
        "word/endnotes.xml": notes("endnote", doc["endnotes"]),
        "word/comments.xml": comments(doc["comments"]),
        "word/header1.xml": header_footer("hdr", para(run(header), props='<w:jc w:val="right"/>')),
        "word/header2.xml": header_footer("hdr", para("")),
        "word/footer1.xml": header_footer("ftr", para(run(doc["page_word"]) + page, props='<w:jc w:val="center"/>')),
    }
    rels = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFootnotes", "footnotes", "footnotes.xml"),
        ("rIdEndnotes", "endnotes", "endnotes.xml"),
        ("rIdComments", "comments", "comments.xml"),
        ("rIdHeader1", "header", "header1.xml"),
        ("rIdHeader2", "header", "header2.xml"),
        ("rIdFooter1", "footer", "footer1.xml"),
    ]
    parts["word/_rels/document.xml.rels"] = (
        f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{REL}{t}" Target="{n}"/>' for i, t, n in rels)
        + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    meta = doc["meta"]
    parts["docProps/core.xml"] = (
        f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(meta['title'])}</dc:title><dc:subject>{escape(meta['subject'])}</dc:subject>"
        f"<dc:creator>{escape(meta['author'])}</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{meta["created"]}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{meta["modified"]}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    parts["docProps/app.xml"] = (
        f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>Microsoft Office Word</Application><Pages>{meta['pages']}</Pages></Properties>"
    )
    types = (
        f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    return [("[Content_Types].xml", types)] + sorted(parts.items())


def main():
    global LEGACY
    spec, out = sys.argv[1], sys.argv[2]
    doc = runpy.run_path(spec)["DOC"]
    LEGACY = doc.get("legacy")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in package(doc):
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 2, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    main()
