# ThreadSanitizer build: fails when a threaded test, or a program it ran,
# left a report in DIR (TSAN_OPTIONS log_path, tests/CMakeLists.txt), and
# prints each one.
file(GLOB reports ${DIR}/report*)
if(NOT reports)
  message(STATUS "no ThreadSanitizer report in ${DIR}")
  return()
endif()
list(LENGTH reports n)
foreach(r ${reports})
  file(READ ${r} text)
  message("${r}:\n${text}")
endforeach()
message(FATAL_ERROR "${n} ThreadSanitizer report file(s) in ${DIR} (above)")
