/* fileio: whole-file reads with a size cap, atomic whole-file writes,
 * paths and directories. */
#ifndef VITRINE_FILEIO_H
#define VITRINE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#define FILEIO_ERR_LEN 256

typedef enum {
    FILEIO_OK = 0,
    FILEIO_ABSENT,     /* no such file (or directory) */
    FILEIO_TOO_LARGE,  /* larger than the cap given */
    FILEIO_WRONG_TYPE, /* not a regular file (read) / not a directory (mkdirs) */
    FILEIO_BAD_PATH,   /* empty, or longer than PATH_MAX */
    FILEIO_IO_ERROR,   /* the system refused otherwise (permissions, read error...) */
    FILEIO_NOMEM
} fileio_status;

/* Reads path into a malloc'ed buffer (NUL-terminated, *len excludes the NUL).
 * Anything but FILEIO_OK leaves *out NULL and one line naming the path and
 * the reason in err. Caller frees *out. */
fileio_status fileio_read(const char *path, size_t max_bytes, char **out, size_t *len,
                          char err[FILEIO_ERR_LEN]);
bool fileio_exists(const char *path);
/* Joins dir and rel with one '/'; false when out is too small. */
bool fileio_join(char *out, size_t outsz, const char *dir, const char *rel);
/* mkdir -p: creates path and its missing parents with mode (umask
 * applies); FILEIO_OK when path is (now) a directory. */
fileio_status fileio_mkdirs(const char *path, unsigned mode, char err[FILEIO_ERR_LEN]);
/* One piece of a file written by fileio_write_atomic_parts. */
typedef struct {
    const void *data;
    size_t len;
} fileio_part;

/* Replaces path with len bytes of data, atomically for its readers: a
 * temporary file in the same directory (".NAME.tmp-XXXXXX": hidden, and it
 * never ends like the target, so a reader matching "*.prom" skips it), set
 * to mode (exactly: umask does not apply), renamed over path. Readers see
 * the old file or the new one, never a part. durable: the file is fsynced
 * before the rename and the directory after it (the new copy survives a
 * power cut; costs a disk flush on every call). The directory must exist.
 * Any failure removes the temporary file, leaves path as it was and puts
 * one line naming the path and the failed step in err. */
fileio_status fileio_write_atomic(const char *path, const void *data, size_t len, unsigned mode,
                                  bool durable, char err[FILEIO_ERR_LEN]);
/* The same with the file's content in n_parts pieces, written in order
 * (the cache's metadata line, then the body, without joining them). */
fileio_status fileio_write_atomic_parts(const char *path, const fileio_part *parts, size_t n_parts,
                                        unsigned mode, bool durable, char err[FILEIO_ERR_LEN]);

#endif
