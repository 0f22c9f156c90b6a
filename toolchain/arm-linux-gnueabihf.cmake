# Toolchain file: Raspberry Pi 2, 3, 4, 5 with the 32-bit Raspberry Pi OS
# bookworm (armhf). Debian's armhf compiler targets ARMv7 (Pi 2 and later);
# a Pi 1 or Zero (ARMv6) must build on the Pi itself (see README). Install
# what it needs with ./toolchain/deps-cross.sh arm-linux-gnueabihf, then
# ./toolchain/cross-test.sh arm-linux-gnueabihf builds and runs the tests.
set(VITRINE_CROSS_TRIPLET arm-linux-gnueabihf)
set(VITRINE_CROSS_PROCESSOR arm)
set(VITRINE_CROSS_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
