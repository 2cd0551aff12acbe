#!/usr/bin/env bash
# Browser tests against a real control plane: starts the built server jar with a throw-away
# CODERUNNER_HOME and random ports, runs web/e2e/*.test.mjs in Debian's chromium, stops everything.
# Usage: bash web/e2e/run.sh [test files]  (after ./mvnw -pl web,server -am -DskipTests package)
# `./mvnw verify` runs it too (server/pom.xml, skipped with -DskipTests or -Dweb.skip).
# Bounded: the server gets CR_E2E_READY_SECONDS (150) to start, the tests CR_E2E_TEST_SECONDS (1200).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/server/target/coderunner-server.jar"
[[ -f "$jar" ]] || { echo "missing $jar: build first (./mvnw -pl web,server -am -DskipTests package)" >&2; exit 2; }
[[ -x /usr/bin/chromium ]] || { echo "missing /usr/bin/chromium: apt-get install -y chromium" >&2; exit 2; }
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -x "$java" ]] || java=java

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
home="$(mktemp -d /tmp/coderunner-e2e.XXXXXX)"
port="$(free_port)"; router_port="$(free_port)"
password="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$here/artifacts"

cleanup() {
  if [[ -n "${oidc_pid:-}" ]]; then kill "$oidc_pid" 2>/dev/null; wait "$oidc_pid" 2>/dev/null || true; fi
  if [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null; then
    # Graceful stop (the server stops its apps), but never wait more than 20 s for it.
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  pkill -f -- "$home" 2>/dev/null || true   # apps the server started live under the temp home
  sleep 0.5; pkill -9 -f -- "$home" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Single sign-on: no.nav's mock-oauth2-server (interactive login form) from the server's test classpath.
oidc_classpath="$root/server/target/test-classpath.txt"
[[ -f "$oidc_classpath" ]] || { echo "missing $oidc_classpath: build first (./mvnw -pl web,server -am -DskipTests package)" >&2; exit 2; }
oidc_port="$(free_port)"
SERVER_HOSTNAME=127.0.0.1 SERVER_PORT="$oidc_port" JSON_CONFIG='{"interactiveLogin":true}' \
  "$java" -cp "$(cat "$oidc_classpath")" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt >"$here/artifacts/oidc.log" 2>&1 &
oidc_pid=$!

CODERUNNER_HOME="$home" CODERUNNER_PORT="$port" CODERUNNER_ROUTER_PORT="$router_port" \
  CODERUNNER_ADMIN_PASSWORD="$password" CODERUNNER_SSO_SIGNUP=viewer \
  CODERUNNER_OIDC_ISSUER="http://127.0.0.1:$oidc_port/default" CODERUNNER_OIDC_CLIENT_ID=coderunner-e2e \
  CODERUNNER_OIDC_CLIENT_SECRET=e2e-secret CODERUNNER_OIDC_NAME="Test IdP" \
  "$java" -Dspring.aot.enabled=true -jar "$jar" >"$here/artifacts/server.log" 2>&1 &   # as ./coderunner server runs it
server_pid=$!

ready_deadline=$((SECONDS + ${CR_E2E_READY_SECONDS:-150}))
until curl -fsS -m 2 "http://localhost:$port/readyz" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $here/artifacts/server.log" >&2; exit 1; }
  (( SECONDS < ready_deadline )) || { echo "server not ready after ${CR_E2E_READY_SECONDS:-150} s; see $here/artifacts/server.log" >&2; exit 1; }
  sleep 0.5
done
echo "e2e: server ready in ${SECONDS} s (port $port, router $router_port)"
until curl -fsS -m 2 "http://127.0.0.1:$oidc_port/default/.well-known/openid-configuration" >/dev/null 2>&1; do
  kill -0 "$oidc_pid" 2>/dev/null || { echo "mock-oauth2-server exited; see $here/artifacts/oidc.log" >&2; exit 1; }
  (( SECONDS < ready_deadline )) || { echo "mock-oauth2-server not ready; see $here/artifacts/oidc.log" >&2; exit 1; }
  sleep 0.5
done

# The sample app, as the archive a user would drop on the page.
tar -czf "$home/static.tar.gz" -C "$root/examples/static" .
# A release that never becomes healthy: its web process never opens $PORT.
mkdir -p "$home/silent"
printf 'processes:\n  web:\n    command: sleep 600\n    health: { grace: 2s }\n' >"$home/silent/coderunner.yaml"
tar -czf "$home/silent.tar.gz" -C "$home/silent" .
# The same, but its failures fall within a long grace: it stays in health-checking (to cancel it).
mkdir -p "$home/slow"
printf 'processes:\n  web:\n    command: sleep 600\n    health: { grace: 120s }\n' >"$home/slow/coderunner.yaml"
tar -czf "$home/slow.tar.gz" -C "$home/slow" .

export CR_URL="http://localhost:$port" CR_ROUTER_PORT="$router_port" CR_PASSWORD="$password" \
  CR_ARCHIVE="$home/static.tar.gz" CR_SILENT_ARCHIVE="$home/silent.tar.gz" CR_SLOW_ARCHIVE="$home/slow.tar.gz" CR_ARTIFACTS="$here/artifacts" CR_PROFILE_ROOT="$home"
cd "$here/.."
set +e
# `timeout` bounds the whole test run; -k kills node (and chromium with it) if TERM is ignored.
timeout -k 10 "${CR_E2E_TEST_SECONDS:-1200}" node --test --test-concurrency=1 "${@:-e2e/}"
status=$?
(( status == 124 || status == 137 )) && echo "e2e: tests timed out after ${CR_E2E_TEST_SECONDS:-1200} s" >&2
set -e
exit $status
