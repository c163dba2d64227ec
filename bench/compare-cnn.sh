#!/usr/bin/env bash
# Times `scrawl bench cnn` side by side with bench/torch_cnn.py (the same CNN and training in
# PyTorch CPU, float32, 2 threads) on mnist-10k, interleaved in one sitting, and prints the
# medians of the training throughput and their ratio.
#   bench/compare-cnn.sh [EPOCHS=3] [RUNS=3]
# Needs Debian's python3-numpy python3-torch libopenblas0-openmp.
set -euo pipefail
epochs="${1:-3}"
runs="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
if ! "$py" -c 'import numpy, torch' 2>/dev/null; then
  echo "compare-cnn: $py lacks numpy/torch; install them with:" >&2
  echo "  apt-get install -y python3-numpy python3-torch libopenblas0-openmp" >&2
  exit 2
fi
"$root/scrawl" --help >/dev/null   # build once, outside the timings

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ss=""; ts=""
for ((i = 1; i <= runs; i++)); do
  s=$("$root/scrawl" bench cnn --epochs "$epochs" | awk '/^samples-per-second:/ {print $2}')
  t=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
      "$py" "$root/bench/torch_cnn.py" --epochs "$epochs" | sed -n 's/.*samples_per_s=\([0-9.]*\).*/\1/p')
  echo "run $i: scrawl ${s} samples/s  pytorch ${t} samples/s"
  ss+="$s "; ts+="$t "
done
ms=$(tr ' ' '\n' <<<"$ss" | grep . | median)
mt=$(tr ' ' '\n' <<<"$ts" | grep . | median)
echo "median of $runs, $epochs epochs: scrawl ${ms} samples/s, pytorch ${mt} samples/s"
awk -v s="$ms" -v t="$mt" 'BEGIN {printf "ratio: scrawl/pytorch %.2fx\n", s / t}'
