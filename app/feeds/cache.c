/* cache: atomic one-file-per-feed storage of the last good bodies.
 * Write order (why each step): temp file in the same directory (rename is
 * only atomic within one file system), write header + body, fsync the file
 * (data on disk before the name points at it), rename over the old file
 * (the atomic switch), fsync the directory (the rename itself survives a
 * power cut). Any failure unlinks the temp file and leaves the old copy. */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "vitrine/fileio.h"
#include "vitrine/hash.h"
#include "vitrine/log.h"

#define CACHE_SUFFIX ".cache"
#define CACHE_TEMP_MARK ".cache.tmp-" /* fileio_write_atomic's ".<name>.cache.tmp-XXXXXX" */
#define CACHE_VALIDATORS_SUFFIX ".validators"
#define CACHE_VALIDATORS_TEMP_MARK ".validators.tmp-"
#define CACHE_HELD_SUFFIX ".held"
#define CACHE_HELD_TEMP_MARK ".held.tmp-"
#define CACHE_CLAIM_MARK ".held.accepting-" /* ".<name>.held.accepting-<pid>": being accepted */
#define CACHE_DIR_MODE 0755
#define CACHE_FILE_MODE 0600 /* as mkstemp made them */
#define CACHE_PATH_LEN 1200

struct cache {
    char dir[CACHE_PATH_LEN];
};

/* Removes ".<feed>.cache.tmp-*" files older than CACHE_STALE_TEMP_S: what a
 * crash between mkstemp and rename leaves. Younger ones may belong to
 * another running vitrine (e.g. --dump-stats next to the kiosk). */
static void remove_stale_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.' ||
            (!strstr(e->d_name, CACHE_TEMP_MARK) &&
             !strstr(e->d_name, CACHE_VALIDATORS_TEMP_MARK) &&
             !strstr(e->d_name, CACHE_HELD_TEMP_MARK) && !strstr(e->d_name, CACHE_CLAIM_MARK)))
            continue;
        char path[CACHE_PATH_LEN + 256];
        struct stat st;
        if (!fileio_join(path, sizeof path, dir, e->d_name) || lstat(path, &st) != 0 ||
            !S_ISREG(st.st_mode) || now - st.st_mtime < CACHE_STALE_TEMP_S)
            continue;
        if (unlink(path) == 0)
            log_info("cache", "%s: removed a temporary file left by an interrupted write", path);
    }
    closedir(d);
}

/* True when dir can take a new file now. */
static bool dir_writable(const char *dir, char err[CACHE_ERR_LEN])
{
    char ferr[FILEIO_ERR_LEN];
    if (fileio_mkdirs(dir, CACHE_DIR_MODE, ferr) != FILEIO_OK) {
        snprintf(err, CACHE_ERR_LEN, "cache: %s", ferr);
        return false;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        snprintf(err, CACHE_ERR_LEN, "cache: %.400s: %s", dir, strerror(errno));
        return false;
    }
    return true;
}

cache *cache_open(const char *dir, char err[CACHE_ERR_LEN])
{
    if (!dir || !*dir || strlen(dir) >= CACHE_PATH_LEN) {
        snprintf(err, CACHE_ERR_LEN, "cache: directory name empty or too long");
        return NULL;
    }
    cache *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, CACHE_ERR_LEN, "cache: out of memory");
        return NULL;
    }
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    /* A directory that cannot be written (read-only mount, permissions, a
     * file in its place, ProtectSystem=strict) still gives its copies. */
    char werr[CACHE_ERR_LEN];
    if (dir_writable(dir, werr))
        remove_stale_temps(dir);
    else
        log_warn("cache", "%s: cached copies are read, new data is not kept on disk", werr);
    return c;
}

void cache_free(cache *c)
{
    free(c);
}

const char *cache_dir(const cache *c)
{
    return c->dir;
}

/* "<dir>/<name><suffix>"; false when out is too small. */
static bool file_path(const cache *c, const char *name, const char *suffix, char *out, size_t outsz)
{
    char file[256];
    if (snprintf(file, sizeof file, "%s%s", name, suffix) >= (int)sizeof file)
        return false;
    return fileio_join(out, outsz, c->dir, file);
}

bool cache_path(const cache *c, const char *name, char *out, size_t outsz)
{
    return file_path(c, name, CACHE_SUFFIX, out, outsz);
}

bool cache_held_path(const cache *c, const char *name, char *out, size_t outsz)
{
    return file_path(c, name, CACHE_HELD_SUFFIX, out, outsz);
}

static bool validators_path(const cache *c, const char *name, char *out, size_t outsz)
{
    return file_path(c, name, CACHE_VALIDATORS_SUFFIX, out, outsz);
}

