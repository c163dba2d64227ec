#!/usr/bin/env bash
# Load benchmark of `scrawl serve` on loopback: starts the server, sends the sample page from C clients at once, prints images/s,
# p50/p99 latency, 503 refusals, errors and the server's peak RSS (VmHWM), then stops it. Bounded in requests and seconds.
#   bench/serve-load.sh [REQUESTS=400] [CONCURRENCY=8] [OVERLOAD_CONCURRENCY=64]
#   environment: PORT (5099), WORKERS (--max-concurrency; default one per processor), QUEUE (--queue, 16), MAX_SECONDS (120 per phase)
# Phase 1 measures throughput and latency at CONCURRENCY (goal on 2 cores: >= 15 images/s, p99 <= 0.5 s, 0 errors); phase 2 sends
# at OVERLOAD_CONCURRENCY, more than the workers and queue hold (503s expected, no errors, RSS bounded).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
requests="${1:-400}"
concurrency="${2:-8}"
overload="${3:-64}"
port="${PORT:-5099}"
queue="${QUEUE:-16}"
max_seconds="${MAX_SECONDS:-120}"
workers=(); [ -n "${WORKERS:-}" ] && workers=(--max-concurrency "$WORKERS")
url="http://127.0.0.1:$port"
log="$(mktemp)"
"$here/scrawl" --help >/dev/null # build first, so the server starts at once
"$here/scrawl" serve --urls "$url" --queue "$queue" "${workers[@]}" 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 300); do
  curl -fs "$url/v1/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "serve-load: the server did not start" >&2; exit 1; }
  sleep 0.1
done
head -n 1 "$log"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
client=(/usr/bin/python3 "$here/bench/serve_load.py" --url "$url" --image "$here/samples/sample-page.jpg" --truth "$here/samples/sample-page.txt" --max-seconds "$max_seconds")
"${client[@]}" --requests 20 --concurrency 2 --label warm-up >/dev/null
# The server's CPU time (user + system) per image read: what the figures above become on idle cores, whatever else runs here.
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
served() { curl -fs "$url/v1/health" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["served"])'; }
cpu0=$(cpu); served0=$(served)
"${client[@]}" --requests "$requests" --concurrency "$concurrency" --label steady
cpu1=$(cpu); served1=$(served)
awk -v t=$((cpu1 - cpu0)) -v n=$((served1 - served0)) -v hz="$(getconf CLK_TCK)" -v cores="$(nproc)" 'BEGIN {
  if (n > 0) printf "steady server CPU: %.0f ms per image (user + system) = %.1f images/s on %d idle cores\n", 1000 * t / hz / n, cores * n * hz / t, cores }'
echo "steady peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")"
"${client[@]}" --requests "$requests" --concurrency "$overload" --label overload
echo "overall peak RSS: $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
kill -TERM "$server"
wait "$server" || true
tail -n 2 "$log"
