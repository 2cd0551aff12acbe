# Sourced by ./mvnw and ./coderunner: point JAVA_HOME at a JDK 21 or newer.
# Order: $JAVA_HOME, the `java` on PATH, then /usr/lib/jvm/* (newest first).
# Stops with a clear message when none is found.

cr_java_version() { # prints the JAVA_VERSION of the JDK of the java binary $1 (e.g. 25.0.3), or nothing
  # A JDK's `release` file names its version: reading it costs nothing, starting a JVM ~0.3 s.
  local release
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  [ -r "$release" ] && sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\).*/\1/p' "$release" | head -n1
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

cr_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(cr_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "CodeRunner needs a JDK 21 or newer, and none was found (checked JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or 'apt-get install temurin-25-jdk', or set JAVA_HOME." >&2
  exit 1
}

cr_find_jdk
