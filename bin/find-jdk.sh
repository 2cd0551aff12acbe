# Sourced by ./mvnw and ./coderunner: point JAVA_HOME at a JDK 21 or newer. With CR_JDK_FUNCTIONS_ONLY=1 it only
# defines the functions (cli/bin/coderunner asks a given java for its version without needing a JDK).
# Order: $JAVA_HOME, the `java` on PATH, then /usr/lib/jvm/* (newest first; CR_JVM_DIR overrides the folder).
# Stops with a clear message when none is found.
# POSIX sh (./mvnw runs it under sh). It runs before every server start, so the usual case (a good JAVA_HOME)
# starts no other program: on a small virtual machine each one costs 10-25 ms.

cr_java_version() { # prints the JAVA_VERSION of the JDK of the java binary $1 (e.g. 25.0.3), or nothing
  # A JDK's `release` file names its version: reading it costs nothing, starting a JVM ~0.3 s.
  local java line
  java="$1"
  [ -L "$java" ] && java="$(readlink -f "$java")"
  java="${java%/*}" # .../bin
  [ -r "${java%/*}/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*) line="${line#JAVA_VERSION=}"; line="${line#\"}"; echo "${line%%\"*}"; return 0 ;;
    esac
  done < "${java%/*}/release"
  return 0
}

cr_java_major() { # prints the major version of the java binary $1, or 0
  local version major
  version="$(cr_java_version "$1")"
  major="${version%%[!0-9]*}"
  [ "$major" = 1 ] && major=8 # 1.8.0_x
  [ -n "$major" ] && { echo "$major"; return; }
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}

cr_try_jdk() { # $1: a JDK folder; makes it JAVA_HOME when it is a JDK 21 or newer
  local candidate major
  candidate="${1%/}"
  [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || return 1
  major=$(cr_java_major "$candidate/bin/java")
  [ "${major:-0}" -ge 21 ] 2>/dev/null || return 1
  export JAVA_HOME="$candidate"
}

cr_find_jdk() {
  local candidate on_path
  cr_try_jdk "${JAVA_HOME:-}" && return 0
  on_path="$(command -v java 2>/dev/null || true)"
  [ -n "$on_path" ] && cr_try_jdk "$(dirname "$(dirname "$(readlink -f "$on_path")")")" && return 0
  for candidate in $(ls -d "${CR_JVM_DIR:-/usr/lib/jvm}"/*/ 2>/dev/null | sort -rV); do
    cr_try_jdk "$candidate" && return 0
  done
  echo "CodeRunner needs a JDK 21 or newer, and none was found (checked JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or 'apt-get install temurin-25-jdk', or set JAVA_HOME." >&2
  exit 1
}

[ "${CR_JDK_FUNCTIONS_ONLY:-}" = 1 ] || cr_find_jdk
