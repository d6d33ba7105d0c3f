# cmake -DEXE=program -DARGS="a;b" -DOUT=file -P RunToFile.cmake
# Runs EXE with ARGS and writes its standard output to OUT; fails the build
# when EXE fails.
execute_process(COMMAND ${EXE} ${ARGS} OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT})
  message(FATAL_ERROR "${EXE} ${ARGS} failed (${rc})")
endif()
