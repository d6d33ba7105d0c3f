# wkb_add_native_plugin(<target> FOLDER <name> MANIFEST <plugin.json> SOURCES ...)
# Builds a native instrument into ${WKB_PLUGIN_OUTPUT_DIR}/<name>/ next to its
# manifest, which is the folder layout the host discovers.
function(wkb_add_native_plugin target)
  cmake_parse_arguments(P "" "FOLDER;MANIFEST;OUTPUT_NAME" "SOURCES;DEFINITIONS" ${ARGN})
  set(dir ${WKB_PLUGIN_OUTPUT_DIR}/${P_FOLDER})
  add_library(${target} MODULE ${P_SOURCES})
  target_link_libraries(${target} PRIVATE wkb::sdk_plugin)
  if(P_DEFINITIONS)
    target_compile_definitions(${target} PRIVATE ${P_DEFINITIONS})
  endif()
  if(NOT P_OUTPUT_NAME)
    set(P_OUTPUT_NAME ${target})
  endif()
  set_target_properties(${target} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${dir} PREFIX "lib" OUTPUT_NAME ${P_OUTPUT_NAME})
  # Refuse unresolved symbols at link time rather than at dlopen time.
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  if(P_MANIFEST)
    configure_file(${P_MANIFEST} ${dir}/plugin.json COPYONLY)
  endif()
endfunction()
