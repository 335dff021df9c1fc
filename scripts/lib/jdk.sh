# shellcheck shell=bash
# Sourced by scripts/test, scripts/run and .ci/run: finds a JDK >= 25 and reads the JVM flags.
#
#   tatekae_find_jdk        sets and exports JAVA_HOME (and puts its bin/ first on PATH), or
#                           prints what it looked at and how to fix it, and returns 1.
#   tatekae_jvm_flags       prints the value of tatekae.jvm.flags from config/jvm.properties.
#   tatekae_maven_opts      exports MAVEN_OPTS suited to running Maven on that JDK.
#
# TATEKAE_JDK_SEARCH_DIRS (default /usr/lib/jvm) lists, separated by ':', folders whose
# sub-folders are candidate JDKs.

TATEKAE_MIN_JAVA=25
TATEKAE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Prints the feature version (8, 17, 25, ...) that "<java> -version" reports, or nothing.
tatekae_java_major() {
  local java_bin="$1" output version
  [[ -x "$java_bin" ]] || return 1
  output="$("$java_bin" -version 2>&1)" || return 1
  [[ "$output" =~ version\ \"([^\"]+)\" ]] || return 1
  version="${BASH_REMATCH[1]}"
  if [[ "$version" == 1.* ]]; then version="${version#1.}"; fi
  version="${version%%[.+-]*}"
  [[ "$version" =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$version"
}

# Succeeds when $1 is a JDK (java and javac) of version >= 25; the reason otherwise goes to
# the array TATEKAE_JDK_REJECTED so the failure message can say what was looked at.
tatekae_is_usable_jdk() {
  local home="$1" label="${2:-$1}" major
  if [[ ! -x "$home/bin/java" ]]; then
    TATEKAE_JDK_REJECTED+=("$label: no bin/java"); return 1
  fi
  if ! major="$(tatekae_java_major "$home/bin/java")"; then
    TATEKAE_JDK_REJECTED+=("$label: 'java -version' gave no version"); return 1
  fi
  if (( major < TATEKAE_MIN_JAVA )); then
    TATEKAE_JDK_REJECTED+=("$label: Java $major (need $TATEKAE_MIN_JAVA or newer)"); return 1
  fi
  if [[ ! -x "$home/bin/javac" ]]; then
    TATEKAE_JDK_REJECTED+=("$label: Java $major but a JRE (no bin/javac)"); return 1
  fi
  return 0
}

tatekae_find_jdk() {
  TATEKAE_JDK_REJECTED=()
  local candidate found="" best_major=0 major dir java_on_path
  if [[ -n "${JAVA_HOME:-}" ]]; then
    if tatekae_is_usable_jdk "$JAVA_HOME" "JAVA_HOME=$JAVA_HOME"; then found="$JAVA_HOME"; fi
  else
    TATEKAE_JDK_REJECTED+=("JAVA_HOME: not set")
  fi
  if [[ -z "$found" ]]; then
    local search_dirs=()
    IFS=':' read -r -a search_dirs <<< "${TATEKAE_JDK_SEARCH_DIRS:-/usr/lib/jvm}"
    for dir in "${search_dirs[@]}"; do
      if [[ ! -d "$dir" ]]; then TATEKAE_JDK_REJECTED+=("$dir: no such folder"); continue; fi
      for candidate in "$dir"/*/; do
        [[ -d "$candidate" ]] || continue
        candidate="${candidate%/}"
        [[ -L "$candidate" ]] && continue   # aliases such as java-1.17.0-openjdk-amd64
        if tatekae_is_usable_jdk "$candidate"; then
          major="$(tatekae_java_major "$candidate/bin/java")"
          if (( major > best_major )); then best_major="$major"; found="$candidate"; fi
        fi
      done
    done
  fi
  if [[ -z "$found" ]] && java_on_path="$(command -v java 2>/dev/null)"; then
    candidate="$(dirname "$(dirname "$(readlink -f "$java_on_path")")")"
    if tatekae_is_usable_jdk "$candidate" "java on PATH ($java_on_path -> $candidate)"; then found="$candidate"; fi
  elif [[ -z "$found" ]]; then
    TATEKAE_JDK_REJECTED+=("PATH: no java command")
  fi
  if [[ -z "$found" ]]; then
    {
      echo "error: no JDK $TATEKAE_MIN_JAVA or newer found. Looked at:"
      printf '  - %s\n' "${TATEKAE_JDK_REJECTED[@]}"
      echo "Fix: install a JDK $TATEKAE_MIN_JAVA (for example Eclipse Temurin 25:"
      echo "  apt-get install temurin-25-jdk   after adding the Adoptium repository, or"
      echo "  https://adoptium.net/temurin/releases/?version=25 )"
      echo "and point JAVA_HOME at it, e.g.  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64"
    } >&2
    return 1
  fi
  JAVA_HOME="$found"
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
}

# Java's .properties format: "key=value", '#'/'!' comments, '\' at the end continues a line.
tatekae_jvm_flags() {
  tatekae_jvm_property tatekae.jvm.flags "$@"
}

# Prints the value of property $1 of config/jvm.properties (or of the file $2).
tatekae_jvm_property() {
  local key="$1" file="${2:-$TATEKAE_ROOT/config/jvm.properties}" line value="" in_value=0
  local key_pattern="${key//./\\.}"
  if [[ ! -r "$file" ]]; then
    echo "error: cannot read $file (it holds $key, JVM flags)" >&2
    return 1
  fi
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line#"${line%%[![:space:]]*}"}"
    if (( in_value == 0 )); then
      [[ "$line" == \#* || "$line" == \!* ]] && continue
      [[ "$line" =~ ^${key_pattern}[[:space:]]*[=:][[:space:]]*(.*)$ ]] || continue
      line="${BASH_REMATCH[1]}"
      in_value=1
    fi
    if [[ "$line" == *\\ ]]; then
      value+="${line%\\} "
    else
      value+="$line"
      printf '%s\n' "$value"
      return 0
    fi
  done < "$file"
  if (( in_value == 1 )); then printf '%s\n' "$value"; return 0; fi
  echo "error: $file has no $key key" >&2
  return 1
}

# Maven 3.8 on JDK 25 prints sun.misc.Unsafe warnings from its own libraries; silence them.
tatekae_maven_opts() {
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access="*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
  export MAVEN_OPTS
}

# Runs "mvn -B -o <args>" and, only when that failed because an artifact was not in the local
# repository, again online. Output goes to the terminal and to the log file given as $1.
tatekae_mvn_offline_first() {
  local log="$1"; shift
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: Maven (mvn) is not on PATH. Install Maven 3.8 or newer (apt-get install maven)." >&2
    return 127
  fi
  mkdir -p "$(dirname "$log")"
  local status=0
  if mvn -B -o -Dstyle.color=never "$@" 2>&1 | tee "$log"; then status=0; else status="${PIPESTATUS[0]}"; fi
  if (( status != 0 )) && grep -qE 'offline mode|has not been downloaded from it before|Cannot access .* in offline mode|could not be resolved' "$log"; then
    echo "--- Offline build lacked an artifact; running again with downloads enabled ---"
    if mvn -B -Dstyle.color=never "$@" 2>&1 | tee "$log"; then status=0; else status="${PIPESTATUS[0]}"; fi
  fi
  return "$status"
}
