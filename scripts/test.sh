#!/usr/bin/env bash
# Installs what is missing, builds, starts a throwaway PostgreSQL on loopback
# for the store tests, and runs every test through ctest. The server is always
# stopped, also when tests fail.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${WKB_BUILD_DIR:-$root/build}"

"$root/scripts/setup.sh"
"$root/scripts/build.sh"

if [ -x "$root/scripts/pg-test-server.sh" ] && [ -z "${WKB_TEST_PG:-}" ]; then
  pgdir="$(mktemp -d /tmp/wkb-pg.XXXXXX)"
  trap '"$root/scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
  WKB_TEST_PG="$("$root/scripts/pg-test-server.sh" start "$pgdir")"
  export WKB_TEST_PG
  echo "test.sh: PostgreSQL for the store tests: $WKB_TEST_PG" >&2
fi

cd "$build"
ctest --output-on-failure -j "${WKB_JOBS:-$(nproc)}" "$@"
