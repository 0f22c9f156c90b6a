/* fileio: bounded whole-file reads of regular files only, atomic
 * whole-file writes, mkdir -p. */
#include "vitrine/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* What a file that is not a regular one is, for the line that refuses it. */
static const char *kind_of(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "not a regular file (a FIFO)";
    if (S_ISCHR(mode))
        return "not a regular file (a character device)";
    if (S_ISBLK(mode))
        return "not a regular file (a block device)";
    if (S_ISSOCK(mode))
        return "not a regular file (a socket)";
    if (S_ISDIR(mode))
        return "not a regular file (a directory)";
    return "not a regular file";
}

static fileio_status open_failed(const char *path, char err[FILEIO_ERR_LEN])
{
    int e = errno;
    struct stat st;
    /* What stat or open refused; a socket swapped in after the stat fails
     * to open (ENXIO): name it. */
    if (e != ENOENT && stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return fail(FILEIO_WRONG_TYPE, err, path, kind_of(st.st_mode));
    return fail(e == ENOENT ? FILEIO_ABSENT : FILEIO_IO_ERROR, err, path, strerror(e));
}

fileio_status fileio_open_regular(const char *path, int *fd, struct stat *st,
                                  char err[FILEIO_ERR_LEN])
{
    *fd = -1;
    /* stat first: never open what is not a regular file (see the header). */
    if (stat(path, st) != 0)
        return open_failed(path, err);
    if (!S_ISREG(st->st_mode))
        return fail(FILEIO_WRONG_TYPE, err, path, kind_of(st->st_mode));
    int f = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (f < 0)
        return open_failed(path, err);
    /* What was opened, which a rename may have put there since the stat;
     * then plain blocking reads for a regular file (O_NONBLOCK only served
     * the open; some file systems would honour it on reads). */
    fileio_status rc = FILEIO_OK;
    bool stat_ok = fstat(f, st) == 0;
    int flags;
    if (stat_ok && !S_ISREG(st->st_mode))
        rc = fail(FILEIO_WRONG_TYPE, err, path, kind_of(st->st_mode));
    else if (!stat_ok || (flags = fcntl(f, F_GETFL)) < 0 ||
             fcntl(f, F_SETFL, flags & ~O_NONBLOCK) != 0)
        rc = fail(FILEIO_IO_ERROR, err, path, strerror(errno));
    if (rc != FILEIO_OK) {
        close(f);
        return rc;
    }
    *fd = f;
    return FILEIO_OK;
}

/* Reads up to len bytes of fd, fewer only at the end of the file; -1 on a
 * read error (errno set). */
static long long read_up_to(int fd, char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (long long)got;
}

/* Reads exactly size bytes of fd into a new buffer. */
static fileio_status read_body(int fd, const char *path, size_t size, char **out,
                               char err[FILEIO_ERR_LEN])
{
    char *buf = malloc(size + 1);
    if (!buf)
        return fail(FILEIO_NOMEM, err, path, "out of memory");
    long long got = read_up_to(fd, buf, size);
    if (got != (long long)size) {
        char why[96];
        snprintf(why, sizeof why, "read error: %s",
                 got < 0 ? strerror(errno) : "shorter than its size (changed while read?)");
        free(buf);
        return fail(FILEIO_IO_ERROR, err, path, why);
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
    int fd;
    struct stat st;
    fileio_status rc = fileio_open_regular(path, &fd, &st, err);
    if (rc != FILEIO_OK)
        return rc;
    if ((unsigned long long)st.st_size > max_bytes) {
        char why[96];
        snprintf(why, sizeof why, "too large (%lld bytes, limit %zu)", (long long)st.st_size,
                 max_bytes);
        rc = fail(FILEIO_TOO_LARGE, err, path, why);
    } else {
        rc = read_body(fd, path, (size_t)st.st_size, out, err);
        if (rc == FILEIO_OK)
            *len = (size_t)st.st_size;
    }
    close(fd);
    return rc;
}

fileio_status fileio_read_head(const char *path, char *buf, size_t cap, size_t *n,
                               unsigned long long *size, char err[FILEIO_ERR_LEN])
{
    *n = 0;
    *size = 0;
    int fd;
    struct stat st;
    fileio_status rc = fileio_open_regular(path, &fd, &st, err);
    if (rc != FILEIO_OK)
        return rc;
    long long got = read_up_to(fd, buf, cap);
    if (got < 0) {
        char why[96];
        snprintf(why, sizeof why, "read error: %s", strerror(errno));
        rc = fail(FILEIO_IO_ERROR, err, path, why);
    } else {
        *n = (size_t)got;
        *size = (unsigned long long)st.st_size;
    }
    close(fd);
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

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* Fills and closes the temporary file fd; the step that failed (errno
 * kept), or NULL. */
static const char *fill_temp(int fd, const fileio_part *parts, size_t n, unsigned mode,
                             bool durable)
{
    const char *step = NULL;
    if (fchmod(fd, (mode_t)mode) != 0)
        step = "chmod";
    for (size_t i = 0; !step && i < n; i++)
        if (!write_all(fd, parts[i].data, parts[i].len))
            step = "write";
    if (!step && durable && fsync(fd) != 0)
        step = "fsync";
    int saved = errno;
    if (close(fd) != 0 && !step) {
        step = "close";
        saved = errno;
    }
    errno = saved;
    return step;
}

/* The directory of path ("." for a bare name), for its fsync. */
static void sync_dir(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int n = !slash
                ? snprintf(dir, sizeof dir, ".")
                : snprintf(dir, sizeof dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
    int fd = n > 0 && (size_t)n < sizeof dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        (void)fsync(fd); /* the new file is in place: only the rename's durability is at stake */
        close(fd);
    }
}

fileio_status fileio_write_atomic(const char *path, const void *data, size_t len, unsigned mode,
                                  bool durable, char err[FILEIO_ERR_LEN])
{
    fileio_part part = {data, len};
    return fileio_write_atomic_parts(path, &part, 1, mode, durable, err);
}

/* The target of the symbolic link at path (lst its lstat) when it is a
 * regular file: the file the operator pointed at is the one replaced, and
 * the link stays. A link another user owns is not followed (a link planted
 * in a shared directory would otherwise turn a write as root into the
 * replacement of any file, as fs.protected_symlinks prevents for opens). */
static fileio_status link_target(const char *path, const struct stat *lst, char out[PATH_MAX],
                                 char err[FILEIO_ERR_LEN])
{
    struct stat st;
    char why[FILEIO_ERR_LEN];
    if (lst->st_uid != geteuid() && lst->st_uid != 0) {
        snprintf(why, sizeof why, "a symbolic link of another user (uid %u): not followed",
                 (unsigned)lst->st_uid);
        return fail(FILEIO_WRONG_TYPE, err, path, why);
    }
    if (!realpath(path, out) || stat(out, &st) != 0) {
        int e = errno;
        snprintf(why, sizeof why, "a symbolic link to %s",
                 e == ENOENT ? "a file that does not exist" : strerror(e));
        return fail(e == ENOENT ? FILEIO_WRONG_TYPE : FILEIO_IO_ERROR, err, path, why);
    }
    if (S_ISREG(st.st_mode))
        return FILEIO_OK;
    snprintf(err, FILEIO_ERR_LEN, "%.100s: a symbolic link to %.60s, %s", path, out,
             kind_of(st.st_mode));
    return FILEIO_WRONG_TYPE;
}

/* Where a write to path goes: path itself when nothing is there yet (or
 * what is in the way makes mkstemp fail: it says why) or a regular file;
 * the target of a symbolic link to a regular file. Anything else (FIFO,
 * device, socket, directory, a link to one) is refused before anything is
 * written: a rename over it would replace it (run as root with /dev/null,
 * the system's /dev/null), and nothing of ours is ever such a file. */
static fileio_status write_target(const char *path, char out[PATH_MAX], char err[FILEIO_ERR_LEN])
{
    struct stat lst;
    bool there = lstat(path, &lst) == 0;
    if (there && S_ISLNK(lst.st_mode))
        return link_target(path, &lst, out, err);
    if (there && !S_ISREG(lst.st_mode))
        return fail(FILEIO_WRONG_TYPE, err, path, kind_of(lst.st_mode));
    if (!*path || snprintf(out, PATH_MAX, "%s", path) >= PATH_MAX)
        return fail(FILEIO_BAD_PATH, err, path, "path empty, a directory, or too long");
    return FILEIO_OK;
}

fileio_status fileio_write_atomic_parts(const char *path, const fileio_part *parts, size_t n_parts,
                                        unsigned mode, bool durable, char err[FILEIO_ERR_LEN])
{
    char target[PATH_MAX];
    fileio_status st = write_target(path, target, err);
    if (st != FILEIO_OK)
        return st;
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    int dirlen = slash ? (int)(base - target) : 0;
    char tmp[PATH_MAX];
    int n = snprintf(tmp, sizeof tmp, "%.*s.%s.tmp-XXXXXX", dirlen, target, base);
    if (!*base || n < 0 || (size_t)n >= sizeof tmp)
        return fail(FILEIO_BAD_PATH, err, path, "path empty, a directory, or too long");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        char why[128];
        snprintf(why, sizeof why, "cannot create a temporary file: %s", strerror(e));
        return fail(e == ENOENT ? FILEIO_ABSENT : FILEIO_IO_ERROR, err, path, why);
    }
    const char *step = fill_temp(fd, parts, n_parts, mode, durable);
    if (!step && rename(tmp, target) != 0)
        step = "rename";
    if (step) {
        char why[128];
        snprintf(why, sizeof why, "cannot write (%s): %s", step, strerror(errno));
        unlink(tmp);
        return fail(FILEIO_IO_ERROR, err, path, why);
    }
    if (durable)
        sync_dir(target);
    return FILEIO_OK;
}
