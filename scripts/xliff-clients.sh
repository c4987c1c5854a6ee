#!/usr/bin/env bash
# Checks plangloss's XLIFF and TMX with the real clients (scripts/test.sh
# runs it; scripts/install-clients.sh installs them): the official XSDs (XLIFF 1.2 strict and 2.0 core, from
# Debian's php-symfony-translation) with xmllint, offline; translate-toolkit
# (pocount on 1.2, the xliff2 storage class on 2.1) must see each file's
# sentence count; the TMX from a translated file against OmegaT's tmx14.dtd;
# the OmegaT project's segmentation.srx (and our rules/*.srx) against
# OmegaT's srx20.xsd, its omegat.project against project_properties.xsd.
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

# translate-toolkit must see our units and their text: its readers (the
# XLIFF 1.2 one that pocount and xliff2po use, and the 2.x one) against the
# sources as the XML holds them; pocount's count and xliff2po's messages on
# the 1.2 files.
if ! "$clients/venv/bin/python" -c "import translate" 2>/dev/null; then
    echo "translate-toolkit: skipped (not installed: scripts/install-clients.sh)"
elif ! "$clients/venv/bin/python" - "$work" "$clients/venv/bin" <<'PY'
import pathlib, re, subprocess, sys
import xml.etree.ElementTree as ET
from translate.storage import factory, po, xliff2
work, tools = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2", "2.1": "urn:oasis:names:tc:xliff:document:2.0"}
bad = 0
def complain(message):
    global bad
    bad += 1
    print(message)
for version, folder in (("1.2", "12"), ("2.1", "21")):
    files = sorted((work / folder).rglob("*.xlf"))
    for index, path in enumerate(files):
        text = path.read_text(encoding="utf-8")
        unit = "trans-unit" if version == "1.2" else "segment"
        ours = ["".join(u.find(f"{{{NS[version]}}}source").itertext())
                for u in ET.fromstring(text).iter(f"{{{NS[version]}}}{unit}")]
        store = factory.getobject(str(path)) if version == "1.2" else xliff2.Xliff2File.parsestring(text.encode())
        theirs = [str(u.source) for u in store.units if not u.isheader()]
        if theirs != ours:
            complain(f"translate-toolkit {version}: {path.relative_to(work)}: {len(theirs)} units, we wrote {len(ours)}"
                     + next((f"; first difference {a!r} / {b!r}" for a, b in zip(theirs, ours) if a != b), ""))
        # The command-line tools start Python twice per file: on the first
        # 40 files (the readers above already see every file).
        if version == "1.2" and index < 40:
            count = subprocess.run([tools / "pocount", "--no-color", "--csv", str(path)], capture_output=True, text=True)
            header, row = count.stdout.strip().splitlines()[-2:]
            total = int(row.split(",")[header.split(",").index("Total Message")])
            if total != len(ours):
                complain(f"pocount: {path.relative_to(work)}: {total} strings, we wrote {len(ours)}")
            converted = path.with_suffix(".po")
            subprocess.run([tools / "xliff2po", str(path), str(converted)], capture_output=True, check=True)
            # xliff2po writes nothing for a file without units.
            messages = [str(u.source) for u in po.pofile.parsefile(str(converted)).units
                        if not u.isheader()] if converted.exists() else []
            if sorted(messages) != sorted(set(ours)) and len(messages) != len(ours):
                complain(f"xliff2po: {path.relative_to(work)}: {len(messages)} messages, we wrote {len(ours)}")
    print(f"translate-toolkit {version}: {len(files)} files read, units and text as written")
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
# An OmegaT project of the same documents against OmegaT's own schemas.
omegat_schemas=$clients/omegat-schemas
if command -v xmllint >/dev/null && [ -f "$omegat_schemas/srx20.xsd" ] && [ -f "$omegat_schemas/project_properties.xsd" ]; then
    "$bin" omegat "${paths[@]}" --target zh-CN --glossary "$glossary" -o "$work/project" 2>/dev/null || true
    catalog=()
    [ -f "$schemas/catalog.xml" ] && catalog=(env XML_CATALOG_FILES="$schemas/catalog.xml")
    if "${catalog[@]}" xmllint --noout --nonet --schema "$omegat_schemas/srx20.xsd" \
        "$work/project/omegat/segmentation.srx" rules/*.srx 2>"$work/srx" &&
        xmllint --noout --nonet --schema "$omegat_schemas/project_properties.xsd" \
            "$work/project/omegat.project" 2>"$work/project.log"; then
        echo "OmegaT project: segmentation.srx and rules/*.srx valid against srx20.xsd, omegat.project against project_properties.xsd"
    else
        grep -hv ' validates$' "$work/srx" "$work/project.log" || true
        failed=1
    fi
else
    echo "OmegaT project schemas: skipped (needs xmllint and OmegaT's jar: scripts/install-clients.sh)"
fi
exit $failed
