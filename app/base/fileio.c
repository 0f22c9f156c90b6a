/* fileio: bounded whole-file reads, mkdir -p. */
#include "vitrine/fileio.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool fileio_exists(const char *path)
{
    struct stat st;
    return path && stat(path, &st) == 0;
}

bool fileio_join(char *out, size_t outsz, const char *dir, const char *rel)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    int n = snprintf(out, outsz, "%.*s/%s", (int)dl, dir, rel);
    return n >= 0 && (size_t)n < outsz;
}

static fileio_status fail(fileio_status st, char err[FILEIO_ERR_LEN], const char *path,
                          const char *why)
{
    snprintf(err, FILEIO_ERR_LEN, "%.170s: %.80s", path, why); /* every reason is short */
    return st;
}

/* Reads exactly size bytes of f into a new buffer. */
static fileio_status read_body(FILE *f, const char *path, size_t size, char **out,
                               char err[FILEIO_ERR_LEN])
{
    char *buf = malloc(size + 1);
    if (!buf)
        return fail(FILEIO_NOMEM, err, path, "out of memory");
    size_t got = fread(buf, 1, size, f);
    if (ferror(f) || got != size) {
        free(buf);
        return fail(FILEIO_IO_ERROR, err, path, "read error");
    }
    buf[size] = '\0';
    *out = buf;
    return FILEIO_OK;
}

fileio_status fileio_read(const char *path, size_t max_bytes, char **out, size_t *len,
                          char err[FILEIO_ERR_LEN])
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(errno == ENOENT ? FILEIO_ABSENT : FILEIO_IO_ERROR, err, path, strerror(errno));
    struct stat st;
    fileio_status rc;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = fail(FILEIO_WRONG_TYPE, err, path, "not a regular file");
    } else if ((unsigned long long)st.st_size > max_bytes) {
        char why[96];
        snprintf(why, sizeof why, "too large (%lld bytes, limit %zu)", (long long)st.st_size,
                 max_bytes);
        rc = fail(FILEIO_TOO_LARGE, err, path, why);
    } else {
        rc = read_body(f, path, (size_t)st.st_size, out, err);
        if (rc == FILEIO_OK)
            *len = (size_t)st.st_size;
    }
    fclose(f);
    return rc;
}

fileio_status fileio_mkdirs(const char *path, unsigned mode, char err[FILEIO_ERR_LEN])
{
    char buf[PATH_MAX];
    struct stat sb;
    if (!*path || snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return fail(FILEIO_BAD_PATH, err, path, "path empty or too long");
    for (char *p = buf + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        /* stat first: mkdir on an existing directory of a read-only file
         * system may fail with EROFS rather than EEXIST. */
        if (stat(buf, &sb) != 0 && mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST) {
            char why[128];
            snprintf(why, sizeof why, "cannot create directory: %s", strerror(errno));
            return fail(FILEIO_IO_ERROR, err, buf, why);
        }
        if (end)
            break;
        *p = '/';
    }
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return fail(FILEIO_WRONG_TYPE, err, path, "not a directory");
    return FILEIO_OK;
}
