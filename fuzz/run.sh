#!/usr/bin/env bash
# Runs every fuzz target (cargo-fuzz, libFuzzer) for a while, two at a time, then
# shrinks the corpora to the inputs that add coverage. The corpora are kept in the
# repository as fuzz/seeds/<target>.tar.gz (unpacked into fuzz/corpus/ to run, packed
# again at the end). Crashes land in fuzz/artifacts/<target>/; turn each into a
# regression test (tests/hostile.rs or a unit test).
#
#   fuzz/run.sh            # 10 minutes per target
#   fuzz/run.sh 60         # seconds per target
#
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 allows them on the stable
# toolchain. It installs cargo-fuzz when missing.
set -euo pipefail
seconds="${1:-600}"
cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
targets=(front_matter markdown scalars programme)
for t in "${targets[@]}"; do
  if [ ! -d "corpus/$t" ] && [ -f "seeds/$t.tar.gz" ]; then
    mkdir -p corpus
    tar -C corpus -xzf "seeds/$t.tar.gz"
  fi
done
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  pids=()
  for t in "${targets[@]:i:2}"; do
    mkdir -p "corpus/$t"
    cargo fuzz run -O "$t" -- -max_total_time="$seconds" -rss_limit_mb=4096 \
      >"fuzz-$t.log" 2>&1 &
    pids+=($!)
  done
  status=0
  for p in "${pids[@]}"; do wait "$p" || status=1; done
  for t in "${targets[@]:i:2}"; do
    echo "== $t: $(grep -E '^Done|^#[0-9]+.*DONE' "fuzz-$t.log" | tail -1)"
  done
  [ "$status" = 0 ] || { echo "a target crashed: see fuzz/fuzz-*.log and fuzz/artifacts/" >&2; exit 1; }
done
for t in "${targets[@]}"; do
  cargo fuzz cmin -O "$t" >/dev/null 2>&1
  tar -C corpus -czf "seeds/$t.tar.gz" "$t"
done
echo "corpora: $(du -ch seeds/*.tar.gz | tail -1 | cut -f1) packed in fuzz/seeds/"
