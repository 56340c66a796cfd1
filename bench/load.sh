#!/usr/bin/env bash
# The preview server under load: `tandem serve` on a copy of the sample programme,
# 200 concurrent connections for 30 s (wrk, over a mix of pages, assets and the search
# index) while an entry is saved every half second, so that the site is rebuilt all
# along. Fails when any request failed (a socket error, a timeout, a status other than
# 2xx), when no rebuild happened, or when fewer requests per second were answered than
# the floor (default 100: far below what the server does, so only a server that stalls
# while it rebuilds falls under it; the tests check that answers are whole, not how
# many there are).
#
#   bench/load.sh                # 200 connections, 30 s
#   bench/load.sh 400 60 2000    # connections, seconds, floor in requests per second
set -euo pipefail

connections="${1:-200}"
seconds="${2:-30}"
floor="${3:-100}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v wrk >/dev/null; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y wrk
fi
cargo build --release --bin tandem
target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

work="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; kill $editor 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r content "$work/content"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$target/release/tandem" serve --content "$work/content" --port "$port" 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/pagefind/pagefind.js" -o /dev/null && break
  sleep 0.1
done

entry="$work/content/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende.md"
original="$(cat "$entry")"
(
  i=0
  while true; do
    printf '%s\n\nLastsatz %s.\n' "$original" "$i" > "$entry.tmp" && mv "$entry.tmp" "$entry"
    i=$((i + 1))
    sleep 0.5
  done
) &
editor=$!

cat > "$work/paths.lua" <<'LUA'
local paths = {
  "/", "/cohorts/2019/", "/cohorts/2019/berger-vogt/",
  "/cohorts/2019/berger-vogt/2019-03-14-linkedin-fuer-vorstaende/",
  "/topics/", "/timeline/", "/search/", "/assets/style.css",
  "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$work/paths.lua" \
  "http://127.0.0.1:$port" | tee "$work/wrk.txt"
kill $editor
rebuilds=$(grep -cE "^(Rebuilt|Neu gebaut)" "$work/serve.log" || true)
echo "rebuilds during the run: $rebuilds"
failed=0
grep -q "Non-2xx or 3xx responses" "$work/wrk.txt" && failed=1
grep -q "Socket errors" "$work/wrk.txt" && failed=1
[ "$rebuilds" -gt 0 ] || failed=1
rate=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$work/wrk.txt")
echo "requests per second: ${rate:-none} (floor $floor)"
[ "${rate:-0}" -ge "$floor" ] || failed=1
if [ "$failed" = 1 ]; then
  echo "FAILED: see the wrk report above" >&2
  exit 1
fi
echo "OK: no failed request"
