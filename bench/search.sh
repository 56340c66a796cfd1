#!/usr/bin/env bash
# Search benchmark: index build time and bundle size for generated programmes, and the
# bytes one query transfers in a real browser.
#
#   bench/search.sh                  # 10,000 and 100,000 entries
#   bench/search.sh 10000            # one size
#
# For each size: generates the programme (examples/generate.rs, kept in BENCH_DIR for
# later runs), times collecting the records and writing the index (in Pagefind's format) on their own
# (examples/search_index.rs), times one full `tandem build` with its peak memory
# (/usr/bin/time), then measures what one query transfers in headless Chromium
# (bench/query_bytes.py: the bytes the server sent from pagefind/ until the results
# show), for a frequent and a rare word.
# Environment: BENCH_DIR (default: <target dir>/bench), QUERY (default: Besprechung,
# in most generated entries), QUERY_RARE (default: Kanban).
set -euo pipefail

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
query="${QUERY:-Besprechung}"
rare="${QUERY_RARE:-Kanban}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y "${need[@]}"
fi

cargo build --release --bin tandem --example generate --example search_index
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
bench="${BENCH_DIR:-$target/bench}/search"
mkdir -p "$bench"

for n in "${sizes[@]}"; do
  dir="$bench/$n"
  if [ ! -f "$dir/GENERATED.txt" ]; then
    "$target/release/examples/generate" --entries "$n" --out "$dir" >/dev/null
  fi
  echo "== $n entries"
  "$target/release/examples/search_index" --content "$dir/tandem"

  rm -rf "$dir/public"
  /usr/bin/time -f "full build:       %e s wall, peak memory %M KB" \
    "$target/release/tandem" build --content "$dir/tandem" --output "$dir/public" 2>&1 | tail -2

  python3 bench/query_bytes.py "$dir/public" "$query"
  python3 bench/query_bytes.py "$dir/public" "$rare"
done
