#!/usr/bin/env python3
"""Writes the hostile inputs of the limits benchmark (scripts/bench-limits.sh)
into the folder given: each one small on disk and huge in some other way."""
import io
import os
import sys
import zipfile

REL = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')


def docx(path, body, rels=REL):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', TYPES)
        z.writestr('_rels/.rels', rels)
        z.writestr('word/document.xml', f'<w:document {W}><w:body>{body}</w:body></w:document>')


def main(folder):
    os.makedirs(folder, exist_ok=True)
    out = lambda name: os.path.join(folder, name)
    # One 104 MB paragraph of one glossary term repeated (the case).
    with open(out('one-paragraph-of-terms.txt'), 'w') as f:
        f.write('Kế hoạch ' * 8_000_000)
    # 20 MB of one-letter lines: ten million blocks.
    with open(out('one-letter-lines.txt'), 'w') as f:
        f.write('a\n' * 10_000_000)
    # 20 MB of HTML: five million paragraphs.
    with open(out('five-million-p.html'), 'w') as f:
        f.write('<html><body>' + '<p>a' * 5_000_000)
    # One start tag with 200,000 distinct attributes.
    with open(out('many-attributes.html'), 'w') as f:
        f.write('<html><body><p ' + ' '.join(f'a{i}=x' for i in range(200_000)) + '>text</p>')
    # A DOCX whose _rels/.rels inflates to 250 MiB.
    padding = ' ' * (250 << 20)
    docx(out('huge-rels.docx'), '<w:p><w:r><w:t>Dân số</w:t></w:r></w:p>',
         REL.replace('<Relationship ', padding + '<Relationship '))
    # A DOCX of six million tiny paragraphs (245 MB of XML in 0.6 MB).
    docx(out('six-million-paragraphs.docx'), '<w:p><w:r><w:t>a</w:t></w:r></w:p>' * 6_000_000)
    # An RTF of six million paragraphs.
    with open(out('six-million-par.rtf'), 'w') as f:
        f.write('{\\rtf1\\ansi ' + 'a\\par ' * 6_000_000 + '}')
    # A PDF page whose content stream inflates to 300 MiB.
    import zlib
    content = zlib.compress(b'BT /F1 12 Tf 72 700 Td (x) Tj ET\n' * (300 * 1024 * 1024 // 34), 9)
    objects = [
        b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R '
        b'/Resources << /Font << /F1 5 0 R >> >> >>',
        b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(content) + content + b'\nendstream',
        b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]
    pdf = io.BytesIO()
    pdf.write(b'%PDF-1.4\n')
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(pdf.tell())
        pdf.write(b'%d 0 obj\n' % number + body + b'\nendobj\n')
    xref = pdf.tell()
    pdf.write(b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1))
    for offset in offsets:
        pdf.write(b'%010d 00000 n \n' % offset)
    pdf.write(b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref))
    with open(out('inflating-page-stream.pdf'), 'wb') as f:
        f.write(pdf.getvalue())


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'target/hostile')
