#!/usr/bin/env bash
# Checks plangloss's XLIFF and TMX with the real clients (scripts/test.sh
# runs it; scripts/install-clients.sh installs them): the official XSDs (XLIFF 1.2 strict and 2.0 core, from
# Debian's php-symfony-translation) with xmllint, offline; translate-toolkit
# (pocount on 1.2, the xliff2 storage class on 2.1) must see each file's
# sentence count; the TMX from a translated file against OmegaT's tmx14.dtd.
# A client that is missing is skipped with a printed reason; a file a
# client refuses fails the script.
#
#   scripts/xliff-clients.sh [PATH...]    # default: corpora
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
clients=$root/target/clients
mkdir -p "$clients"
# PLANGLOSS_BIN names a plangloss already built (scripts/test.sh passes its
# debug build); otherwise the release build is made.
bin=${PLANGLOSS_BIN:-}
if [ -z "$bin" ]; then
    cargo build --release -q
    bin=$root/target/release/plangloss
fi

scripts/install-clients.sh
schemas=$clients/schemas
dtd=$clients/tmx14.dtd
failed=0

# The exports.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
paths=("$@")
[ ${#paths[@]} -eq 0 ] && paths=(corpora)
glossary=glossaries/program-terms.tsv
"$bin" xliff "${paths[@]}" --target zh-CN --glossary "$glossary" -o "$work/12/" 2>/dev/null || true
"$bin" xliff "${paths[@]}" --target zh-CN --xliff 2.1 --inline-terms --glossary "$glossary" -o "$work/21/" 2>/dev/null || true
mapfile -t v12 < <(find "$work/12" -name '*.xlf' | sort)
mapfile -t v21 < <(find "$work/21" -name '*.xlf' | sort)
if command -v xmllint >/dev/null && [ -f "$schemas/catalog.xml" ]; then
    XML_CATALOG_FILES=$schemas/catalog.xml xmllint --noout --nonet \
        --schema "$schemas/xliff-core-1.2-strict.xsd" "${v12[@]}" 2>"$work/xsd12" || failed=1
    xmllint --noout --nonet --schema "$schemas/xliff-core-2.0.xsd" "${v21[@]}" 2>"$work/xsd21" || failed=1
    grep -hv ' validates$' "$work/xsd12" "$work/xsd21" || true
    echo "XSD: ${#v12[@]} XLIFF 1.2 and ${#v21[@]} XLIFF 2.1 files checked"
else
    echo "XSD: skipped (needs xmllint and the schemas: scripts/install-clients.sh)"
fi

# translate-toolkit must see our units: the count of trans-units/segments.
if ! "$clients/venv/bin/python" -c "import translate" 2>/dev/null; then
    echo "translate-toolkit: skipped (not installed: scripts/install-clients.sh)"
elif ! "$clients/venv/bin/python" - "$work" <<'PY'
import pathlib, re, sys
from translate.storage import factory, xliff2
work = pathlib.Path(sys.argv[1])
bad = 0
for version, folder in (("1.2", "12"), ("2.1", "21")):
    files = sorted((work / folder).rglob("*.xlf"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = len(re.findall(r"<trans-unit |<segment ", text))
        store = factory.getobject(str(path)) if version == "1.2" else xliff2.Xliff2File.parsestring(text.encode())
        units = [u for u in store.units if not u.isheader()]
        if len(units) != expected:
            bad += 1
            print(f"translate-toolkit {version}: {path.relative_to(work)}: {len(units)} units, we wrote {expected}")
    print(f"translate-toolkit {version}: {len(files)} files read")
sys.exit(1 if bad else 0)
PY
then
    failed=1
fi

# A translated copy of the first 1.2 file, through plangloss tmx, against the DTD.
if [ -f "$dtd" ] && [ ${#v12[@]} -gt 0 ]; then
    sed 's|<source>\([^<]*\)</source>|<source>\1</source>\n<target state="translated">译 \1</target>|' "${v12[0]}" >"$work/translated.xlf"
    "$bin" tmx "$work/translated.xlf" -o "$work/memory.tmx"
    if xmllint --noout --nonet --dtdvalid "$dtd" "$work/memory.tmx"; then
        echo "TMX: valid against tmx14.dtd"
    else
        failed=1
    fi
else
    echo "TMX: skipped (needs OmegaT's tmx14.dtd: scripts/install-clients.sh)"
fi
exit $failed
