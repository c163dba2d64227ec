#!/usr/bin/env bash
# Screenshots an HTML report with headless Chromium, to check by eye that the page shows its figures.
#   tools/report-screenshot.sh REPORT.html OUT.png [WIDTH=1200] [HEIGHT=4000]
# Needs Debian's chromium (apt-get install -y chromium); CI does not run it.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html OUT.png [WIDTH] [HEIGHT]" >&2
  exit 2
fi
report="$1" out="$2" width="${3:-1200}" height="${4:-4000}"
[ -f "$report" ] || { echo "$report: no such file" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "chromium not found (apt-get install -y chromium)" >&2; exit 2; }
abs="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
mkdir -p "$(dirname "$out")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$abs" >/dev/null 2>&1
[ -s "$out" ] || { echo "chromium wrote no screenshot to $out" >&2; exit 1; }
echo "screenshot: $out (${width}x${height})"