/* file_path, or false with the reason in err. */
static bool path_or_err(const cache *c, const char *name, const char *suffix, char *out,
                        size_t outsz, char err[CACHE_ERR_LEN])
{
    if (file_path(c, name, suffix, out, outsz))
        return true;
    snprintf(err, CACHE_ERR_LEN, "cache: %s: path too long", name);
    return false;
}

/* Newer validators of the same body (cache_store_validators) replace those
 * of its file. A sidecar for another body or url is ignored. */
static void overlay_validators(const cache *c, const char *name, cachemeta *meta)
{
    char path[CACHE_PATH_LEN + 256], ferr[FILEIO_ERR_LEN];
    char *line;
    size_t n;
    if (!validators_path(c, name, path, sizeof path) ||
        fileio_read(path, CACHEMETA_LINE_MAX, &line, &n, ferr) != FILEIO_OK)
        return;
    cachemeta v;
    const char *why;
    if (cachemeta_parse(line, n, &v, &why) == CACHEMETA_OK && cachemeta_same_body(&v, meta) &&
        strcmp(v.url, meta->url) == 0) {
        memcpy(meta->etag, v.etag, sizeof meta->etag);
        memcpy(meta->last_modified, v.last_modified, sizeof meta->last_modified);
    }
    free(line);
}

cache_status cache_store_validators(cache *c, const char *name, const cachemeta *meta,
                                    char err[CACHE_ERR_LEN])
{
    char path[CACHE_PATH_LEN + 256], ferr[FILEIO_ERR_LEN];
    if (!path_or_err(c, name, CACHE_VALIDATORS_SUFFIX, path, sizeof path, err))
        return CACHE_IO_ERROR;
    char *line = cachemeta_print(meta);
    if (!line) {
        snprintf(err, CACHE_ERR_LEN, "%.400s: out of memory", path);
        return CACHE_NOMEM;
    }
    /* Not durable: lost in a power cut, it costs one full transfer, and a
     * flush per refresh is what this file exists to spare the SD card. */
    fileio_status st = fileio_write_atomic(path, line, strlen(line), CACHE_FILE_MODE, false, ferr);
    free(line);
    if (st != FILEIO_OK) {
        snprintf(err, CACHE_ERR_LEN, "%s", ferr);
        return st == FILEIO_NOMEM ? CACHE_NOMEM : CACHE_IO_ERROR;
    }
    return CACHE_OK;
}

#define CACHE_QUOTE_(x) #x
#define CACHE_QUOTE(x) CACHE_QUOTE_(x)
#define CACHE_LONG_LINE                                                                            \
    "metadata line over " CACHE_QUOTE(CACHEMETA_LINE_MAX) " bytes: not a cache file of ours"

/* Why no metadata line was found in the first n bytes of a cache file. */
static const char *no_line_why(size_t n)
{
    return n >= CACHEMETA_LINE_MAX ? CACHE_LONG_LINE : "no metadata line";
}

/* Parses the header line and checks it against the body that follows. */
static bool check_header(const char *hdr_text, size_t hdr_len, const char *body, size_t len,
                         cachemeta *meta, const char **why)
{
    if (cachemeta_parse(hdr_text, hdr_len, meta, why) != CACHEMETA_OK)
        return false;
    if (meta->size != len) {
        *why = "size does not match the metadata (truncated?)";
        return false;
    }
    if (meta->hash != cachemeta_checksum(meta, body, len)) {
        *why = "checksum does not match the metadata (corrupt)";
        return false;
    }
    return true;
}

/* cache_peek of the file at path (validators overlaid for the good copy). */
static cache_status peek_file(const cache *c, const char *name, const char *path, size_t max_bytes,
                              cachemeta *meta, bool good, char err[CACHE_ERR_LEN])
{
    /* A regular file only: a FIFO in its place would block the thread. */
    char line[CACHEMETA_LINE_MAX], ferr[FILEIO_ERR_LEN];
    size_t n;
    unsigned long long size;
    switch (fileio_read_head(path, line, sizeof line, &n, &size, ferr)) {
    case FILEIO_OK: break;
    case FILEIO_ABSENT:
        snprintf(err, CACHE_ERR_LEN, "%.400s: no cached copy", path);
        return CACHE_ABSENT;
    default: snprintf(err, CACHE_ERR_LEN, "%s", ferr); return CACHE_IO_ERROR;
    }
    const char *nl = memchr(line, '\n', n);
    const char *why = no_line_why(n);
    if (nl && cachemeta_parse(line, (size_t)(nl - line), meta, &why) == CACHEMETA_OK) {
        unsigned long long body_len = size - (unsigned long long)(nl + 1 - line);
        if (body_len > max_bytes)
            why = "larger than the largest body kept";
        else if (body_len != meta->size)
            why = "size does not match the metadata (truncated?)";
        else {
            if (good)
                overlay_validators(c, name, meta);
            return CACHE_OK;
        }
    }
    snprintf(err, CACHE_ERR_LEN, "%.400s: %s", path, why);
    return CACHE_CORRUPT;
}

