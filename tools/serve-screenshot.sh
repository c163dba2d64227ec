#!/usr/bin/env bash
# The README's picture of scrawl serve's page (docs/serve-page.png): the browser test (tests/Scrawl.Server.Tests/BrowserTests.cs) reads the
# sample and draws an L in headless Chromium, saves the page as it ends (SCRAWL_SCREENSHOT), and this shrinks it to a small 256-colour PNG.
#   tools/serve-screenshot.sh [OUT.png]        needs Debian's chromium and chromium-driver, and python3-pil
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/docs/serve-page.png}"
raw="$(mktemp --suffix .png)"
trap 'rm -f "$raw"' EXIT
SCRAWL_SCREENSHOT="$raw" dotnet test "$here/tests/Scrawl.Server.Tests/Scrawl.Server.Tests.csproj" -c Release --nologo \
  --filter "FullyQualifiedName~BrowserTests" >/dev/null
/usr/bin/python3 - "$raw" "$out" <<'PY'
import sys
from PIL import Image
image = Image.open(sys.argv[1]).convert("RGB")
width = 820
image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
# FASTOCTREE keeps the few saturated colours (boxes, low-confidence orange) that a median cut merges into grey.
image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(sys.argv[2], optimize=True)
PY
echo "wrote $out ($(stat -c %s "$out") bytes)"
