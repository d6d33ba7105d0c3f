#!/usr/bin/env bash
# Configures and builds wkbhost into build/ (or $WKB_BUILD_DIR). Used by
# demo.sh and test.sh; safe to run again (incremental).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${WKB_BUILD_DIR:-$root/build}"
jobs="${WKB_JOBS:-$(nproc)}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${WKB_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
cmake --build "$build" -j "$jobs"
