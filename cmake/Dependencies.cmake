# All third-party dependencies, found once. Versions and quirks: docs/building.md.
add_compile_definitions(BOOST_DLL_USE_STD_FS BOOST_ALL_NO_LIB)
find_package(Boost 1.81 CONFIG REQUIRED COMPONENTS json)
find_package(spdlog CONFIG REQUIRED)
find_package(PkgConfig REQUIRED)
# Lua compiled as C++: a Lua error unwinds as a C++ exception, so destructors run.
pkg_check_modules(LUA REQUIRED IMPORTED_TARGET lua5.4-c++)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# The plugin host's seccomp-bpf filter (docs/decisions/0004-plugin-isolation.md).
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)
# One command-line parser for wkb and wkb-admission (docs/decisions/0005-command-line.md).
find_package(CLI11 2.1 CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)

# SOCI 4.0.3 on Debian ships neither a CMake config nor a pkg-config file.
find_path(SOCI_INCLUDE_DIR soci/soci.h REQUIRED)
find_library(SOCI_CORE_LIBRARY soci_core REQUIRED)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3 REQUIRED)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql REQUIRED)
add_library(soci::core UNKNOWN IMPORTED)
set_target_properties(soci::core PROPERTIES IMPORTED_LOCATION ${SOCI_CORE_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES ${SOCI_INCLUDE_DIR}
  INTERFACE_LINK_LIBRARIES Boost::headers)
add_library(soci::sqlite3 UNKNOWN IMPORTED)
set_target_properties(soci::sqlite3 PROPERTIES IMPORTED_LOCATION ${SOCI_SQLITE3_LIBRARY}
  INTERFACE_LINK_LIBRARIES "soci::core;SQLite::SQLite3")
add_library(soci::postgresql UNKNOWN IMPORTED)
set_target_properties(soci::postgresql PROPERTIES IMPORTED_LOCATION ${SOCI_POSTGRESQL_LIBRARY}
  INTERFACE_INCLUDE_DIRECTORIES "${PostgreSQL_INCLUDE_DIRS}"
  INTERFACE_LINK_LIBRARIES "soci::core;PostgreSQL::PostgreSQL")

if(WKB_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
endif()
if(WKB_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
