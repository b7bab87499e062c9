# Sourced by ./mvnw and ./jnl: exports JAVA_HOME pointing at a JDK whose feature version is at least
# JNL_MIN_JDK (25), looking at JAVA_HOME, the java on PATH, then the usual install folders.
# Fails with a clear message when none exists.
JNL_MIN_JDK=${JNL_MIN_JDK:-25}

jnl_jdk_feature() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

jnl_find_jdk() {
  local cand v best="" bestv=0
  for cand in "${JAVA_HOME:-}" \
              "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
              /usr/lib/jvm/* "$HOME"/.jdks/* /opt/java/* /opt/jdk* /usr/local/jdk*; do
    [ -n "$cand" ] && [ -d "$cand" ] || continue
    v=$(jnl_jdk_feature "$cand")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$JNL_MIN_JDK" ] && [ "$v" -gt "$bestv" ]; then best=$cand; bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "jnetlink needs a JDK $JNL_MIN_JDK or newer, and none was found (looked at JAVA_HOME, the java on PATH," >&2
    echo "/usr/lib/jvm, ~/.jdks, /opt). Install one (e.g. Temurin $JNL_MIN_JDK) or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
