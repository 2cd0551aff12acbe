#!/usr/bin/env bash
# Initial JS the dashboard loads (every script index.html references), gzipped. Budget: < 250 KB.
set -euo pipefail
dist="$(cd "$(dirname "$0")/../../web/dist" && pwd)"
total=0
for f in $(grep -o 'src="/assets/[^"]*\.js"\|href="/assets/[^"]*\.js"' "$dist/index.html" | sed 's/.*="\/\(.*\)"/\1/' | sort -u); do
  size=$(gzip -9 -c "$dist/$f" | wc -c)
  echo "$f: $(wc -c < "$dist/$f") bytes raw, $size bytes gzipped"
  total=$((total + size))
done
echo "INITIAL_JS_GZIP_BYTES=$total ($(( total / 1024 )) KB)"
(( total < 250 * 1024 )) || { echo "over the 250 KB budget" >&2; exit 1; }
