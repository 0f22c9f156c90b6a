/* cache: the last good copy of each feed on disk, one file per feed
 * ("<dir>/<feed>.cache"). The file starts with one line of JSON metadata
 * (url, etag, last_modified, fetched_at, size, FNV-1a hash of the body)
 * followed by the body bytes exactly as fetched.
 *
 * Keeping metadata and body in one file means one rename commits both: a
 * store writes a temporary file in the same directory, fsyncs it, renames it
 * over the old file and fsyncs the directory, so a power cut at any instant
 * leaves the old or the new copy, never a mix, and the metadata always
 * describes the body next to it. A load checks the size and hash, so a
 * truncated or corrupt file is reported (CACHE_CORRUPT) and never used.
 * Plain C and POSIX: no curl, no SDL. One cache value per thread. */
#ifndef VITRINE_CACHE_H
#define VITRINE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vitrine/cachemeta.h"

#define CACHE_ERR_LEN 512
#define CACHE_STALE_TEMP_S 3600 /* temp files older than this are crash leftovers */

typedef enum {
    CACHE_OK = 0,
    CACHE_ABSENT,   /* no cached copy */
    CACHE_CORRUPT,  /* a file exists but is truncated, corrupt or too large */
    CACHE_IO_ERROR, /* the directory or the file could not be written/read */
    CACHE_NOMEM
} cache_status;

typedef struct cache cache;

/* Creates dir (and its parents) when missing and removes temporary files
 * left by a crash. A directory that cannot be written is still opened (its
 * copies are read; one warning line says new data will not be kept) and
 * each store tries again. NULL (err says why) only for an empty or too
 * long name, or out of memory. */
cache *cache_open(const char *dir, char err[CACHE_ERR_LEN]);
void cache_free(cache *c); /* accepts NULL */
const char *cache_dir(const cache *c);

/* Loads feed name's copy. On CACHE_OK *body is malloc'ed (NUL-terminated,
 * caller frees) and meta is filled; otherwise *body is NULL and err says why
 * (naming the file). Bodies over max_bytes are CACHE_CORRUPT. */
cache_status cache_load(const cache *c, const char *name, size_t max_bytes, char **body,
                        size_t *len, cachemeta *meta, char err[CACHE_ERR_LEN]);
/* The metadata of feed name's copy without reading its body: checks the
 * metadata line and the file's size against it (a truncated copy is
 * CACHE_CORRUPT), not the checksum: meta->hash is the one the line claims.
 * For start-up, where reading and hashing every body twice would cost; a
 * cache_load later checks everything. */
cache_status cache_peek(const cache *c, const char *name, size_t max_bytes, cachemeta *meta,
                        char err[CACHE_ERR_LEN]);
/* Atomically replaces feed name's copy with body and meta (its size and
 * hash are computed here; records is kept as given). Creates the directory
 * again when it went away. On failure the previous copy, if any, is
 * untouched and err says why (CACHE_IO_ERROR: not writable, disk full). */
cache_status cache_store(cache *c, const char *name, const char *body, size_t len,
                         const cachemeta *meta, char err[CACHE_ERR_LEN]);
/* The same, for a body whose checksum the caller computed: meta's hash is
 * the body's when meta's size is len, and is not computed again (the
 * largest feed costs ~6 ms to hash on a PC, several times that on a Pi). */
cache_status cache_store_hashed(cache *c, const char *name, const char *body, size_t len,
                                const cachemeta *meta, char err[CACHE_ERR_LEN]);
/* Keeps newer validators (etag, last_modified) of the body already stored
 * without rewriting it: a small "<name>.validators" file next to it, read
 * back by cache_peek and cache_load while it describes that body (same
 * url, size and hash). A server that hands out a new ETag for the same
 * bytes then costs a few hundred bytes, not the whole body, per refresh. */
cache_status cache_store_validators(cache *c, const char *name, const cachemeta *meta,
                                    char err[CACHE_ERR_LEN]);
/* Path of feed name's file into out; false when out is too small. */
bool cache_path(const cache *c, const char *name, char *out, size_t outsz);

/* The held body of feed name: a body the plausibility guard refused
 * (README "Cache"), kept as "<dir>/<name>.held" in the same format until
 * the operator takes it in (vitrine --accept) or a plausible body makes it
 * obsolete. One per feed, at most max_bytes like any body. Stored without
 * fsync (lost in a power cut, it comes back at the next refresh). */
cache_status cache_store_held(cache *c, const char *name, const char *body, size_t len,
                              const cachemeta *meta, char err[CACHE_ERR_LEN]);
/* The held body's metadata (as cache_peek). */
cache_status cache_peek_held(const cache *c, const char *name, size_t max_bytes, cachemeta *meta,
                             char err[CACHE_ERR_LEN]);
/* Removes the held body, if any. */
void cache_drop_held(cache *c, const char *name);
/* Makes the held body (checked whole: size, checksum) the last good copy,
 * durably, with meta->accepted_at = now and no held_reason, then removes
 * it; meta is the new copy's. CACHE_ABSENT when there is none. The held
 * file is claimed first (an atomic rename): a newer body held meanwhile by
 * a running kiosk stays held, and a failed accept puts it back. */
cache_status cache_accept_held(cache *c, const char *name, size_t max_bytes, int64_t now,
                               cachemeta *meta, char err[CACHE_ERR_LEN]);
bool cache_held_path(const cache *c, const char *name, char *out, size_t outsz);

#endif
