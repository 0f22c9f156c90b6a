/* assets: files of assets/ embedded in the binary at build time (demo data,
 * local programme data, default configuration), so the kiosk runs with no
 * install step and no network. */
#ifndef VITRINE_ASSETS_H
#define VITRINE_ASSETS_H

#include <stddef.h>

typedef struct {
    const char *path; /* relative to assets/, e.g. "demo/betagouv/startups.json" */
    const unsigned char *data;
    size_t size;
} assets_file;

/* NULL when no such embedded file. */
const assets_file *assets_find(const char *path);

#endif
