# Shared part of the Raspberry Pi toolchain files (aarch64-linux-gnu.cmake,
# arm-linux-gnueabihf.cmake): a Debian 12 cross compiler, the target's
# multiarch libraries (libsdl2-dev:arm64 ...) and qemu-user to run the
# cross-built tests. The including file sets VITRINE_CROSS_TRIPLET,
# VITRINE_CROSS_PROCESSOR and VITRINE_CROSS_QEMU. Missing pieces stop the
# configuration with the command that installs them.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${VITRINE_CROSS_PROCESSOR})
set(_vitrine_install "run ./toolchain/deps-cross.sh ${VITRINE_CROSS_TRIPLET}")

find_program(VITRINE_CROSS_CC ${VITRINE_CROSS_TRIPLET}-gcc)
if(NOT VITRINE_CROSS_CC)
  message(FATAL_ERROR "${VITRINE_CROSS_TRIPLET}-gcc not found: ${_vitrine_install}")
endif()
set(CMAKE_C_COMPILER ${VITRINE_CROSS_CC})

# Debian's per-triplet pkg-config reads only the target's .pc files
# (/usr/lib/<triplet>/pkgconfig, /usr/share/pkgconfig), never the host's.
find_program(VITRINE_CROSS_PKG_CONFIG ${VITRINE_CROSS_TRIPLET}-pkg-config)
if(NOT VITRINE_CROSS_PKG_CONFIG)
  message(FATAL_ERROR "${VITRINE_CROSS_TRIPLET}-pkg-config not found: ${_vitrine_install}")
endif()
set(PKG_CONFIG_EXECUTABLE ${VITRINE_CROSS_PKG_CONFIG} CACHE FILEPATH "pkg-config of the target")

# No sysroot: Debian's multiarch layout puts the target's libraries in
# /usr/lib/<triplet>, where find_library and find_package look first
# (CMAKE_LIBRARY_ARCHITECTURE comes from the compiler); programs (cmake,
# python3) are the host's.

# ctest runs every test target through qemu-user. The target's libc6 and
# libraries are installed multiarch (/lib/ld-linux-*.so, /usr/lib/<triplet>),
# so qemu finds the loader and libraries where the binary asks for them.
find_program(VITRINE_CROSS_QEMU_EXE ${VITRINE_CROSS_QEMU})
if(VITRINE_CROSS_QEMU_EXE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${VITRINE_CROSS_QEMU_EXE})
else()
  message(WARNING "${VITRINE_CROSS_QEMU} not found: the build works, the tests cannot run "
                  "(${_vitrine_install}, or configure with -DVITRINE_TESTS=OFF)")
endif()
