#!/usr/bin/env sh
# Checks a programme, builds every audience's site and copies the output into the web
# server's folder: the steps of the GitLab and GitHub pipelines in docs/hosting.md, to
# run on your own computer the same way.
#
#   scripts/publish.sh CONTENT [DESTINATION]
#
# CONTENT is the content folder (default: content). DESTINATION is a folder, or a
# server's folder for rsync over SSH (deploy@intranet.example.org:/srv/www/reverse-mentoring).
# It receives exactly the output: files gone from the output are deleted there.
# Without it, the script checks and builds and copies nothing (for merge requests).
#
# Environment:
#   TANDEM        the tandem program to use; without it, this repository's tandem is
#                 compiled once and kept in TANDEM_CACHE, and compiled again only when
#                 its sources change (a pipeline caches that folder)
#   TANDEM_CACHE  where the compiled program is kept (default: .tandem-cache)
#   OUTPUT        the output folder (default: public)
#   CHECK_FORMAT  how `tandem check` reports: human (default), github, gitlab, sarif
#   CHECK_REPORT  a file for the report instead of the terminal (GitLab's Code Quality
#                 report, SARIF); it is written also when the check fails
#   RSYNC_FLAGS   more options for rsync (e.g. --chmod=D755,F644); rsync itself reads
#                 RSYNC_RSH for the SSH command (e.g. "ssh -i ~/deploy_key")
set -eu

content=${1:-content}
destination=${2:-}
output=${OUTPUT:-public}
repo=$(cd "$(dirname "$0")/.." && pwd)

# The tandem program: given, or this repository's, compiled only when its sources
# changed since the copy in the cache was made.
tandem_program() {
  if [ -n "${TANDEM:-}" ]; then
    echo "$TANDEM"
    return
  fi
  cache=${TANDEM_CACHE:-.tandem-cache}
  sources=$(cd "$repo" && find Cargo.toml Cargo.lock src crates themes -type f -print0 \
    | LC_ALL=C sort -z | xargs -0 cat | sha256sum | cut -d' ' -f1)
  if [ -x "$cache/bin/tandem" ] && [ "$(cat "$cache/sources" 2>/dev/null)" = "$sources" ]; then
    echo "$cache/bin/tandem"
    return
  fi
  echo "== compiling tandem (its sources changed, or nothing is cached yet)" >&2
  (cd "$repo" && cargo build --release --locked --bin tandem >&2)
  mkdir -p "$cache/bin"
  cp "${CARGO_TARGET_DIR:-$repo/target}/release/tandem" "$cache/bin/tandem"
  echo "$sources" > "$cache/sources"
  echo "$cache/bin/tandem"
}

tandem=$(tandem_program)

echo "== tandem check (warnings count as errors)"
if [ -n "${CHECK_REPORT:-}" ]; then
  "$tandem" check --content "$content" --strict --format "${CHECK_FORMAT:-human}" > "$CHECK_REPORT"
else
  "$tandem" check --content "$content" --strict --format "${CHECK_FORMAT:-human}"
fi

echo "== tandem build: one site per audience"
"$tandem" build --content "$content" --output "$output" --strict

if [ -z "$destination" ]; then
  echo "== built into $output (no destination given: nothing copied)"
  exit 0
fi

echo "== rsync to $destination"
# Unchanged files keep their dates (tandem does not write them again), so rsync copies
# only what a change touched.
# shellcheck disable=SC2086
rsync -a --delete ${RSYNC_FLAGS:-} "$output"/ "$destination"/
echo "== published"
