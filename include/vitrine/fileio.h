/* fileio: whole-file reads with a size cap, atomic whole-file writes,
 * paths and directories.
 *
 * Every read of a file of ours (the configuration, the cache, local feeds,
 * a data dir) opens it with fileio_open_regular: only a regular file is
 * read. A FIFO with no writer would block the open, then the read, forever
 * (and the thread with them); a device, a socket or a directory is never a
 * file of ours. */
#ifndef VITRINE_FILEIO_H
#define VITRINE_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#define FILEIO_ERR_LEN 256

typedef enum {
    FILEIO_OK = 0,
    FILEIO_ABSENT,     /* no such file (or directory) */
    FILEIO_TOO_LARGE,  /* larger than the cap given */
    FILEIO_WRONG_TYPE, /* not a regular file (read, write) / not a directory (mkdirs) */
    FILEIO_BAD_PATH,   /* empty, or longer than PATH_MAX */
    FILEIO_IO_ERROR,   /* the system refused otherwise (permissions, read error...) */
    FILEIO_NOMEM
} fileio_status;

/* Opens path for reading when it is a regular file (a symbolic link to one
 * is followed), without ever waiting: anything else (FIFO, device, socket,
 * directory) is FILEIO_WRONG_TYPE with one line naming the path and what
 * it is ("not a regular file (a FIFO)"). The type is checked before the
 * open (opening a device can act on it: a watchdog starts, a tape rewinds),
 * the open does not wait (O_NONBLOCK: a FIFO swapped in meanwhile opens at
 * once) and the type is checked again with fstat on what was opened. On
 * FILEIO_OK *fd is the caller's to close, in blocking mode, and *st is its
 * fstat; otherwise *fd is -1. */
fileio_status fileio_open_regular(const char *path, int *fd, struct stat *st,
                                  char err[FILEIO_ERR_LEN]);
/* Reads path into a malloc'ed buffer (NUL-terminated, *len excludes the NUL).
 * Anything but FILEIO_OK leaves *out NULL and one line naming the path and
 * the reason in err. Caller frees *out. */
fileio_status fileio_read(const char *path, size_t max_bytes, char **out, size_t *len,
                          char err[FILEIO_ERR_LEN]);
/* The first cap bytes of path (all of it when shorter) into buf, *n of
 * them, and the file's whole size in *size, without reading the rest (the
 * cache's metadata line). The same refusals as fileio_read. */
fileio_status fileio_read_head(const char *path, char *buf, size_t cap, size_t *n,
                               unsigned long long *size, char err[FILEIO_ERR_LEN]);
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
 * Only a regular file is replaced, or a path where nothing is yet created:
 * anything else there (FIFO, device, socket, directory, a symbolic link to
 * one, or to nothing) is FILEIO_WRONG_TYPE with one line naming the path
 * and what is there, and nothing is written (a rename would put a file in
 * place of a device: /dev/null, run as root). A symbolic link to a regular
 * file is followed: its target is replaced (the temporary file next to
 * it), the link stays; a link owned by another user than the caller or
 * root is not followed (refused). The check is made before the write: who
 * can change the directory meanwhile can still swap what is there.
 * Any failure removes the temporary file, leaves path as it was and puts
 * one line naming the path and the failed step in err. */
fileio_status fileio_write_atomic(const char *path, const void *data, size_t len, unsigned mode,
                                  bool durable, char err[FILEIO_ERR_LEN]);
/* The same with the file's content in n_parts pieces, written in order
 * (the cache's metadata line, then the body, without joining them). */
fileio_status fileio_write_atomic_parts(const char *path, const fileio_part *parts, size_t n_parts,
                                        unsigned mode, bool durable, char err[FILEIO_ERR_LEN]);

#endif
