#!/usr/bin/env bash
# Saves in a row in the preview: `tandem serve` on a generated programme, one entry
# saved again and again (written in place, as an editor with autosave does), and the
# time from each save to the moment the server answers the entry's page with the new
# text. Two ways of writing:
#
# - rapid: each save as soon as the previous one is served (the whole rebuild that the
#   previous save started is then still running);
# - pause: 4 s between saves (each rebuild is done before the next save).
#
# Prints p50, p95 and max per mode, the machine's load before and after, and the
# server's peak memory (/usr/bin/time). Nothing is asserted: the figures go into
# docs/benchmarks.md ("Saves in a row").
#
#   bench/saves.sh                       # 10,000 entries, 40 saves per mode
#   bench/saves.sh 10000 40 path/to/tandem   # entries, saves, another binary (before/after)
set -euo pipefail

entries="${1:-10000}"
saves="${2:-40}"
binary="${3:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

target="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
if [ -z "$binary" ]; then
  cargo build --release --bin tandem
  binary="$target/release/tandem"
fi

work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
cargo run --quiet --release --example generate -- --entries "$entries" --seed 1 --out "$work/gen" >/dev/null
content="$work/gen/tandem"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

echo "load before: $(uptime)"
/usr/bin/time -v -o "$work/time.txt" "$binary" serve --content "$content" --port "$port" 2>"$work/serve.log" &
timer=$!
for _ in $(seq 600); do
  curl -fs "http://127.0.0.1:$port/" -o /dev/null && break
  sleep 0.1
done
server=$(pgrep -P "$timer")

python3 - "$content" "$port" "$saves" <<'PY'
import os, sys, time, glob, statistics, urllib.request

content, port, saves = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
files = sorted(glob.glob(os.path.join(content, "cohorts", "*", "*", "*.md")))
entry = files[len(files) // 2]
url = "http://127.0.0.1:%d/%s/" % (port, os.path.relpath(entry, content)[:-3])
original = open(entry, encoding="utf-8").read()

def page():
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read().decode("utf-8")

assert "<html" in page(), url

def save_and_wait(marker):
    start = time.monotonic()
    with open(entry, "w", encoding="utf-8") as f:
        f.write(original + "\n\n" + marker + "\n")
    while marker not in page():
        time.sleep(0.002)
    return (time.monotonic() - start) * 1000

def report(name, ms):
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    print("%-6s %d saves: p50 %.0f ms, p95 %.0f ms, max %.0f ms" %
          (name, len(ms), statistics.median(ms), p95, ms[-1]))

print("entry:", url)
pause = [ ]
for i in range(saves):
    time.sleep(4)
    pause.append(save_and_wait("Gemessen mit Pause %d." % i))
rapid = [save_and_wait("Gemessen in Folge %d." % i) for i in range(saves)]
report("rapid", rapid)
report("pause", pause)
with open(entry, "w", encoding="utf-8") as f:
    f.write(original)
PY

echo "load after: $(uptime)"
kill "$server"
wait "$timer" 2>/dev/null || true
server=""
grep -E "Maximum resident set size" "$work/time.txt" | sed 's/^\s*/serve: /'
