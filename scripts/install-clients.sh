#!/usr/bin/env bash
# Installs the real clients the interop tests check our XLIFF and TMX with,
# when they are missing (best effort: what cannot be installed is reported,
# and the tests that need it skip with a printed reason):
#   - libxml2-utils (xmllint), omegat and openjdk-17-jre-headless (apt, as root);
#   - chromium and fonts-noto-cjk (apt), which load the HTML pages of qa and
#     review in tests/e2e/html_pages.rs;
#   - tesseract-ocr with its Vietnamese and Chinese data (apt), which reads
#     the scanned pages of tests/e2e/ocr.rs;
#   - the official XLIFF 1.2 strict and 2.0 core XSDs, from Debian's
#     php-symfony-translation package, unpacked into target/clients/schemas
#     with an offline catalog for xml.xsd;
#   - translate-toolkit in target/clients/venv (PyPI);
#   - OmegaT's tmx14.dtd, taken from its jar, as target/clients/tmx14.dtd,
#     and its srx20.xsd and project_properties.xsd into
#     target/clients/omegat-schemas.
# PLANGLOSS_SKIP_CLIENTS=1 skips it all.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${PLANGLOSS_SKIP_CLIENTS:-0}" = 1 ]; then
    echo "== interop clients not installed (PLANGLOSS_SKIP_CLIENTS=1)"
    exit 0
fi
clients=$(pwd)/target/clients
mkdir -p "$clients"
missing=()
command -v xmllint >/dev/null || missing+=(libxml2-utils)
[ -f /usr/share/omegat/OmegaT.jar ] || missing+=(omegat)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
for package in tesseract-ocr tesseract-ocr-vie tesseract-ocr-chi-sim tesseract-ocr-chi-tra; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "== installing ${missing[*]}"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >"$clients/apt.log" 2>&1 ||
            echo "   could not install them (see $clients/apt.log); their tests will skip"
    else
        echo "== not installing ${missing[*]}: needs root and apt-get; their tests will skip"
    fi
fi
schemas=$clients/schemas
if [ ! -f "$schemas/xliff-core-2.0.xsd" ]; then
    fetch() { (cd "$clients" && apt-get download php-symfony-translation >/dev/null 2>&1); }
    # Stale package lists are refreshed once (as root).
    fetch || { [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 && fetch; }
    if (cd "$clients" && dpkg -x php-symfony-translation_*.deb pkg 2>/dev/null); then
        mkdir -p "$schemas/informativeCopiesOf3rdPartySchemas/w3c"
        cp "$clients"/pkg/usr/share/php/Symfony/Component/Translation/Resources/schemas/*.xsd "$schemas/"
        cp "$schemas/xml.xsd" "$schemas/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd"
    else
        echo "   could not fetch php-symfony-translation (the XLIFF XSDs); the schema checks will skip"
    fi
fi
if [ -f "$schemas/xml.xsd" ]; then
    cat >"$schemas/catalog.xml" <<CATALOG
<?xml version="1.0"?>
<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="http://www.w3.org/2001/xml.xsd" uri="file://$schemas/xml.xsd"/>
  <uri name="http://www.w3.org/2001/xml.xsd" uri="file://$schemas/xml.xsd"/>
</catalog>
CATALOG
fi
if [ ! -x "$clients/venv/bin/python" ] || ! "$clients/venv/bin/python" -c "import translate" 2>/dev/null; then
    (python3 -m venv "$clients/venv" && "$clients/venv/bin/pip" install -q translate-toolkit) >"$clients/pip.log" 2>&1 ||
        echo "   could not install translate-toolkit (see $clients/pip.log); its checks will skip"
fi
if [ -f /usr/share/omegat/OmegaT.jar ]; then
    from_jar() { # copies schemas/$1 of OmegaT's jar to $2
        [ -f "$2" ] && return
        python3 -c "import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile('/usr/share/omegat/OmegaT.jar').read('schemas/$1'))" \
            >"$2" || rm -f "$2"
    }
    mkdir -p "$clients/omegat-schemas"
    from_jar tmx14.dtd "$clients/tmx14.dtd"
    from_jar srx20.xsd "$clients/omegat-schemas/srx20.xsd"
    from_jar project_properties.xsd "$clients/omegat-schemas/project_properties.xsd"
fi
exit 0
