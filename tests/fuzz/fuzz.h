/* fuzz.h: what the fuzz targets share. Each target defines
 * LLVMFuzzerTestOneInput; it is linked either with libFuzzer (clang,
 * VITRINE_FUZZ=ON, toolchain/fuzz.sh) or with replay.c, whose main() feeds it
 * every file of the given directories (the regression tests of the normal
 * sanitizer build). A target checks invariants with FUZZ_CHECK: a violated
 * invariant aborts, which both drivers report as a failure. */
#ifndef VITRINE_FUZZ_H
#define VITRINE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "vitrine/model.h"

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond);         \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Computes the statistics of m at a few dates (past, snapshot day, the
 * extremes of the calendar), prints them as the --dump-stats JSON and checks
 * that the JSON parses back and the figures are consistent. */
void fuzz_check_stats(const model *m);

#endif
