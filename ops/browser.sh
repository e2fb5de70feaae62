#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser test (test/e2e). Never
# downloads a browser of a test tool's own: on Debian as root it installs the
# `chromium` package when /usr/bin/chromium is missing; otherwise it says what
# to install and leaves the decision to the caller (the e2e test then fails
# with the same message).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1) (present)"
  exit 0
fi
if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ]; then
  echo "chromium: missing, installing the Debian package chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1) (installed)"
  exit 0
fi
echo "chromium: missing; install the Debian package 'chromium' (apt-get install chromium) for the browser test" >&2
exit 0
