/* realdata: the slide tests that take ../shared/data as their argument
 * (screens_*_real) and skip when the snapshot is absent. Header only. */
#ifndef VITRINE_TESTS_REALDATA_H
#define VITRINE_TESTS_REALDATA_H

#include <stdbool.h>
#include <stdio.h>

#include "vitrine/fileio.h"

/* True, after the visible "SKIPPED:" line, when dir is given and holds no
 * snapshot: the caller then returns SKIP_CODE. dir NULL: the built-in data. */
static inline bool realdata_absent(const char *dir)
{
    char path[4096];
    if (!dir ||
        (fileio_join(path, sizeof path, dir, "betagouv/startups.json") && fileio_exists(path)))
        return false;
    printf("SKIPPED: %s is absent (real snapshots are read from ../shared/data)\n", dir);
    return true;
}

#endif
