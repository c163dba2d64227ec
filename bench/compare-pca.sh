#!/usr/bin/env bash
# Times `scrawl compress pca` (block Krylov on our GEMM) side by side with bench/pca_numpy.py (numpy float32:
# full covariance + eigh, OpenBLAS) on the same glyphs36 file, interleaved in one sitting, and prints the
# medians of the fit times, their ratio and both PSNRs.
#   bench/compare-pca.sh [RUNS=5] [COMPONENTS=32] [THREADS=2]
# THREADS is OpenBLAS's thread count for numpy (Scrawl uses both cores). Needs Debian's python3-numpy and
# libopenblas0-pthread.
set -euo pipefail
runs="${1:-5}"
components="${2:-32}"
threads="${3:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py=/usr/bin/python3
if ! "$py" -c 'import numpy' 2>/dev/null; then
  echo "compare-pca: $py lacks numpy; install it with: apt-get install -y python3-numpy libopenblas0-pthread" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/scrawl" data synth --out "$work/glyphs36.npz" >/dev/null   # 28,800 / 3,600 / 3,600 images of 32×32, seed 0

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ss=""; ns=""
for ((i = 1; i <= runs; i++)); do
  out=$("$root/scrawl" compress pca --data "$work/glyphs36.npz" --components "$components" --out "$work/run")
  s=$(awk '/^fit-seconds:/ {print $2}' <<<"$out"); sp=$(awk '/^psnr-db:/ {print $2}' <<<"$out")
  ref=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" "$py" "$root/bench/pca_numpy.py" "$work/glyphs36.npz" --components "$components")
  n=$(sed -n 's/.*fit_s=\([0-9.]*\).*/\1/p' <<<"$ref"); np=$(sed -n 's/.*psnr_db=\([0-9.]*\).*/\1/p' <<<"$ref")
  echo "run $i: scrawl ${s}s (psnr ${sp} dB)  numpy ${n}s (psnr ${np} dB)"
  ss+="$s "; ns+="$n "
done
ms=$(tr ' ' '\n' <<<"$ss" | grep . | median)
mn=$(tr ' ' '\n' <<<"$ns" | grep . | median)
echo "median of $runs, $components components: scrawl ${ms}s, numpy covariance+eigh (${threads} threads) ${mn}s"
awk -v s="$ms" -v n="$mn" 'BEGIN {printf "ratio: numpy/scrawl %.2fx\n", n / s}'
