#!/usr/bin/env bash
# Reproduces one fuzzing campaign: fuzz/run.sh TARGET SECONDS
# TARGET: idx, mat, npy, npz, model, checkpoint, dataset, image. Needs afl++ (Debian: apt-get install afl++)
# and the SharpFuzz instrumenter (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0).
# Findings land in fuzz/out/TARGET/default/crashes and hangs; replay one with
#   dotnet fuzz/out/bin/Scrawl.Fuzz.dll TARGET --replay FILE
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
export PATH="$PATH:$HOME/.dotnet/tools"
bin="$here/out/bin"
if [ ! -f "$bin/.instrumented" ]; then
  rm -rf "$bin"
  dotnet build "$here/Scrawl.Fuzz" -c Release -o "$bin" >/dev/null
  # Instrument the parsers' assemblies (SharpFuzz rewrites them in place to report coverage to AFL).
  for dll in Scrawl.Data Scrawl.NeuralNet Scrawl.Numerics Scrawl.Media; do
    sharpfuzz "$bin/$dll.dll" >/dev/null
  done
  touch "$bin/.instrumented"
fi
rm -rf "$here/out/$target"
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 \
  afl-fuzz -V "$seconds" -t 10000 -m none -i "$here/corpus/$target" -o "$here/out/$target" -- dotnet "$bin/Scrawl.Fuzz.dll" "$target" \
  > "$here/out/$target.log" 2>&1 || { tail -30 "$here/out/$target.log"; exit 1; }
stats="$here/out/$target/default/fuzzer_stats"
echo "$target: $(grep -E '^execs_done' "$stats" | tr -s ' ') $(grep -E '^saved_crashes' "$stats" | tr -s ' ') $(grep -E '^saved_hangs' "$stats" | tr -s ' ') $(grep -E '^execs_per_sec' "$stats" | tr -s ' ')"
