#!/usr/bin/env bash
# Times `scrawl bench mlp` side by side with the Python references in ../shared/bench (numpy
# float32 single-thread, PyTorch CPU) on the same exported data and epochs, in one sitting,
# and prints the medians and ratios.
#   bench/compare-mlp.sh [EPOCHS=100] [RUNS=3]
# Needs Debian's python3-numpy python3-scipy python3-torch libopenblas0-pthread libopenblas0-openmp.
set -euo pipefail
epochs="${1:-100}"
runs="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
refs="$root/../shared/bench"
py=/usr/bin/python3
if ! "$py" -c 'import numpy, scipy, torch' 2>/dev/null; then
  echo "compare-mlp: $py lacks numpy/scipy/torch; install them with:" >&2
  echo "  apt-get install -y python3-numpy python3-scipy python3-torch libopenblas0-pthread libopenblas0-openmp" >&2
  exit 2
fi
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
(cd "$refs" && "$py" common.py --export "$data" >/dev/null)
"$root/scrawl" --help >/dev/null   # build once, outside the timings

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A times
for ((i = 1; i <= runs; i++)); do
  # OPENBLAS_CORETYPE/L2_SIZE slow a current numpy: unset them for the references' commands only.
  s=$("$root/scrawl" bench mlp --quiet --epochs "$epochs" --data "$data" | awk '/^seconds:/ {print $2}')
  n=$(cd "$refs" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 "$py" np_mlp.py --float32 --quiet --epochs "$epochs" | sed -n 's/.*total_s=\([0-9.]*\).*/\1/p')
  t=$(cd "$refs" && env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp "$py" torch_mlp.py --quiet --epochs "$epochs" | sed -n 's/.*total_s=\([0-9.]*\).*/\1/p')
  echo "run $i: scrawl ${s}s  numpy-f32 ${n}s  pytorch ${t}s"
  times[scrawl]+="$s "; times[numpy]+="$n "; times[torch]+="$t "
done
ms=$(tr ' ' '\n' <<<"${times[scrawl]}" | grep . | median)
mn=$(tr ' ' '\n' <<<"${times[numpy]}" | grep . | median)
mt=$(tr ' ' '\n' <<<"${times[torch]}" | grep . | median)
echo "median of $runs, $epochs epochs: scrawl ${ms}s, numpy float32 ${mn}s, pytorch ${mt}s"
awk -v s="$ms" -v n="$mn" -v t="$mt" 'BEGIN {printf "ratios: numpy/scrawl %.2fx, pytorch/scrawl %.2fx\n", n / s, t / s}'
