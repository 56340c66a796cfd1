#!/usr/bin/env bash
# Search benchmark: index build time and bundle size for generated programmes, and the
# bytes one query transfers in a real browser.
#
#   bench/search.sh                  # 10,000 and 100,000 entries
#   bench/search.sh 10000            # one size
#
# For each size: generates the programme (examples/generate.rs, kept in BENCH_DIR for
# later runs), times collecting the records and Pagefind's indexing on their own
# (examples/search_index.rs), times one full `tandem build` with its peak memory
# (/usr/bin/time), then serves the built site on 127.0.0.1, opens
# /search/?q=QUERY in headless Chromium and adds up the bytes of every file the page
# fetched from pagefind/ (the server's log of requests, sizes from the disk).
# Environment: BENCH_DIR (default: <target dir>/bench), QUERY (default: Besprechung,
# a word of many generated entries, so that the result list is long).
set -euo pipefail

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
query="${QUERY:-Besprechung}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

need=()
command -v chromium >/dev/null || need+=(chromium)
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

  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  log="$dir/requests.log"
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir/public" 2>"$log" >/dev/null &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  sleep 0.5
  profile="$(mktemp -d)"
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
    --virtual-time-budget=20000 --dump-dom "http://127.0.0.1:$port/search/?q=$query" \
    2>/dev/null >"$dir/search-dom.html"
  rm -rf "$profile"
  kill $server 2>/dev/null || true
  trap - EXIT
  results=$(grep -o 'class="search-result"' "$dir/search-dom.html" | wc -l)
  status=$(grep -o 'data-search-status="">[^<]*' "$dir/search-dom.html" | sed 's/.*>//')
  python3 - "$log" "$dir/public" "$results" "$status" <<'PY'
import os, re, sys
log, public, shown, status = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
paths = []
for line in open(log, encoding="utf-8", errors="replace"):
    m = re.search(r'"GET (/pagefind/[^ ?]*)[^"]*" 200', line)
    if m:
        paths.append(m.group(1))
total = 0
by_kind = {}
for p in paths:
    size = os.path.getsize(os.path.join(public, p.lstrip("/")))
    total += size
    kind = p.split("/")[2] if p.count("/") > 2 else p.split("/")[-1].split(".")[0]
    by_kind.setdefault(kind, [0, 0])
    by_kind[kind][0] += 1
    by_kind[kind][1] += size
print(f"one query:        {status!s}, {shown} shown; {len(paths)} files, {total/1000:.0f} kB from pagefind/")
for kind, (count, size) in sorted(by_kind.items()):
    print(f"  {kind:<18}{count:>4} files {size/1000:>8.1f} kB")
PY
done
