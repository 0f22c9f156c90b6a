# Toolchain file: Raspberry Pi 3, 4, 5 with the 64-bit Raspberry Pi OS bookworm
# (= Debian 12 arm64). Install what it needs with
#   ./toolchain/deps-cross.sh aarch64-linux-gnu
# then: cmake -B build/cross-aarch64-linux-gnu \
#         -DCMAKE_TOOLCHAIN_FILE=toolchain/aarch64-linux-gnu.cmake
# or simply ./toolchain/cross-test.sh aarch64-linux-gnu (build + tests in qemu).
set(VITRINE_CROSS_TRIPLET aarch64-linux-gnu)
set(VITRINE_CROSS_PROCESSOR aarch64)
set(VITRINE_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
