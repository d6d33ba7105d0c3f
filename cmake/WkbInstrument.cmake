# wkb_add_instrument(<target>
#     [FOLDER <name>]                 folder of the plugin, default: <target>
#     [OUTPUT_DIRECTORY <dir>]        where FOLDER goes, default: the current binary dir
#     [MANIFEST <plugin.json>]        copy this manifest (its entry and sdk are checked) ...
#     [ID <id> NAME <name> VERSION <x.y.z> PROVIDER_KVK <8 digits> PROVIDER_NAME <name>
#      [DESCRIPTION <text>]]          ... or write plugin.json from these
#     [INSTALL_DESTINATION <dir>])    also install the folder (library + plugin.json) there
#
# Turns a MODULE library that links wkb::sdk_plugin into a plugin folder the
# host discovers: lib<name>.so beside plugin.json. Only the entry symbol is
# exported (hidden visibility), unresolved symbols fail at link time rather than
# when the host loads the plugin, and plugin.json names the file actually built.
# Part of the installed CMake package (find_package(wkb 1)); no project paths.
function(wkb_add_instrument target)
  cmake_parse_arguments(W "" "FOLDER;OUTPUT_DIRECTORY;MANIFEST;ID;NAME;VERSION;PROVIDER_KVK;PROVIDER_NAME;DESCRIPTION;INSTALL_DESTINATION" "" ${ARGN})
  if(W_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wkb_add_instrument(${target}): onbekende argumenten: ${W_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "wkb_add_instrument(${target}): er is geen target ${target}; "
      "maak het eerst met add_library(${target} MODULE ...)")
  endif()
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "MODULE_LIBRARY")
    message(FATAL_ERROR "wkb_add_instrument(${target}): ${target} is een ${type}; "
      "een instrument is een add_library(${target} MODULE ...)")
  endif()
  if(NOT W_FOLDER)
    set(W_FOLDER ${target})
  endif()
  if(NOT W_OUTPUT_DIRECTORY)
    if(WKB_INSTRUMENT_OUTPUT_DIR)
      set(W_OUTPUT_DIRECTORY ${WKB_INSTRUMENT_OUTPUT_DIR})
    else()
      set(W_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
    endif()
  endif()
  set(dir ${W_OUTPUT_DIRECTORY}/${W_FOLDER})
  get_target_property(output_name ${target} OUTPUT_NAME)
  if(NOT output_name)
    set(output_name ${target})
  endif()
  set(entry "lib${output_name}${CMAKE_SHARED_MODULE_SUFFIX}")

  set_target_properties(${target} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${dir} PREFIX "lib" OUTPUT_NAME ${output_name}
    CXX_VISIBILITY_PRESET hidden C_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_link_options(${target} PRIVATE -Wl,--no-undefined)

  set(sdk ${WKB_SDK_VERSION_MAJOR})
  if(W_MANIFEST)
    get_filename_component(manifest ${W_MANIFEST} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    file(READ ${manifest} text)
    string(JSON m_entry ERROR_VARIABLE err GET "${text}" entry)
    if(err)
      message(FATAL_ERROR "wkb_add_instrument(${target}): ${manifest} is geen plugin.json met \"entry\": ${err}")
    endif()
    if(NOT m_entry STREQUAL entry)
      message(FATAL_ERROR "wkb_add_instrument(${target}): ${manifest} noemt \"entry\": \"${m_entry}\", "
        "maar het target bouwt ${entry}; zet \"entry\": \"${entry}\"")
    endif()
    string(JSON m_sdk ERROR_VARIABLE err GET "${text}" sdk)
    if(err OR NOT m_sdk STREQUAL sdk)
      message(FATAL_ERROR "wkb_add_instrument(${target}): ${manifest} noemt \"sdk\": ${m_sdk}, "
        "maar deze SDK is versie ${sdk}; zet \"sdk\": ${sdk}")
    endif()
    configure_file(${manifest} ${dir}/plugin.json COPYONLY)
  else()
    foreach(required ID NAME VERSION PROVIDER_KVK PROVIDER_NAME)
      if(NOT W_${required})
        message(FATAL_ERROR "wkb_add_instrument(${target}): geef MANIFEST <plugin.json>, "
          "of ID, NAME, VERSION, PROVIDER_KVK en PROVIDER_NAME (${required} ontbreekt)")
      endif()
    endforeach()
    set(json "{}")
    # string(JSON SET) takes JSON values: strings are quoted with their escapes.
    foreach(pair "id;ID" "name;NAME" "version;VERSION" "description;DESCRIPTION")
      list(GET pair 0 key)
      list(GET pair 1 arg)
      if(DEFINED W_${arg})
        _wkb_json_string(value "${W_${arg}}")
        string(JSON json SET "${json}" ${key} "${value}")
      endif()
    endforeach()
    string(JSON json SET "${json}" sdk ${sdk})
    string(JSON json SET "${json}" kind "\"native\"")
    string(JSON json SET "${json}" entry "\"${entry}\"")
    _wkb_json_string(kvk "${W_PROVIDER_KVK}")
    _wkb_json_string(pname "${W_PROVIDER_NAME}")
    string(JSON json SET "${json}" provider "{\"kvk\": ${kvk}, \"name\": ${pname}}")
    # Through configure_file so that an unchanged manifest keeps its time stamp.
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${target}.plugin.json.in "${json}\n")
    configure_file(${CMAKE_CURRENT_BINARY_DIR}/${target}.plugin.json.in ${dir}/plugin.json COPYONLY)
  endif()

  if(W_INSTALL_DESTINATION)
    install(TARGETS ${target} LIBRARY DESTINATION ${W_INSTALL_DESTINATION}/${W_FOLDER})
    install(FILES ${dir}/plugin.json DESTINATION ${W_INSTALL_DESTINATION}/${W_FOLDER})
  endif()
endfunction()

# A CMake string as a JSON string literal (quotes, backslashes, control characters).
function(_wkb_json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()
