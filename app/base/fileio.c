/* fileio: bounded whole-file reads. */
#include "vitrine/fileio.h"

#include <errno.h>
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

bool fileio_read(const char *path, size_t max_bytes, char **out, size_t *len,
                 char err[FILEIO_ERR_LEN])
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, FILEIO_ERR_LEN, "%s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, FILEIO_ERR_LEN, "%s: not a regular file", path);
        fclose(f);
        return false;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        snprintf(err, FILEIO_ERR_LEN, "%s: too large (%lld bytes, limit %zu)", path,
                 (long long)st.st_size, max_bytes);
        fclose(f);
        return false;
    }
    size_t size = (size_t)st.st_size;
    char *buf = malloc(size + 1);
    if (!buf) {
        snprintf(err, FILEIO_ERR_LEN, "%s: out of memory", path);
        fclose(f);
        return false;
    }
    size_t got = fread(buf, 1, size, f);
    bool failed = ferror(f);
    fclose(f);
    if (failed || got != size) {
        snprintf(err, FILEIO_ERR_LEN, "%s: read error", path);
        free(buf);
        return false;
    }
    buf[size] = '\0';
    *out = buf;
    *len = size;
    return true;
}
