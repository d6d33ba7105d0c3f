# The version files of the CMake package `wkb` (installed by cmake/Install.cmake)
# and a package config for this build tree, which examples/ use: they are
# written as out-of-tree projects with find_package(wkb 1 REQUIRED).
include(CMakePackageConfigHelpers)
set(WKB_BUILD_TREE_PACKAGE_DIR ${CMAKE_BINARY_DIR}/package/build-tree)
write_basic_package_version_file(${WKB_BUILD_TREE_PACKAGE_DIR}/wkbConfigVersionBasic.cmake
  VERSION ${WKB_SDK_VERSION} COMPATIBILITY SameMajorVersion)
configure_file(${PROJECT_SOURCE_DIR}/cmake/wkbConfigVersion.cmake.in
  ${WKB_BUILD_TREE_PACKAGE_DIR}/wkbConfigVersion.cmake @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/wkbBuildTreeConfig.cmake.in
  ${WKB_BUILD_TREE_PACKAGE_DIR}/wkbConfig.cmake @ONLY)
