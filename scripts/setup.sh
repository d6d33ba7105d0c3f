#!/usr/bin/env bash
# Installs the Debian packages wkbhost needs, and only those that are missing.
# Idempotent and quiet when everything is present. See docs/building.md.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  liblua5.4-dev lua5.4
  libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsodium-dev libseccomp-dev libcli11-dev
  # for the tests of the outputs: JUnit schema (xmllint), HTML in a browser, man pages
  libxml2-utils chromium groff-base
  # for the tests of the JSON Schemas (docs/decisions/0006-json-schema-validation.md)
  python3 python3-jsonschema
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "setup: missing packages: ${missing[*]}" >&2
    echo "setup: run as root (or install sudo) so they can be installed" >&2
    exit 1
  fi
else
  SUDO=
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
