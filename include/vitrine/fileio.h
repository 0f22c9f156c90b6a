/* fileio: whole-file reads with a size cap, and directory helpers. */
#ifndef VITRINE_FILEIO_H
#define VITRINE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#define FILEIO_ERR_LEN 256

/* Reads path into a malloc'ed buffer (NUL-terminated, *len excludes the NUL).
 * Fails on a missing file, a read error or a file larger than max_bytes,
 * with a one-line reason in err. Caller frees *out. */
bool fileio_read(const char *path, size_t max_bytes, char **out, size_t *len,
                 char err[FILEIO_ERR_LEN]);
bool fileio_exists(const char *path);
/* Joins dir and rel with one '/'; false when out is too small. */
bool fileio_join(char *out, size_t outsz, const char *dir, const char *rel);

#endif
