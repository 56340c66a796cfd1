#!/usr/bin/env bash
# Full-build benchmark: `tandem build` against Hugo's minimal build of the same generated
# programme (examples/generate.rs), warm cache, output written to disk.
#
#   bench/compare.sh                    # 1,000, 10,000 and 50,000 entries
#   bench/compare.sh 1000               # a quick run
#   bench/compare.sh --runs 5 10000 50000
#   bench/compare.sh --shape long 10000 # entries of about 1,500 words
#
# Options: --runs N (timed runs per tool, default 3), --warmup N (default 1),
#          --check (also time one `tandem check` per size: loading and validating only),
#          --no-rebuild (skip the second table, builds over the previous output),
#          --shape NAME (the generated programme's shape, default `default`):
#            default        about 400 words per entry, 18-32 entries per tandem,
#                           10-40 tandems per cohort, a table in one entry of six;
#            long           entries of about 1,500 words (more sections and lists);
#            small-tandems  4-8 entries per tandem, 60-120 tandems per cohort;
#            rich           tables in 60 % of the entries, a 60 KB picture in 25 %;
#          --generate "FLAGS" (more options for examples/generate, after the shape's).
# Environment: BENCH_DIR (default: <target dir>/bench; each run in BENCH_DIR/run-<time>/,
#          earlier runs deleted at the end), TOLERANCE_PCT (allowed
#          difference of the page counts, default 2). Free space needed: about
#          (warmup + runs + 4) × 50 kB per entry per size (both tools' outputs are kept
#          until the end), ~20 GiB at 50,000 entries; checked before anything is timed.
#
# Wall time: hyperfine, mean ± standard deviation of the timed runs.
#  1. Fresh output: before every run both previous outputs are *moved* aside, so each
#     tool writes a complete site into a folder that does not exist yet. They are not
#     deleted until the end: on ext4 without a journal, creating tens of thousands of
#     files right after deleting as many spends seconds in the kernel's inode allocator
#     (it skips recently deleted inodes), which would measure the benchmark's own
#     clean-up, not the tools. BENCH_DIR on a journaled file system avoids it.
#  2. Rebuild over the previous output (what a user does again and again): tandem
#     writes into the site the build before replaced (kept beside the output as
#     .NAME.tandem-spare), leaves files that already hold the new bytes, and swaps;
#     Hugo overwrites files in place.
# Peak memory: one extra fresh run of each tool under `/usr/bin/time -v` (maximum
# resident set size).
# Writing alone: examples/write_floor writes each tool's finished output again into a
# new folder, with nothing else to do: the part of a build's time that is the file
# system's, the same for any generator. The Markdown tables are printed at the end and saved to
# BENCH_DIR/run-<time>/results.md.
set -euo pipefail

