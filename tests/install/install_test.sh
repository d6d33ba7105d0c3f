#!/usr/bin/env bash
# The installed kit, as a provider meets it (docs/sdk/installing.md):
#   install into a fresh prefix; nothing installed names the source or build
#   tree; the installed example builds out of tree with find_package(wkb 1)
#   from that prefix alone, and the installed wkb-admission admits it with its
#   default policy and corpus; find_package(wkb 2) fails naming both versions;
#   the same example builds with pkg-config; the installed wkb finds the
#   installed plugins by default.
# Usage: install_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(cd "$1" && pwd -P)
build=$(cd "$2" && pwd -P)
# Outside both trees, so that a path found in an installed file is a leak.
work=$(mktemp -d /tmp/wkb-install-test.XXXXXX)
trap '[ -n "${WKB_KEEP_INSTALL_TEST:-}" ] || rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "cmake --install into $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "install"; }

step "what a provider needs is there"
for f in include/wkb/abi.h include/wkb/sdk/instrument.hpp lib/libwkb_sdk.a lib/libwkb_sdk_plugin.a \
         lib/cmake/wkb/wkbConfig.cmake lib/cmake/wkb/wkbConfigVersion.cmake lib/cmake/wkb/wkbTargets.cmake \
         lib/cmake/wkb/WkbInstrument.cmake lib/pkgconfig/wkb-sdk.pc \
         share/wkb/taxonomy.json share/wkb/lua/wkb.lua share/wkb/schemas/wkb.project-1.schema.json \
         share/wkb/schemas/wkb.register-1.schema.json share/wkb/schemas/describe.schema.json \
         share/doc/wkb/sdk/README.md share/doc/wkb/sdk/installing.md share/doc/wkb/examples/minimal-instrument/CMakeLists.txt \
         bin/wkb bin/wkb-admission bin/wkb-plugin-host \
         share/wkb/admission/policy/default.json share/wkb/admission/corpus/2026-alm-0001.json \
         lib/wkb/plugins/seriebouw/plugin.json lib/wkb/plugins/kavelbouw/plugin.json; do
  [ -f "$prefix/$f" ] || fail "$f is not installed"
done
for d in share/wkb/admission/policy share/wkb/admission/corpus; do
  [ -L "$prefix/$d" ] && fail "$d is installed as a link (into the source tree?)"
done
[ "$(ls "$prefix/share/wkb/admission/corpus" | wc -l)" = "$(ls "$src/admission/corpus" | wc -l)" ] ||
  fail "the corpus is installed incomplete"
[ "$(ls "$prefix/share/wkb/schemas"/*.schema.json | wc -l)" = "$(ls "$src/sdk/schemas"/*.schema.json | wc -l)" ] ||
  fail "not every schema is installed"

step "no installed file refers to $src or $build"
# Debug information names the sources by design; what counts is what the
# programs and libraries use: their contents without it.
leaks=()
while IFS= read -r -d '' f; do
  probe=$f
  if head -c 4 "$f" | grep -q $'\x7fELF' || head -c 7 "$f" | grep -q '^!<arch>'; then
    probe=$work/stripped
    objcopy --strip-debug "$f" "$probe" 2>/dev/null || cp "$f" "$probe"
  fi
  if grep -aqF -e "$src" -e "$build" "$probe"; then leaks+=("${f#$prefix/}"); fi
