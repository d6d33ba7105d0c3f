# The installed kit (docs/sdk/installing.md): the SDK's headers, libraries and
# CMake package, its pkg-config file, data (schemas, taxonomy, Lua module), the
# provider docs and examples. The programs, their data and the plugins are
# installed by their own directories (host/, admission/, plugins/). Nothing
# installed refers back to the source or build tree (tests/install checks it).
include(CMakePackageConfigHelpers)

set(WKB_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/wkb)
set(WKB_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/wkb)
set(WKB_INSTALL_SCHEMADIR ${WKB_INSTALL_DATADIR}/schemas)
set(WKB_INSTALL_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/wkb)
set(WKB_BOOST_VERSION 1.81)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS wkb_sdk wkb_sdk_plugin EXPORT wkbTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT wkbTargets NAMESPACE wkb:: DESTINATION ${WKB_INSTALL_CMAKEDIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wkbConfig.cmake.in
  ${CMAKE_BINARY_DIR}/package/wkbConfig.cmake
  INSTALL_DESTINATION ${WKB_INSTALL_CMAKEDIR}
  PATH_VARS WKB_INSTALL_SCHEMADIR WKB_INSTALL_DATADIR)
install(FILES ${CMAKE_BINARY_DIR}/package/wkbConfig.cmake
  ${WKB_BUILD_TREE_PACKAGE_DIR}/wkbConfigVersion.cmake
  ${WKB_BUILD_TREE_PACKAGE_DIR}/wkbConfigVersionBasic.cmake
  ${PROJECT_SOURCE_DIR}/cmake/WkbInstrument.cmake
  DESTINATION ${WKB_INSTALL_CMAKEDIR})

file(RELATIVE_PATH WKB_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/wkb-sdk.pc.in ${CMAKE_BINARY_DIR}/package/wkb-sdk.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/package/wkb-sdk.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES ${PROJECT_SOURCE_DIR}/sdk/data/taxonomy.json DESTINATION ${WKB_INSTALL_DATADIR})
install(FILES ${PROJECT_SOURCE_DIR}/sdk/lua/wkb.lua DESTINATION ${WKB_INSTALL_DATADIR}/lua)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/schemas/ DESTINATION ${WKB_INSTALL_SCHEMADIR} FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/sdk/ DESTINATION ${WKB_INSTALL_DOCDIR}/sdk)
# What docs/sdk/ links to outside itself (tests/schemas/docs_for_outsiders.py).
install(FILES ${PROJECT_SOURCE_DIR}/docs/glossary.md DESTINATION ${WKB_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/decisions/ DESTINATION ${WKB_INSTALL_DOCDIR}/decisions)
# The examples as a provider starts from them (each builds on its own).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${WKB_INSTALL_DOCDIR}/examples
  PATTERN "__pycache__" EXCLUDE)
