#!/usr/bin/env bash
# Makes what label printing (POST /v1/labels) and its test need available from
# Debian packages: a CJK font for the labels (fonts-wqy-microhei, the default
# of PALLET_LABEL_FONT) and, for the label test, pdftoppm/pdftotext
# (poppler-utils) and zbarimg (zbar-tools). On Debian as root it installs the
# missing packages; otherwise it says what to install and leaves the decision
# to the caller (labels then answer 503 naming the font, the test fails).
set -euo pipefail

font="${PALLET_LABEL_FONT:-/usr/share/fonts/truetype/wqy/wqy-microhei.ttc}"
missing=()
[ -f "$font" ] || [ -n "${PALLET_LABEL_FONT:-}" ] || missing+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "labels: font $font, pdftoppm, zbarimg (present)"
  exit 0
fi
if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ]; then
  echo "labels: installing the Debian packages ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  echo "labels: ${missing[*]} (installed)"
  exit 0
fi
echo "labels: missing; install the Debian packages ${missing[*]} (apt-get install ${missing[*]})" >&2
exit 0
