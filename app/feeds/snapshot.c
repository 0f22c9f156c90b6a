/* snapshot: cached bytes (or demo bytes) -> one model for every feed. */
#include "snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "vitrine/datadir.h"
#include "vitrine/headline.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"

/* The last good body: the one only memory holds (the cache could not
 * write it), else the cached copy, loaded (*owned: the caller frees it). */
static const char *last_good_body(refresh_feed *r, const cache *c, size_t *len, char **owned)
{
    *owned = NULL;
    const char *mem = refresh_memory_copy(r, len);
    if (mem)
        return mem;
    if (!c || !r->have_cache)
        return NULL;
    char err[CACHE_ERR_LEN];
    cachemeta meta;
    if (cache_load(c, feed_name(r->feed), REFRESH_COPY_MAX_BYTES, owned, len, &meta, err) !=
        CACHE_OK) {
        refresh_drop_cache(r, err);
        return NULL;
    }
    refresh_reload_meta(r, &meta);
    return *owned;
}

/* The counts of a copy cached before the guard kept them (records, fields,
 * figures of today), taken from the snapshot's parse into counts; false
 * when the copy's metadata has them or they cannot be computed. */
static bool count(const refresh_feed *r, const model *m, parse_result *res, cachemeta *counts)
{
    if (!refresh_needs_counts(r))
        return false;
    memset(counts, 0, sizeof *counts);
    counts->records = res->records;
    parse_tally_fields(m, r->feed, res);
    cachemeta_set_fields(counts, res);
    return headline_compute(m, r->feed, date_today(), &counts->figures);
}

/* Parses the last good copy into m; false when there is none or it is
 * unusable. */
static bool load_cached(refresh_feed *r, const cache *c, model *m, bool *nomem)
{
    size_t len;
    char *owned;
    const char *body = last_good_body(r, c, &len, &owned);
    if (!body)
        return false;
    const char *name = feed_name(r->feed);
    parse_result res;
    parse_status st = parse_feed(m, r->feed, body, len, &res);
    bool from_disk = owned != NULL;
    free(owned);
    if (st == PARSE_NOMEM) {
        *nomem = true;
        return false;
    }
    if (st != PARSE_OK) {
        refresh_drop_cache(r, res.error);
        return false;
    }
    cachemeta counts;
    if (from_disk)
        refresh_cache_verified(r, count(r, m, &res, &counts) ? &counts : NULL);
    if (res.skipped)
        log_warn("feeds", "[%s] skipped %zu record(s) it cannot read, kept %zu (the first: %s)",
                 name, res.skipped, res.records, res.error);
    return true;
}

/* The built-in copy of a feed with no usable cache: the bundled EIG data
 * (real) or the demo data. */
static refresh_shown load_builtin(feed_id feed, model *m, bool *nomem)
{
    char err[DATADIR_ERR_LEN];
    datadir_status st = datadir_load_builtin_feed(m, feed, err);
    if (st == DATADIR_NOMEM)
        *nomem = true;
    else if (st != DATADIR_OK)
        log_error("feeds", "built-in data rejected: %s", err);
    return st != DATADIR_OK   ? REFRESH_SHOWN_NOTHING
           : m->bundled[feed] ? REFRESH_SHOWN_BUNDLED
           : m->demo[feed]    ? REFRESH_SHOWN_DEMO
                              : REFRESH_SHOWN_NOTHING;
}

/* Parsing a feed briefly needs several times its size (the file, the cJSON
 * tree); glibc keeps those freed pages in the calling thread's arena. Give
 * them back so the kiosk's resident size is what the snapshot really holds
 * (the budget on a Pi is 64 MB). */
static void release_parse_memory(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

snapshot_status snapshot_build(refresh_feed feeds[FEED_COUNT], const cache *c, model **out,
                               snapshot_origin *origin, char err[SNAPSHOT_ERR_LEN])
{
    *out = NULL;
    model *m = model_new();
    bool nomem = !m;
    for (int f = 0; !nomem && f < FEED_COUNT; f++) {
        bool cached = load_cached(&feeds[f], c, m, &nomem);
        origin->shown[f] = cached  ? REFRESH_SHOWN_CACHE
                           : nomem ? REFRESH_SHOWN_NOTHING
                                   : load_builtin((feed_id)f, m, &nomem);
    }
    release_parse_memory();
    if (nomem) {
        snprintf(err, SNAPSHOT_ERR_LEN, "snapshot: out of memory");
        model_free(m);
        return SNAPSHOT_NOMEM;
    }
    char derr[DATADIR_ERR_LEN];
    datadir_status st = datadir_load_local(m, derr);
    if (st != DATADIR_OK) {
        snprintf(err, SNAPSHOT_ERR_LEN, "snapshot: %.480s", derr);
        model_free(m);
        return st == DATADIR_NOMEM ? SNAPSHOT_NOMEM : SNAPSHOT_BROKEN;
    }
    *out = m;
    return SNAPSHOT_OK;
}
