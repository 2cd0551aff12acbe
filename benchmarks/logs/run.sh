#!/bin/sh
# Log capture benchmarks (issue 6). Usage: benchmarks/logs/run.sh [seconds] [rate]
# ingest: a writer appends numbered lines to an instance output file as fast as it can for
#         [seconds]; the real capture loop stores them; every line is checked (lost, duplicated).
# latency: [rate] lines/s for [seconds]; time from the write to the stored-entry hook that
#         publishes to the bus (the WebSocket channel's source); the WS hop itself is not included.
set -eu
cd "$(dirname "$0")/../.."
SECONDS_=${1:-30}
RATE=${2:-10000}
./mvnw -q -B -Dweb.skip -pl server -am verify -Dtest=LogsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dlogs.bench=true -Dlogs.bench.seconds="$SECONDS_" -Dlogs.bench.rate="$RATE" -Dlogs.bench.ingest-rate="${INGEST_RATE:-250000}" -Dlogs.bench.latency=true \
  || true
grep -h -E "^(INGEST|LATENCY)" server/target/surefire-reports/dev.coderunner.logs.LogsBenchmark-output.txt