cache_status cache_peek(const cache *c, const char *name, size_t max_bytes, cachemeta *meta,
                        char err[CACHE_ERR_LEN])
{
    char path[CACHE_PATH_LEN + 256];
    if (!path_or_err(c, name, CACHE_SUFFIX, path, sizeof path, err))
        return CACHE_IO_ERROR;
    return peek_file(c, name, path, max_bytes, meta, true, err);
}

cache_status cache_peek_held(const cache *c, const char *name, size_t max_bytes, cachemeta *meta,
                             char err[CACHE_ERR_LEN])
{
    char path[CACHE_PATH_LEN + 256];
    if (!path_or_err(c, name, CACHE_HELD_SUFFIX, path, sizeof path, err))
        return CACHE_IO_ERROR;
    return peek_file(c, name, path, max_bytes, meta, false, err);
}

/* cache_load of the file at path. */
static cache_status load_file(const cache *c, const char *name, const char *path, size_t max_bytes,
                              char **body, size_t *len, cachemeta *meta, bool good,
                              char err[CACHE_ERR_LEN])
{
    *body = NULL;
    *len = 0;
    char *buf;
    size_t n;
    char ferr[FILEIO_ERR_LEN];
    switch (fileio_read(path, max_bytes + CACHEMETA_LINE_MAX, &buf, &n, ferr)) {
    case FILEIO_OK: break;
    case FILEIO_ABSENT:
        snprintf(err, CACHE_ERR_LEN, "%.400s: no cached copy", path);
        return CACHE_ABSENT;
    case FILEIO_TOO_LARGE: snprintf(err, CACHE_ERR_LEN, "%s", ferr); return CACHE_CORRUPT;
    case FILEIO_NOMEM: snprintf(err, CACHE_ERR_LEN, "%s", ferr); return CACHE_NOMEM;
    default: snprintf(err, CACHE_ERR_LEN, "%s", ferr); return CACHE_IO_ERROR;
    }
    const char *nl = memchr(buf, '\n', n < CACHEMETA_LINE_MAX ? n : CACHEMETA_LINE_MAX);
    const char *why = no_line_why(n);
    size_t body_len = nl ? n - (size_t)(nl + 1 - buf) : 0;
    if (nl && body_len > max_bytes)
        why = "larger than the largest body kept";
    else if (nl && check_header(buf, (size_t)(nl - buf), nl + 1, body_len, meta, &why)) {
        memmove(buf, nl + 1, body_len);
        buf[body_len] = '\0';
        *body = buf;
        *len = body_len;
        if (good)
            overlay_validators(c, name, meta);
        return CACHE_OK;
    }
    free(buf);
    snprintf(err, CACHE_ERR_LEN, "%.400s: %s", path, why);
    return CACHE_CORRUPT;
}

cache_status cache_load(const cache *c, const char *name, size_t max_bytes, char **body,
                        size_t *len, cachemeta *meta, char err[CACHE_ERR_LEN])
{
    char path[CACHE_PATH_LEN + 256];
    *body = NULL;
    *len = 0;
    if (!path_or_err(c, name, CACHE_SUFFIX, path, sizeof path, err))
        return CACHE_IO_ERROR;
    return load_file(c, name, path, max_bytes, body, len, meta, true, err);
}

/* Writes meta's line and body to path, atomically (durable: fsynced with
 * its directory). hashed: meta's size and hash are the body's already. */
static cache_status store_file(cache *c, const char *path, const char *body, size_t len,
                               const cachemeta *meta, bool durable, bool hashed,
                               char err[CACHE_ERR_LEN])
{
    if (!dir_writable(c->dir, err)) /* made again if it went away */
        return CACHE_IO_ERROR;
    cachemeta described = *meta; /* the body's own size and checksum */
    if (!hashed || meta->size != len) {
        described.size = len;
        described.fnv1a = false; /* what a body is written with now */
        described.hash = hash_xxh64(body, len);
    }
    char *line = cachemeta_print(&described);
    if (!line || strlen(line) + 1 > CACHEMETA_LINE_MAX) {
        snprintf(err, CACHE_ERR_LEN, "%.400s: %s", path,
                 line ? "metadata too long" : "out of memory");
        free(line);
        return line ? CACHE_IO_ERROR : CACHE_NOMEM;
    }
    /* ".<name>.cache.tmp-XXXXXX" next to it (CACHE_TEMP_MARK): a power cut
     * leaves the old copy or the new one. */
    fileio_part parts[] = {{line, strlen(line)}, {"\n", 1}, {body, len}};
    char ferr[FILEIO_ERR_LEN];
    fileio_status st = fileio_write_atomic_parts(path, parts, sizeof parts / sizeof *parts,
                                                 CACHE_FILE_MODE, durable, ferr);
    free(line);
    if (st != FILEIO_OK) {
        snprintf(err, CACHE_ERR_LEN, "%.500s", ferr);
        return st == FILEIO_NOMEM ? CACHE_NOMEM : CACHE_IO_ERROR;
    }
    return CACHE_OK;
}