runs=3
warmup=1
shape=default
extra_flags=""
check=0
rebuild=1
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --check) check=1; shift ;;
    --no-rebuild) rebuild=0; shift ;;
    --shape) shape="$2"; shift 2 ;;
    --generate) extra_flags="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *[!0-9]*|'') echo "error: unknown argument \`$1\` (sizes are numbers of entries, e.g. 10000)" >&2; exit 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
case "$shape" in
  default) shape_flags="" ;;
  long) shape_flags="--words 1500" ;;
  small-tandems) shape_flags="--tandem-entries 4-8 --cohort-tandems 60-120" ;;
  rich) shape_flags="--tables 60 --pictures 25" ;;
  *) echo "error: unknown shape \`$shape\` (default, long, small-tandems, rich)" >&2; exit 2 ;;
esac
shape_flags="$shape_flags $extra_flags"
tolerance="${TOLERANCE_PCT:-2}"

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# --- tools ---------------------------------------------------------------------------
if ! command -v hugo >/dev/null || ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
  echo "== installing hugo, hyperfine, time"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y hugo hyperfine time
fi

echo "== building tandem and the generator (release)"
cargo build --release --bin tandem --example generate --example write_floor
target_dir="${CARGO_TARGET_DIR:-$root/target}"
tandem="$target_dir/release/tandem"
generate="$target_dir/release/examples/generate"
write_floor="$target_dir/release/examples/write_floor"
bench_root="${BENCH_DIR:-$target_dir/bench}"
# Each run works in a new folder; earlier runs are deleted only at the end (see above:
# deleting many files just before the timed runs would slow down the runs themselves).
bench_dir="$bench_root/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$bench_dir"

# Every timed run's output is kept until the end: check there is room for them all
# (about 34 kB per entry for tandem's output and 16 kB for Hugo's, per run, plus the
# programmes), so that a run does not fail at its last size with a full disk.
need_kb=0
for n in "${sizes[@]}"; do
  per_entry=50
  [ "$shape" = long ] && per_entry=120
  [ "$shape" = rich ] && per_entry=150
  need_kb=$(( need_kb + (warmup + runs + 4 + runs) * n * per_entry + n * 35 ))
done
free_kb="$(df -Pk "$bench_dir" | awk 'NR == 2 { print $4 }')"
if [ "${free_kb:-0}" -lt "$need_kb" ]; then
  echo "error: about $(( need_kb / 1048576 + 1 )) GiB of free disk are needed in $bench_root, $(( free_kb / 1048576 )) GiB are free." >&2
  echo "  help: free some space, use fewer sizes or runs, or set BENCH_DIR to a folder on a larger disk" >&2
  rmdir "$bench_dir" 2>/dev/null || true
  exit 1
fi

rev="$(git -C "$root" describe --always --dirty 2>/dev/null || echo "${TANDEM_REV:-unknown}")"
hugo_version="$(hugo version | head -n1)"
mem_total="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
cpu_model="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"

# Maximum resident set size in KiB of a command (its output goes to the log).
peak_rss() {
  local log="$1"; shift
  /usr/bin/time -v "$@" >"$log" 2>&1 || { echo "error: $* failed, see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$log"
}
# mean, stddev and min (seconds) of result $2 (0-based) in hyperfine JSON $1
stat_of() {
  local json="$1" index="$2" key="$3"
  # (hyperfine writes `null` for the deviation of a single run: then nothing is printed)
  { grep -oE "\"$key\": *[0-9.eE+-]+" "$json" || true; } | sed -n "$((index + 1))p" | sed 's/.*: *//'
}
fmt_s() { awk -v x="$1" 'BEGIN { if (x < 10) printf "%.2f", x; else printf "%.1f", x }'; }
fmt_mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }

# Moves a folder into $trash (deleted at the very end), as a shell command string.
aside_cmd() { echo "[ ! -e '$1' ] || mv '$1' '$2/'\$(date +%s%N)"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Mean seconds of $runs runs of write_floor copying the folder $1 (its copies go to $2).
floor_of() {
  local src="$1" trash="$2" total=0 t i
  for ((i = 0; i < runs; i++)); do
    sync
    t="$("$write_floor" "$src" "$trash/floor-$i" 2>/dev/null)" || { echo "error: write_floor failed on $src" >&2; exit 1; }
    mv "$trash/floor-$i" "$trash/$(date +%s%N)"
    total="$(awk -v a="$total" -v b="$t" 'BEGIN { print a + b }')"
  done
  awk -v a="$total" -v n="$runs" 'BEGIN { print a / n }'
}
# `cp -r` of a finished output into a new folder: mean wall and system seconds.
cp_floor_of() {
  local src="$1" trash="$2" wall=0 sys=0 w s i
  for ((i = 0; i < runs; i++)); do
    sync
    /usr/bin/time -f "%e %S" -o "$trash/cp.time" cp -r "$src" "$trash/cp-$i"
    read -r w s <"$trash/cp.time"
    mv "$trash/cp-$i" "$trash/$(date +%s%N)"
    wall="$(awk -v a="$wall" -v b="$w" 'BEGIN { print a + b }')"
    sys="$(awk -v a="$sys" -v b="$s" 'BEGIN { print a + b }')"
  done
  awk -v a="$wall" -v b="$sys" -v n="$runs" 'BEGIN { print a / n, b / n }'
}
above() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }

fresh_rows=()
cp_rows=()
declare -A cp_wall_of
floor_rows=()
rebuild_rows=()
extra=()
for n in "${sizes[@]}"; do
  dir="$bench_dir/$n"
  out_t="$dir/out-tandem"
  out_h="$dir/out-hugo"
  trash="$dir/trash"
  echo
  echo "== $n entries: generating into $dir"
  # shellcheck disable=SC2086 # the shape's flags are separate words
  "$generate" --entries "$n" --out "$dir" $shape_flags | sed 's/^/   /'
  mkdir -p "$trash"
  # Commands as hyperfine runs them (quoted for its shell).
  tandem_cmd="'$tandem' build --content '$dir/tandem' --output '$out_t'"
  hugo_cmd="hugo --quiet --source '$dir/hugo' --destination '$out_h'"
  aside="$(aside_cmd "$out_t" "$trash"); $(aside_cmd "$out_h" "$trash")"

  echo "== $n entries: checking that both tools build it and write the same pages"
  if ! "$tandem" build --content "$dir/tandem" --output "$out_t" >"$dir/tandem.log" 2>&1; then
    echo "error: tandem build failed on the generated programme ($dir/tandem.log):" >&2
    tail -n 40 "$dir/tandem.log" >&2
    exit 1
  fi
  warnings="$(grep -c -E '^(warning|Warnung)' "$dir/tandem.log" || true)"
  if ! hugo --quiet --source "$dir/hugo" --destination "$out_h" >"$dir/hugo.log" 2>&1; then
    echo "error: hugo failed on the generated site ($dir/hugo.log):" >&2
    tail -n 40 "$dir/hugo.log" >&2
    exit 1
  fi
  pages_t="$(find "$out_t" -name '*.html' | wc -l)"
  pages_h="$(find "$out_h" -name '*.html' | wc -l)"
  files_t="$(find "$out_t" -type f | wc -l)"
  files_h="$(find "$out_h" -type f | wc -l)"
  size_t="$(du -sm "$out_t" | cut -f1)"
  size_h="$(du -sm "$out_h" | cut -f1)"
  echo "   tandem: $pages_t HTML pages ($files_t files, $size_t MiB), $warnings warnings"
  echo "   hugo:   $pages_h HTML pages ($files_h files, $size_h MiB)"
  if ! awk -v a="$pages_t" -v b="$pages_h" -v tol="$tolerance" \
      'BEGIN { d = a - b; if (d < 0) d = -d; m = a > b ? a : b; exit !(m > 0 && d * 100 <= tol * m) }'; then
    echo "error: page counts differ by more than $tolerance% (tandem $pages_t, hugo $pages_h): not comparable" >&2
    exit 1
  fi

  echo "== $n entries: timing, fresh output (hyperfine, warmup $warmup, runs $runs); load before: $(loadavg)"
  json="$dir/hyperfine-fresh.json"
  hyperfine --warmup "$warmup" --runs "$runs" --style basic \
    --prepare "$aside" \
    --export-json "$json" \
    -n tandem "$tandem_cmd" \
    -n hugo "$hugo_cmd"
  load_after="$(loadavg)"

  echo "== $n entries: peak memory (/usr/bin/time -v)"
  sh -c "$aside"
  rss_t="$(peak_rss "$dir/tandem.time.log" "$tandem" build --content "$dir/tandem" --output "$out_t")"
  sh -c "$(aside_cmd "$out_h" "$trash")"
  rss_h="$(peak_rss "$dir/hugo.time.log" hugo --quiet --source "$dir/hugo" --destination "$out_h")"
  echo "   tandem $(fmt_mib "$rss_t") MiB, hugo $(fmt_mib "$rss_h") MiB"

  mean_t="$(stat_of "$json" 0 mean)"; sd_t="$(stat_of "$json" 0 stddev)"
  mean_h="$(stat_of "$json" 1 mean)"; sd_h="$(stat_of "$json" 1 stddev)"
  min_t="$(stat_of "$json" 0 min)"; min_h="$(stat_of "$json" 1 min)"
  echo "== $n entries: writing each tool's finished output alone (examples/write_floor, $runs runs)"
  floor_t="$(floor_of "$out_t" "$trash")"
  floor_h="$(floor_of "$out_h" "$trash")"
  echo "   tandem's output $(fmt_s "$floor_t") s, hugo's output $(fmt_s "$floor_h") s"
  read -r cp_wall cp_sys <<<"$(cp_floor_of "$out_t" "$trash")"
  sys_t="$(stat_of "$json" 0 system)"
  cp_wall_of[$n]="$cp_wall"
  echo "   cp -r of tandem's output: $(fmt_s "$cp_wall") s wall, $(fmt_s "$cp_sys") s system"
  cp_rows+=("| $n | $(fmt_s "$mean_t") s | $(fmt_s "$cp_wall") s | **$(ratio "$mean_t" "$cp_wall")×** | $(fmt_s "$sys_t") s | $(fmt_s "$cp_sys") s | **$(ratio "$sys_t" "$cp_sys")×** |")
  floor_rows+=("| $n | $files_t / $files_h | $(fmt_s "$floor_t") s | $(fmt_s "$floor_h") s | $(above "$mean_t" "$floor_t") s | $(above "$mean_h" "$floor_h") s | **$(ratio "$(above "$mean_h" "$floor_h")" "$(above "$mean_t" "$floor_t")")×** |")

  fresh_rows+=("| $n | $pages_t / $pages_h | $(fmt_s "$mean_t") ± $(fmt_s "$sd_t") s (min $(fmt_s "$min_t")) | $(fmt_s "$mean_h") ± $(fmt_s "$sd_h") s (min $(fmt_s "$min_h")) | **$(ratio "$mean_h" "$mean_t")×** | $(fmt_mib "$rss_t") MiB | $(fmt_mib "$rss_h") MiB | **$(ratio "$rss_h" "$rss_t")×** | $load_after |")

  if [ "$check" = 1 ]; then
    /usr/bin/time -f "%e %U %M" -o "$dir/check.time" "$tandem" check --content "$dir/tandem" >"$dir/check.log" 2>&1 || true
    read -r c_wall c_user c_rss <"$dir/check.time"
    extra+=("- $n entries: \`tandem check\` (load, validate and render in memory, write nothing): $(fmt_s "$c_wall") s wall, $(fmt_s "$c_user") s user, $(fmt_mib "$c_rss") MiB; \`tandem build\` (fresh output): $(fmt_s "$mean_t") s.")
  fi
done

# Rebuilds run after all fresh measurements: they delete what the new site lacks, and
# recently deleted inodes would slow down the fresh runs of the next size.
if [ "$rebuild" = 1 ]; then
  for n in "${sizes[@]}"; do
    dir="$bench_dir/$n"
    out_t="$dir/out-tandem"
    out_h="$dir/out-hugo"
    tandem_cmd="'$tandem' build --content '$dir/tandem' --output '$out_t'"
    hugo_cmd="hugo --quiet --source '$dir/hugo' --destination '$out_h'"
    echo
    echo "== $n entries: timing, rebuild over the previous output; load before: $(loadavg)"
    json="$dir/hyperfine-rebuild.json"
    hyperfine --warmup "$warmup" --runs "$runs" --style basic \
      --export-json "$json" \
      -n tandem "$tandem_cmd" \
      -n hugo "$hugo_cmd"
    mean_t="$(stat_of "$json" 0 mean)"; sd_t="$(stat_of "$json" 0 stddev)"
    mean_h="$(stat_of "$json" 1 mean)"; sd_h="$(stat_of "$json" 1 stddev)"
    rebuild_rows+=("| $n | $(fmt_s "$mean_t") ± $(fmt_s "$sd_t") s | $(fmt_s "$mean_h") ± $(fmt_s "$sd_h") s | **$(ratio "$mean_h" "$mean_t")×** | $(ratio "$mean_t" "${cp_wall_of[$n]}")× | $(loadavg) |")
  done
fi

echo
echo "== removing the moved-aside outputs and earlier runs (keeping $bench_dir)"
for n in "${sizes[@]}"; do rm -rf "$bench_dir/$n/trash"; done
for old in "$bench_root"/run-*; do
  [ "$old" = "$bench_dir" ] || rm -rf "$old"
done

{
  echo "Machine: $(nproc) cores ($cpu_model), $mem_total memory; $hugo_version; tandem $rev; $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo "Shape: $shape (examples/generate $(echo $shape_flags)); file system of the output: $(df -PT "$bench_dir" | awk 'NR == 2 { print $2 }')."
  echo "hyperfine: warmup $warmup, $runs timed runs per tool; peak RSS from one run under /usr/bin/time -v."
  echo
  echo "Fresh output (each run writes the whole site into a new folder):"
  echo
  echo "| entries | HTML pages tandem / hugo | tandem wall | hugo wall | hugo / tandem time | tandem peak RSS | hugo peak RSS | hugo / tandem memory | load avg after timing (1/5/15 min) |"
  echo "|--:|--:|--:|--:|--:|--:|--:|--:|--|"
  printf '%s\n' "${fresh_rows[@]}"
  echo
  echo "tandem's fresh build against \`cp -r\` of its own output into a new folder (mean of $runs copies; system time: hyperfine's mean for tandem, /usr/bin/time for cp):"
  echo
  echo "| entries | tandem wall | cp -r wall | tandem / cp -r | tandem system | cp -r system | tandem / cp -r, system |"
  echo "|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s\n' "${cp_rows[@]}"
  echo
  echo "Writing each tool's finished output alone, into a new folder (examples/write_floor: the same folders, then the same files on all cores; mean of $runs runs), and each build's time above it:"
  echo
  echo "| entries | files tandem / hugo | writing tandem's output | writing hugo's output | tandem build above it | hugo build above it | hugo / tandem, time above writing |"
  echo "|--:|--:|--:|--:|--:|--:|--:|"
  printf '%s\n' "${floor_rows[@]}"
  if [ ${#rebuild_rows[@]} -gt 0 ]; then
    echo
    echo "Rebuild over the previous output (tandem: write into the site the build before replaced, kept beside the output, and swap; Hugo: overwrite in place):"
    echo
    echo "| entries | tandem wall | hugo wall | hugo / tandem time | tandem / cp -r (fresh copy) | load avg after timing |"
    echo "|--:|--:|--:|--:|--:|--|"
    printf '%s\n' "${rebuild_rows[@]}"
  fi
  if [ ${#extra[@]} -gt 0 ]; then
    echo
    printf '%s\n' "${extra[@]}"
  fi
} >"$bench_dir/results.md"
echo
echo "== results (also in $bench_dir/results.md)"
echo
cat "$bench_dir/results.md"
