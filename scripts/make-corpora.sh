#!/usr/bin/env bash
# Regenerates the sample plans in corpora/ from the sources in scripts/corpora-src/.
#
# Needs (Debian/Ubuntu):
#   apt-get install -y pandoc libreoffice-writer-nogui fonts-noto-core fonts-noto-cjk python3
#
# Usage: scripts/make-corpora.sh        (from anywhere; rewrites the generated files)
#
# Every document is fictional (provinces, counties, numbers and people are made up) and
# written for this project. What comes from where:
#
#   scripts/corpora-src/LANG/NAME.docx.md  -> corpora/LANG/NAME.docx
#   scripts/corpora-src/LANG/NAME.pdf.md   -> corpora/LANG/NAME.pdf
#       pandoc Markdown (grid/pipe tables, footnotes, a) lists) -> pandoc DOCX with a
#       reference document built by build.py (Noto Serif / Noto Serif CJK SC, A4, page
#       numbers) -> LibreOffice Writer, which writes the committed DOCX or PDF, as real
#       offices do: Word numbering for lists, real footnotes, embedded Noto fonts.
#   scripts/corpora-src/LANG/NAME.wordml.py -> corpora/LANG/NAME.docx
#       written part by part by wordml.py as Microsoft Word writes them, for what the
#       Markdown route cannot express: style-linked heading numbers, list restarts,
#       headers and footers with page fields, endnotes, a text box stored twice,
#       tracked changes, a comment, a content-control placeholder, symbol fonts. A spec
#       with "legacy": "tcvn3" (qd-ke-hoach-dan-so-2006-tcvn3) is typed in the TCVN3 fonts
#       .VnTime/.VnTimeH as pre-Unicode offices did, its bytes from iconv (needs iconv).
#   corpora/vi/qd-ke-hoach-dan-so-2006-tcvn3.docx -> corpora/vi/….doc and ….rtf
#       the TCVN3 decision saved by LibreOffice as Word 97-2003 and RTF, its fonts kept.
#   scripts/corpora-src/vi/NAME.sheet.py -> corpora/vi/NAME.xls and NAME.xlsx
#       a spreadsheet annex (merged titles, formulas, a date; TCVN3 cells in .VnTime and
#       .VnTimeH) written as flat ODS by sheet.py, saved by LibreOffice as .xls and .xlsx.
#   scripts/corpora-src/vi/NAME.cp1258.txt -> corpora/vi/NAME.txt  (Windows-1258, CRLF;
#       precomposed â ê ô ă ơ ư đ, every tone mark a combining character, as Unikey writes it)
#   scripts/corpora-src/zh/NAME.gbk.html   -> corpora/zh/NAME.html (GBK bytes)
#   scripts/corpora-src/zh/NAME.utf16.txt  -> corpora/zh/NAME.txt  (UTF-16LE with BOM, CRLF)
#
# The UTF-8 HTML pages in corpora/ are written by hand and are their own source; this
# script does not touch them.
#
# Output is reproducible: fixed document dates (from each source's meta comment), fixed
# zip timestamps and PDF /ID. LibreOffice runs with a throwaway profile, so an open
# office session or user settings cannot change the result.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/scripts/corpora-src"
out="$root/corpora"
build="$src/build.py"

for tool in pandoc soffice python3; do
    command -v "$tool" >/dev/null || {
        echo "make-corpora: $tool not found; see the apt-get line at the top of $0" >&2
        exit 1
    }
done
for font in "Noto Serif" "Noto Serif CJK SC" "Noto Sans CJK SC"; do
    fc-list ":family=$font" | grep -q . || {
        echo "make-corpora: font '$font' not installed (fonts-noto-core, fonts-noto-cjk)" >&2
        exit 1
    }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TZ=UTC SOURCE_DATE_EPOCH=1735689600 LC_ALL=C.UTF-8
office=(soffice "-env:UserInstallation=file://$work/profile" --headless --norestore)

mkdir -p "$work/in" "$work/lo" "$out/vi" "$out/zh"
python3 "$build" reference vi "$work/ref-vi.docx"
python3 "$build" reference zh "$work/ref-zh.docx"

shopt -s nullglob
for md in "$src"/vi/*.md "$src"/zh/*.md; do
    lang="$(basename "$(dirname "$md")")"
    name="$(basename "$md" .md)"   # NAME.docx or NAME.pdf
    base="${name%.*}"
    format="${name##*.}"
    case "$format" in
        docx) filter='docx:MS Word 2007 XML' ;;
        pdf) filter='pdf:writer_pdf_Export' ;;
        *) echo "make-corpora: $md: name must end in .docx.md or .pdf.md" >&2; exit 1 ;;
    esac
    pandoc --from markdown-auto_identifiers --to docx \
        --reference-doc "$work/ref-$lang.docx" -o "$work/$base.pandoc.docx" "$md"
    python3 "$build" prepare "$md" "$work/$base.pandoc.docx" "$work/in/$base.docx"
    rm -f "$work/lo/$base.$format"
    "${office[@]}" --convert-to "$filter" --outdir "$work/lo" "$work/in/$base.docx" >/dev/null 2>&1
    [ -s "$work/lo/$base.$format" ] || {
        echo "make-corpora: LibreOffice did not convert $md" >&2
        exit 1
    }
    python3 "$build" "fix-$format" "$md" "$work/lo/$base.$format" "$out/$lang/$base.$format"
    echo "corpora/$lang/$base.$format"
done

for spec in "$src"/vi/*.wordml.py "$src"/zh/*.wordml.py; do
    lang="$(basename "$(dirname "$spec")")"
    base="$(basename "$spec" .wordml.py)"
    python3 "$src/wordml.py" "$spec" "$out/$lang/$base.docx"
    echo "corpora/$lang/$base.docx"
done

legacy_docx="$out/vi/qd-ke-hoach-dan-so-2006-tcvn3.docx"
for format in doc rtf; do
    "${office[@]}" --convert-to "$format" --outdir "$out/vi" "$legacy_docx" >/dev/null 2>&1
    echo "corpora/vi/qd-ke-hoach-dan-so-2006-tcvn3.$format"
done
for spec in "$src"/vi/*.sheet.py; do
    base="$(basename "$spec" .sheet.py)"
    python3 "$src/sheet.py" "$spec" "$work/$base.fods"
    for format in xls xlsx; do
        "${office[@]}" --convert-to "$format" --outdir "$out/vi" "$work/$base.fods" >/dev/null 2>&1
        echo "corpora/vi/$base.$format"
    done
done

for txt in "$src"/vi/*.cp1258.txt; do
    base="$(basename "$txt" .cp1258.txt)"
    python3 "$build" encode "$txt" "$out/vi/$base.txt" cp1258
    echo "corpora/vi/$base.txt"
done
for html in "$src"/zh/*.gbk.html; do
    base="$(basename "$html" .gbk.html)"
    python3 "$build" encode "$html" "$out/zh/$base.html" gbk
    echo "corpora/zh/$base.html"
done
for txt in "$src"/zh/*.utf16.txt; do
    base="$(basename "$txt" .utf16.txt)"
    python3 "$build" encode "$txt" "$out/zh/$base.txt" utf-16
    echo "corpora/zh/$base.txt"
done