static cache_status store(cache *c, const char *name, const char *body, size_t len,
                          const cachemeta *meta, bool hashed, char err[CACHE_ERR_LEN])
{
    char path[CACHE_PATH_LEN + 256];
    if (!path_or_err(c, name, CACHE_SUFFIX, path, sizeof path, err))
        return CACHE_IO_ERROR;
    cache_status st = store_file(c, path, body, len, meta, true, hashed, err);
    if (st == CACHE_OK && validators_path(c, name, path, sizeof path))
        unlink(path); /* described an older body */
    return st;
}

cache_status cache_store(cache *c, const char *name, const char *body, size_t len,
                         const cachemeta *meta, char err[CACHE_ERR_LEN])
{
    return store(c, name, body, len, meta, false, err);
}

cache_status cache_store_hashed(cache *c, const char *name, const char *body, size_t len,
                                const cachemeta *meta, char err[CACHE_ERR_LEN])
{
    return store(c, name, body, len, meta, true, err);
}

cache_status cache_store_held(cache *c, const char *name, const char *body, size_t len,
                              const cachemeta *meta, char err[CACHE_ERR_LEN])
{
    char path[CACHE_PATH_LEN + 256];
    if (!path_or_err(c, name, CACHE_HELD_SUFFIX, path, sizeof path, err))
        return CACHE_IO_ERROR;
    /* Not durable: lost in a power cut, it is fetched again at the next
     * refresh; written once per body held, however often it comes back. */
    return store_file(c, path, body, len, meta, false, false, err);
}

void cache_drop_held(cache *c, const char *name)
{
    char path[CACHE_PATH_LEN + 256];
    if (cache_held_path(c, name, path, sizeof path) && unlink(path) == 0)
        log_debug("cache", "%s: removed (superseded)", path);
}

/* Takes the held body away from the kiosk's writes: renamed (atomically)
 * to a name of this process, so a newer held body the kiosk writes
 * meanwhile is a new file, never removed by this accept. */
static cache_status claim_held(const cache *c, const char *name, char *held, char *claimed,
                               size_t sz, char err[CACHE_ERR_LEN])
{
    char file[256];
    if (!path_or_err(c, name, CACHE_HELD_SUFFIX, held, sz, err))
        return CACHE_IO_ERROR;
    if (snprintf(file, sizeof file, ".%s" CACHE_CLAIM_MARK "%ld", name, (long)getpid()) >=
            (int)sizeof file ||
        !fileio_join(claimed, sz, c->dir, file)) {
        snprintf(err, CACHE_ERR_LEN, "cache: %s: path too long", name);
        return CACHE_IO_ERROR;
    }
    if (rename(held, claimed) == 0)
        return CACHE_OK;
    snprintf(err, CACHE_ERR_LEN, "%.400s: %s", held,
             errno == ENOENT ? "no held body" : strerror(errno));
    return errno == ENOENT ? CACHE_ABSENT : CACHE_IO_ERROR;
}

/* A claimed body that could not be accepted goes back, unless a newer one
 * is held meanwhile. */
static void unclaim(const char *held, const char *claimed)
{
    if (link(claimed, held) != 0 && errno != EEXIST)
        log_warn("cache", "%s: not put back as %s: %s", claimed, held, strerror(errno));
    unlink(claimed);
}

cache_status cache_accept_held(cache *c, const char *name, size_t max_bytes, int64_t now,
                               cachemeta *meta, char err[CACHE_ERR_LEN])
{
    char held[CACHE_PATH_LEN + 256], claimed[CACHE_PATH_LEN + 256], *body;
    size_t len;
    cache_status st = claim_held(c, name, held, claimed, sizeof held, err);
    if (st != CACHE_OK)
        return st;
    st = load_file(c, name, claimed, max_bytes, &body, &len, meta, false, err);
    if (st == CACHE_OK) {
        meta->accepted_at = now;
        meta->held_reason[0] = '\0';
        st = cache_store(c, name, body, len, meta, err);
        free(body);
    }
    if (st == CACHE_OK)
        unlink(claimed);
    else
        unclaim(held, claimed);
    return st;
}
