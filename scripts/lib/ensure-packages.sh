#!/usr/bin/env bash
# Installs the Debian packages some tests drive from outside the JVM, when they are missing:
#   prometheus  (/usr/bin/prometheus)  PrometheusScrapeTest scrapes the switch's /metrics with it
#   chromium    (/usr/bin/chromium)    LivePageBrowserTest loads the live page headless
#   faketime    (libfaketime)          the billing tests that run the switch as a process on a moved clock
#
# Usable alone (bash scripts/lib/ensure-packages.sh) or sourced by scripts/test. Needs root (or
# sudo) and Debian's package mirror; without them it says what is missing and returns 0, and the
# tests that need a package skip (or fail, when CI=true).

tatekae_ensure_packages() {
  local -A binary_of=([prometheus]=/usr/bin/prometheus [chromium]=/usr/bin/chromium
                      [faketime]=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1)
  local missing=() pkg
  for pkg in prometheus chromium faketime; do
    [[ -e "${binary_of[$pkg]}" ]] || missing+=("$pkg")
  done
  (( ${#missing[@]} == 0 )) && return 0
  local sudo=()
  if (( EUID != 0 )); then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "ensure-packages: missing ${missing[*]} and not root: install them with apt-get install -y ${missing[*]}" >&2
      return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-packages: missing ${missing[*]} and no apt-get here: install them by hand" >&2
    return 0
  fi
  local install=("${missing[@]}") log="${TMPDIR:-/tmp}/tatekae-ensure-packages.log"
  # Headless Chromium draws text with whatever fonts exist: make sure there is one.
  [[ " ${missing[*]} " == *" chromium "* ]] && install+=(fonts-dejavu-core)
  echo "ensure-packages: installing ${install[*]} (apt-get update first; log: $log)"
  if ! { "${sudo[@]}" apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${install[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "ensure-packages: could not install ${install[*]}; the tests that need them skip (fail under CI=true)" >&2
  fi
  # Debian's package starts a Prometheus service on :9090; the tests run their own, so stop it.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && command -v systemctl >/dev/null 2>&1; then
    "${sudo[@]}" systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
  return 0
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  tatekae_ensure_packages
fi
