#!/usr/bin/env bash
# Router benchmark: wrk against one tiny upstream three ways — direct, through the CodeRunner
# router, through nginx — and a table of requests/s and p50/p99. Installs nothing; bounded in time;
# everything on 127.0.0.1; kills what it started. Usage: benchmarks/router/run.sh [duration, e.g. 10s]
set -euo pipefail

DURATION=${1:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUTER_LOOPS=${ROUTER_LOOPS:-0}   # 0 = one event loop per core
WARMUP=${WARMUP:-20s}             # the JIT needs this long before the router is at speed
PACE_MS=${PACE_MS:-10}            # paced run: each connection waits 1..2×PACE_MS-1 ms (mean PACE_MS) between requests; 0 = skip
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# The router runs inside the control plane, with the collector settings of ./coderunner (SERVER_JVM_OPTS there).
ROUTER_JAVA_OPTS=${ROUTER_JAVA_OPTS:--XX:+UseParallelGC -Xms96m -Xmn64m}

missing=()
for tool in wrk nginx node; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}. Install with: apt-get install -y wrk nginx nodejs" >&2
  exit 1
fi
[ -x "$JAVA" ] || { echo "no JDK at $JAVA (set JAVA=/path/to/bin/java)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d /tmp/router-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_port() { # port: wait up to 30 s for something to listen
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on $1" >&2; exit 1
}

echo "building the router classes..." >&2
(cd "$ROOT" && timeout 600 ./mvnw -q -B -Dweb.skip -pl server -am compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; exit 1; }
[ -s "$WORK/cp.txt" ] || { echo "could not compute the server classpath; see $WORK/build.log" >&2; exit 1; }
CLASSPATH="$ROOT/server/target/classes:$(cat "$WORK/cp.txt")"

UP=$(free_port); ROUTER=$(free_port); NGX=$(free_port)

node "$HERE/upstream.js" "$UP" & PIDS+=($!)

"$JAVA" $ROUTER_JAVA_OPTS -Dcoderunner.router.event-loop-threads="$ROUTER_LOOPS" \
    -cp "$CLASSPATH" dev.coderunner.router.StandaloneRouter "$ROUTER" "bench=127.0.0.1:$UP" \
    >"$WORK/router.log" 2>&1 & PIDS+=($!)
ROUTER_PID=$!

mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<NGINX_CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  upstream app { server 127.0.0.1:$UP; keepalive 64; }
  server {
    listen 127.0.0.1:$NGX;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
NGINX_CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" & PIDS+=($!)

wait_port "$UP"; wait_port "$ROUTER"; wait_port "$NGX"
curl -fsS -H 'Host: bench.localhost' "http://127.0.0.1:$ROUTER/" >/dev/null \
  || { echo "router does not answer; log:" >&2; cat "$WORK/router.log" >&2; exit 1; }

# A wrk script for the paced run: a random pause after each response (integer ms, mean PACE_MS), so the
# connections do not move in step and the machine is far from saturated.
cat >"$WORK/pace.lua" <<LUA
local pace = $PACE_MS
function delay() return math.random(1, 2 * pace - 1) end
LUA

run_wrk() { # name url [host]: prints "name rps p50_ms p99_ms"; PACED=1 adds the pacing script
  local name=$1 url=$2 host=${3:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [ -n "$host" ] && args+=(-H "Host: $host")
  [ "${PACED:-0}" = 1 ] && args+=(-s "$WORK/pace.lua")
  timeout 120 wrk "${args[@]}" "$url" >"$WORK/$name.txt"
  awk -v name="$name" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { errors = $NF }
    END { printf "%s %.0f %.3f %.3f %s\n", name, rps, p50, p99, (errors == "" ? 0 : errors) }' "$WORK/$name.txt"
}

echo "warming up (JIT) for $WARMUP each..." >&2
DURATION_SAVED=$DURATION; DURATION=$WARMUP
run_wrk warm-router "http://127.0.0.1:$ROUTER/" bench.localhost >/dev/null
run_wrk warm-nginx "http://127.0.0.1:$NGX/" bench.localhost >/dev/null
DURATION=$DURATION_SAVED

# CPU time of the router's threads from /proc/<pid>/task/*/schedstat (ns, exact even on a busy
# machine): event loops, JIT compiler threads, everything else.
router_cpu() {
  for t in /proc/"$ROUTER_PID"/task/*; do echo "$(tr ' ' '_' <"$t/comm") $(cat "$t/schedstat")"; done \
    | awk '{ if ($1 ~ /^router-|epoll|nio/) l += $2; else if ($1 ~ /Compiler/) c += $2; else o += $2 } END { print l + 0, c + 0, o + 0 }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "measuring: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency" >&2
{
  run_wrk direct "http://127.0.0.1:$UP/"
  CPU_BEFORE=$(router_cpu)
  run_wrk router "http://127.0.0.1:$ROUTER/" bench.localhost
  CPU_AFTER=$(router_cpu)
  run_wrk nginx "http://127.0.0.1:$NGX/" bench.localhost
} >"$WORK/results.txt"
REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/router.txt")
if [ "$PACE_MS" -gt 0 ]; then
  echo "measuring paced: the same, each connection pausing ~${PACE_MS} ms between requests" >&2
  {
    PACED=1 run_wrk direct "http://127.0.0.1:$UP/"
    PACED_CPU_BEFORE=$(router_cpu)
    PACED=1 run_wrk router "http://127.0.0.1:$ROUTER/" bench.localhost
    PACED_CPU_AFTER=$(router_cpu)
    PACED=1 run_wrk nginx "http://127.0.0.1:$NGX/" bench.localhost
  } >"$WORK/paced.txt"
  PACED_REQUESTS=$(awk '/requests in/ { print $1 }' "$WORK/router.txt")
fi

echo "machine: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "router event loops: ${ROUTER_LOOPS} (0 = one per core but one), JVM options: $ROUTER_JAVA_OPTS; nginx worker_processes auto"
table() { # results file, title, paced (1: throughput is set by the pace, not compared)
  echo; echo "$2"
  awk -v paced="${3:-0}" '
    { rps[$1] = $2; p50[$1] = $3; p99[$1] = $4; err[$1] = $5 }
    END {
      printf "| target | requests/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|\n"
      n = split("direct router nginx", order, " ")
      for (i = 1; i <= n; i++) { t = order[i]; printf "| %s | %d | %.2f | %.2f | %s |\n", t, rps[t], p50[t], p99[t], err[t] }
      if (!paced) printf "\nrouter/nginx throughput: %.2f (goal >= 0.80)\n", rps["router"] / rps["nginx"]; else print ""
      printf "p99 added over direct: router %.2f ms (goal <= 1 ms), nginx %.2f ms\n", p99["router"] - p99["direct"], p99["nginx"] - p99["direct"]
    }' "$1"
}
table "$WORK/results.txt" "as fast as wrk can (closed loop, the 2 cores saturated):"
[ "$PACE_MS" -gt 0 ] && table "$WORK/paced.txt" "paced (mean ${PACE_MS} ms between a connection's requests, far from saturation):" 1
cpu_per_request() { # title, cpu before, cpu after, requests
  echo "$2 $3 $4" | awk -v title="$1" '{ n = $7; printf "router CPU per request, %s: event loops %.1f us, JIT compiler %.1f us, other threads %.1f us\n", title, ($4 - $1) / 1000 / n, ($5 - $2) / 1000 / n, ($6 - $3) / 1000 / n }'
}
cpu_per_request saturated "$CPU_BEFORE" "$CPU_AFTER" "$REQUESTS"
if [ "$PACE_MS" -gt 0 ]; then cpu_per_request paced "$PACED_CPU_BEFORE" "$PACED_CPU_AFTER" "$PACED_REQUESTS"; fi 