done < <(find "$prefix" -type f -print0)
[ ${#leaks[@]} -eq 0 ] || fail "these installed files name the source or build tree: ${leaks[*]}"
! find "$prefix" -type l -lname "$src*" | grep -q . || fail "an installed link points into the source tree"

# A clean environment: only the prefix, no user or system package registry.
export CMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
unset WKB_PLUGIN_PATH WKB_PLUGIN_HOST CMAKE_PREFIX_PATH PKG_CONFIG_PATH
example=$work/minimal-instrument
cp -r "$prefix/share/doc/wkb/examples/minimal-instrument" "$example"

step "the example builds out of tree with find_package(wkb 1 REQUIRED)"
(cd "$work" && cmake -S "$example" -B "$work/obj" -G Ninja -DCMAKE_BUILD_TYPE=Release \
   -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/configure.log" 2>&1) ||
  { cat "$work/configure.log"; fail "configure of the example"; }
cmake --build "$work/obj" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build of the example"; }
# Its configuration, build rules and objects name the prefix only (include
# paths, libraries), never this source or build tree.
used=$(grep -rlF -e "$src" -e "$build" "$work/obj" || true)
[ -z "$used" ] || fail "the out-of-tree build used the source or build tree: $used"
plugin=$work/obj/minimal-instrument
[ -f "$plugin/libminimal.so" ] && [ -f "$plugin/plugin.json" ] || fail "no plugin folder $plugin"
nm -D --defined-only "$plugin/libminimal.so" | grep -q ' wkb_instrument_entry$' || fail "the entry symbol is not exported"
# Hidden visibility: the SDK's and the instrument's own code stay private
# (Boost marks a few of its symbols visible itself; they are not ours).
leaked=$(nm -D --defined-only "$plugin/libminimal.so" | grep -E ' _ZN?K?3wkb|Minimal' || true)
[ -z "$leaked" ] || fail "the plugin exports more than its entry: $leaked"

step "wkb_add_instrument writes plugin.json, and refuses a manifest that names another library"
mkdir -p "$work/gen"
cp "$example/minimal.cpp" "$work/gen/"
cat >"$work/gen/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(gen LANGUAGES CXX)
find_package(wkb 1 REQUIRED)
add_library(minimal MODULE minimal.cpp)
target_link_libraries(minimal PRIVATE wkb::sdk_plugin)
wkb_add_instrument(minimal FOLDER generated ID nl.voorbeeld.minimaal NAME "Minimaal voorbeeldinstrument"
  VERSION 0.1.0 PROVIDER_KVK 11223344 PROVIDER_NAME "Stichting Voorbeeld Kwaliteitsborging")
CMAKE
cmake -S "$work/gen" -B "$work/gen/obj" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >"$work/gen.log" 2>&1 ||
  { cat "$work/gen.log"; fail "configure with a generated manifest"; }
python3 -c 'import json, sys; a, b = (json.load(open(f)) for f in sys.argv[1:]); sys.exit(a != b)' \
  "$work/gen/obj/generated/plugin.json" "$example/plugin.json" ||
  fail "the generated plugin.json differs from the example's: $(cat "$work/gen/obj/generated/plugin.json")"
sed 's/"libminimal.so"/"libanders.so"/' "$example/plugin.json" >"$work/gen/plugin.json"
sed -i 's/^wkb_add_instrument.*/wkb_add_instrument(minimal MANIFEST plugin.json)/; /^  VERSION/d' "$work/gen/CMakeLists.txt"
status=0
cmake -S "$work/gen" -B "$work/gen/obj2" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >"$work/gen2.log" 2>&1 || status=$?
[ "$status" != 0 ] || fail "a manifest naming libanders.so was accepted for libminimal.so"
# CMake wraps messages: compare with the line breaks taken out.
tr '\n' ' ' <"$work/gen2.log" | tr -s ' ' | grep -q 'noemt "entry": "libanders.so", maar het target bouwt libminimal.so; zet "entry": "libminimal.so"' || { cat "$work/gen2.log"; fail "no clear message for the wrong entry"; }

step "the installed wkb-admission admits it (default policy and corpus)"
status=0
(cd "$work" && "$prefix/bin/wkb-admission" run "$plugin" --register "$prefix/share/doc/wkb/examples/registers/register.json" \
   --out "$work/report" --seed 20261202 >"$work/admission.log" 2>&1) || status=$?
[ "$status" = 0 ] || { tail -40 "$work/admission.log"; fail "wkb-admission exit code $status, not 0 (admitted)"; }
grep -q "$prefix/share/wkb/admission/policy/default.json" "$work/report/"*.json ||
  fail "the report does not name the installed default policy"

step "find_package(wkb 2 REQUIRED) fails and names both versions"
mkdir -p "$work/v2"
cat >"$work/v2/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(v2 LANGUAGES CXX)
find_package(wkb 2 REQUIRED)
CMAKE
status=0
cmake -S "$work/v2" -B "$work/v2/obj" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >"$work/v2.log" 2>&1 || status=$?
[ "$status" != 0 ] || fail "find_package(wkb 2 REQUIRED) succeeded against SDK 1"
grep -q 'gevraagd is SDK-versie 2' "$work/v2.log" || { cat "$work/v2.log"; fail "the message does not name the version asked for"; }
grep -q 'versie 1\.0' "$work/v2.log" || { cat "$work/v2.log"; fail "the message does not name the installed version"; }

step "the example builds with pkg-config"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
[ "$(pkg-config --modversion wkb-sdk)" = "$(sed -n 's/^Version: //p' "$prefix/lib/pkgconfig/wkb-sdk.pc")" ] || fail "pkg-config"
mkdir -p "$work/pc/minimal-instrument"
# shellcheck disable=SC2046
c++ -std=c++20 -fPIC -shared -fvisibility=hidden "$example/minimal.cpp" -o "$work/pc/minimal-instrument/libminimal.so" \
    $(pkg-config --cflags --libs wkb-sdk) -Wl,--no-undefined || fail "pkg-config build"
cp "$example/plugin.json" "$work/pc/minimal-instrument/"
"$prefix/bin/wkb" --plugins "$work/pc" instruments >"$work/pc.log" 2>&1 || { cat "$work/pc.log"; fail "wkb does not load the pkg-config build"; }
grep -q "nl.voorbeeld.minimaal" "$work/pc.log" || { cat "$work/pc.log"; fail "wkb does not list the pkg-config build"; }

step "the reference instrument builds out of tree too, both halves load in the installed wkb"
cp -r "$prefix/share/doc/wkb/examples/reference-instrument" "$work/reference"
cmake -S "$work/reference" -B "$work/reference/obj" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" >"$work/reference.log" 2>&1 && cmake --build "$work/reference/obj" >>"$work/reference.log" 2>&1 ||
  { cat "$work/reference.log"; fail "the reference instrument does not build out of tree"; }
for half in native lua; do
  "$prefix/bin/wkb" --plugins "$work/reference/obj/reference-$half" instruments >"$work/reference-$half.log" 2>&1 ||
    { cat "$work/reference-$half.log"; fail "wkb does not load the reference instrument ($half)"; }
  grep -q "nl.voorbeeld.referentie" "$work/reference-$half.log" || { cat "$work/reference-$half.log"; fail "reference ($half) not listed"; }
done

step "the installed wkb finds the installed plugins by default"
(cd "$work" && "$prefix/bin/wkb" instruments >"$work/instruments.log" 2>&1) || { cat "$work/instruments.log"; fail "wkb instruments"; }
grep -q "nl.voorbeeld.seriebouw" "$work/instruments.log" && grep -q "nl.voorbeeld.kavelbouw" "$work/instruments.log" ||
  { cat "$work/instruments.log"; fail "the installed wkb does not list the installed plugins"; }
grep -q "$build" "$work/instruments.log" && fail "the installed wkb looks in the build tree"
echo "ok"
