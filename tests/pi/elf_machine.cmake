# Checks that a built executable is an ELF file for the processor the build
# targets (CMAKE_SYSTEM_PROCESSOR): catches a toolchain file that silently
# fell back to the host compiler. Reads the header itself, so it needs no
# host tool and runs the same in a native and a cross build.
#   cmake -DEXE=<file> -DPROCESSOR=<aarch64|arm|x86_64|...> -P elf_machine.cmake
# ELF header: bytes 0-3 magic, byte 4 class (1: 32-bit, 2: 64-bit),
# byte 5 data (1: little endian), bytes 18-19 e_machine.
set(ELF_HEADER_BYTES 20)
set(known_aarch64 "2;183")   # ELFCLASS64, EM_AARCH64
set(known_arm "1;40")        # ELFCLASS32, EM_ARM
set(known_x86_64 "2;62")     # ELFCLASS64, EM_X86_64

if(NOT DEFINED known_${PROCESSOR})
  message(FATAL_ERROR "elf_machine: no ELF machine known for processor '${PROCESSOR}'")
endif()
list(GET known_${PROCESSOR} 0 want_class)
list(GET known_${PROCESSOR} 1 want_machine)
if(NOT EXISTS "${EXE}")
  message(FATAL_ERROR "elf_machine: ${EXE}: no such file")
endif()
file(READ "${EXE}" hex LIMIT ${ELF_HEADER_BYTES} HEX)
string(SUBSTRING "${hex}" 0 8 magic)
if(NOT magic STREQUAL "7f454c46")
  message(FATAL_ERROR "elf_machine: ${EXE}: not an ELF file")
endif()
string(SUBSTRING "${hex}" 8 2 class_hex)
string(SUBSTRING "${hex}" 36 2 lo)
string(SUBSTRING "${hex}" 38 2 hi)
math(EXPR class "0x${class_hex}")
math(EXPR machine "0x${hi}${lo}")
if(NOT class EQUAL want_class OR NOT machine EQUAL want_machine)
  message(FATAL_ERROR "elf_machine: ${EXE}: ELF class ${class} machine ${machine}, "
                      "want class ${want_class} machine ${want_machine} (${PROCESSOR})")
endif()
message(STATUS "elf_machine: ${EXE} is ${PROCESSOR} (ELF class ${class}, machine ${machine})")
