# Fails, naming the files, when a C source or header of app/, include/ or
# tests/ is not formatted as .clang-format says.
# -DCLANG_FORMAT=exe -DROOT=source dir
file(GLOB_RECURSE files ${ROOT}/app/*.c ${ROOT}/app/*.h ${ROOT}/include/*.h ${ROOT}/tests/*.c
     ${ROOT}/tests/*.h)
set(bad "")
foreach(f ${files})
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${f} RESULT_VARIABLE rc
                  OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad ${f})
  endif()
endforeach()
list(LENGTH files n)
if(bad)
  string(REPLACE ";" "\n  " list "${bad}")
  message(FATAL_ERROR "not formatted (run clang-format -i on them):\n  ${list}")
endif()
message("${n} files formatted as .clang-format says")
