# The man page and bash completion of a program built on wkb::cmdline,
# generated from its own command table at build time (PROGRAM --help-man,
# PROGRAM completion bash) and installed with it, so they cannot drift from
# the parser.
include(GNUInstallDirs)

function(wkb_command_line_docs target)
  set(man ${CMAKE_CURRENT_BINARY_DIR}/${target}.1)
  set(completion ${CMAKE_CURRENT_BINARY_DIR}/${target}.bash)
  add_custom_command(
    OUTPUT ${man} ${completion}
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:${target}> -DARGS=--help-man -DOUT=${man}
            -P ${PROJECT_SOURCE_DIR}/cmake/RunToFile.cmake
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:${target}> "-DARGS=completion;bash" -DOUT=${completion}
            -P ${PROJECT_SOURCE_DIR}/cmake/RunToFile.cmake
    DEPENDS ${target} ${PROJECT_SOURCE_DIR}/cmake/RunToFile.cmake
    VERBATIM
    COMMENT "Man page and bash completion of ${target}")
  add_custom_target(${target}_docs ALL DEPENDS ${man} ${completion})
  install(TARGETS ${target} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${completion} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ${target})
endfunction()
