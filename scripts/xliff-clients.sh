#!/usr/bin/env bash
# Checks plangloss's XLIFF and TMX with the real clients (run as root, by
# hand for now): the official XSDs (XLIFF 1.2 strict and 2.0 core, from
# Debian's php-symfony-translation) with xmllint, offline; translate-toolkit
# (pocount on 1.2, the xliff2 storage class on 2.1) must see each file's
# sentence count; the TMX from a translated file against OmegaT's tmx14.dtd.
# Clients are installed into target/clients/ when missing.
#
#   scripts/xliff-clients.sh [PATH...]    # default: corpora
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
clients=$root/target/clients
mkdir -p "$clients"
cargo build --release -q
bin=$root/target/release/plangloss

# The clients.
command -v xmllint >/dev/null || apt-get install -y -qq libxml2-utils >/dev/null
schemas=$clients/schemas
if [ ! -f "$schemas/xliff-core-2.0.xsd" ]; then
    (cd "$clients" && apt-get download php-symfony-translation >/dev/null 2>&1 &&
        dpkg -x php-symfony-translation_*.deb pkg)
    mkdir -p "$schemas/informativeCopiesOf3rdPartySchemas/w3c"
    cp "$clients"/pkg/usr/share/php/Symfony/Component/Translation/Resources/schemas/*.xsd "$schemas/"
    cp "$schemas/xml.xsd" "$schemas/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"
fi
cat >"$schemas/catalog.xml" <<CATALOG
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://$schemas/xml.xsd"/>
  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://$schemas/xml.xsd"/>
</catalog>
CATALOG
[ -x "$clients/venv/bin/pocount" ] || {
    python3 -m venv "$clients/venv" && "$clients/venv/bin/pip" install -q translate-toolkit
}
dtd=$clients/tmx14.dtd
if [ ! -f "$dtd" ] && [ -f /usr/share/omegat/OmegaT.jar ]; then
    python3 -c "import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile('/usr/share/omegat/OmegaT.jar').read('schemas/tmx14.dtd'))" >"$dtd"
fi

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
XML_CATALOG_FILES=$schemas/catalog.xml xmllint --noout --nonet \
    --schema "$schemas/xliff-core-1.2-strict.xsd" "${v12[@]}" 2>&1 | grep -v ' validates$' || true
xmllint --noout --nonet --schema "$schemas/xliff-core-2.0.xsd" "${v21[@]}" 2>&1 | grep -v ' validates$' || true
echo "XSD: ${#v12[@]} XLIFF 1.2 and ${#v21[@]} XLIFF 2.1 files checked (errors above, if any)"

# translate-toolkit must see our units: the count of trans-units/segments.
"$clients/venv/bin/python" - "$work" <<'PY'
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

# A translated copy of the first 1.2 file, through plangloss tmx, against the DTD.
if [ -f "$dtd" ] && [ ${#v12[@]} -gt 0 ]; then
    sed 's|<source>\([^<]*\)</source>|<source>\1</source>\n<target state="translated">译 \1</target>|' "${v12[0]}" >"$work/translated.xlf"
    "$bin" tmx "$work/translated.xlf" -o "$work/memory.tmx"
    xmllint --noout --nonet --dtdvalid "$dtd" "$work/memory.tmx" && echo "TMX: valid against tmx14.dtd"
fi
