#!/usr/bin/env bash
# ops/promtool.sh — make `promtool` (Prometheus' config and rule checker)
# available without installing or starting a Prometheus service, and print its
# path on stdout (the last line; progress goes to stderr).
#
#   bash ops/promtool.sh            the path of a promtool that runs
#   "$(bash ops/promtool.sh)" check rules ops/prometheus/alerts.yml
#
# Order: PROMTOOL (if set and executable), `promtool` on PATH, the copy
# unpacked earlier under .data/tools/prometheus/, else the Debian package is
# fetched with `apt-get download` (no dependencies resolved, nothing
# installed: no prometheus user, no systemd unit, no service) and unpacked
# there with `dpkg -x`. Idempotent: a second run only prints the path.
set -euo pipefail

ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
DEST="$ROOT/.data/tools/prometheus"
BIN="$DEST/usr/bin/promtool"

say() { printf '%s\n' "$*" >&2; }
die() { printf 'ops/promtool.sh: %s\n' "$*" >&2; exit 1; }
works() { "$1" --version >/dev/null 2>&1; }

if [[ -n ${PROMTOOL:-} ]]; then
  works "$PROMTOOL" || die "PROMTOOL=$PROMTOOL does not run"
  printf '%s\n' "$PROMTOOL"; exit 0
fi
if command -v promtool >/dev/null 2>&1 && works promtool; then
  command -v promtool; exit 0
fi
if [[ -x $BIN ]] && works "$BIN"; then
  printf '%s\n' "$BIN"; exit 0
fi

command -v apt-get >/dev/null 2>&1 || die "no promtool on PATH and no apt-get to fetch the Debian prometheus package; set PROMTOOL=/path/to/promtool"
command -v dpkg >/dev/null 2>&1 || die "dpkg is needed to unpack the prometheus package"

work="$(mktemp -d "${TMPDIR:-/tmp}/pallet-promtool-XXXXXX")"
trap 'rm -rf -- "$work"' EXIT
say "fetching the Debian prometheus package (for promtool only) …"
# apt-get download fetches as the _apt user when it can write the directory (else it warns and fetches as root).
chmod 777 "$work"
if ! (cd "$work" && apt-get download prometheus >&2); then
  say "apt-get download failed; refreshing the package lists once"
  apt-get update >&2 || die "apt-get update failed"
  (cd "$work" && apt-get download prometheus >&2) || die "apt-get download prometheus failed"
fi
deb="$(find "$work" -maxdepth 1 -name 'prometheus_*.deb' | head -n 1)"
[[ -n $deb ]] || die "apt-get download left no prometheus_*.deb"

# Unpack next to the destination, then swap in: an interrupted run leaves no half tree.
mkdir -p "$ROOT/.data/tools"
staging="$(mktemp -d "$ROOT/.data/tools/.prometheus-XXXXXX")"
dpkg -x "$deb" "$staging" || { rm -rf -- "$staging"; die "dpkg -x $deb failed"; }
[[ -x $staging/usr/bin/promtool ]] || { rm -rf -- "$staging"; die "the package has no usr/bin/promtool"; }
rm -rf -- "$DEST"
mv -- "$staging" "$DEST"
works "$BIN" || die "$BIN does not run"
say "promtool unpacked under ${DEST#"$ROOT"/} ($("$BIN" --version 2>&1 | head -n 1))"
printf '%s\n' "$BIN"
