#!/usr/bin/env bash
# Builds the OCR scan test set (target/scan-testset/) or, with --fixtures, the committed
# fixtures (tests/fixtures/ocr/): installs what is missing, then runs
# scripts/make-scan-testset.py with the arguments given (see its --help). Run by hand:
#
#   scripts/make-scan-testset.sh                # degraded + clean set, about 2 minutes
#   scripts/make-scan-testset.sh --fixtures     # regenerate tests/fixtures/ocr/
#   scripts/ocr-baseline.sh                     # then plain tesseract on it, scored
#
# Debian packages (installed when missing and running as root): LibreOffice Writer,
# Chromium, poppler-utils, img2pdf, Noto fonts, Tesseract with vie and chi_sim. Python:
# a venv in target/ocr-venv (OCR_VENV to move it) with Pillow and numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${OCR_VENV:-target/ocr-venv}

missing=()
need() { command -v "$1" >/dev/null || missing+=("$2"); }
need soffice libreoffice-writer-nogui
need chromium chromium
need pdftoppm poppler-utils
need img2pdf img2pdf
need fc-match fontconfig
need tesseract tesseract-ocr
# Captured first: `cmd | grep -q` fails under pipefail when grep stops reading early.
fonts=$(fc-list : file 2>/dev/null || true)
[[ $fonts == *NotoSansCJK* ]] || missing+=(fonts-noto-cjk)
[[ $fonts == *NotoSans-Bold.ttf* ]] || missing+=(fonts-noto-core)
if command -v tesseract >/dev/null; then
  langs=$(tesseract --list-langs 2>/dev/null || true)
  grep -qx vie <<<"$langs" || missing+=(tesseract-ocr-vie)
  grep -qx chi_sim <<<"$langs" || missing+=(tesseract-ocr-chi-sim)
else
  missing+=(tesseract-ocr-vie tesseract-ocr-chi-sim)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c 'import PIL, numpy' 2>/dev/null || "$VENV/bin/pip" install -q pillow numpy

exec "$VENV/bin/python" scripts/make-scan-testset.py "$@"
