/* snapshot: each feed's parsed copy (or its built-in copy) -> one model. */
#include "snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "vitrine/datadir.h"
#include "vitrine/log.h"

/* The built-in copy of a feed with no usable cache, parsed once: the
 * bundled EIG data (real) or the demo data. */
static refresh_shown share_builtin(feed_id feed, snapshot_parts *parts, model *m, bool *nomem)
{
    if (!parts->builtin[feed]) {
        char err[DATADIR_ERR_LEN];
        model *part = model_new();
        datadir_status st = part ? datadir_load_builtin_feed(part, feed, err) : DATADIR_NOMEM;
        if (st != DATADIR_OK) {
            model_free(part);
            if (st == DATADIR_NOMEM)
                *nomem = true;
            else
                log_error("feeds", "built-in data rejected: %s", err);
            return REFRESH_SHOWN_NOTHING;
        }
        parts->builtin[feed] = part;
    }
    model *part = parts->builtin[feed];
    model_share_feed(m, feed, part);
    return part->bundled[feed] ? REFRESH_SHOWN_BUNDLED
           : part->demo[feed]  ? REFRESH_SHOWN_DEMO
                               : REFRESH_SHOWN_NOTHING;
}

/* The embedded local programme data, parsed once. */
static datadir_status share_local(snapshot_parts *parts, model *m, char err[DATADIR_ERR_LEN])
{
    if (!parts->local) {
        model *part = model_new();
        datadir_status st = part ? datadir_load_local(part, err) : DATADIR_NOMEM;
        if (st != DATADIR_OK) {
            if (st == DATADIR_NOMEM)
                snprintf(err, DATADIR_ERR_LEN, "out of memory");
            model_free(part);
            return st;
        }
        parts->local = part;
    }
    model_share_local(m, parts->local);
    return DATADIR_OK;
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

void snapshot_parts_release(snapshot_parts *p)
{
    for (int f = 0; f < FEED_COUNT; f++) {
        model_free(p->builtin[f]);
        p->builtin[f] = NULL;
    }
    model_free(p->local);
    p->local = NULL;
}

/* Feed f in m: its last good copy, else its built-in copy (the built-in
 * part is let go while the feed's own copy is shown). */
static refresh_shown share_feed(refresh_feed *r, const cache *c, snapshot_parts *parts, model *m,
                                bool *nomem)
{
    model *part = refresh_parsed(r, c, date_today(), nomem);
    if (part) {
        model_share_feed(m, r->feed, part);
        model_free(parts->builtin[r->feed]);
        parts->builtin[r->feed] = NULL;
        return REFRESH_SHOWN_CACHE;
    }
    return *nomem ? REFRESH_SHOWN_NOTHING : share_builtin(r->feed, parts, m, nomem);
}

snapshot_status snapshot_build(refresh_feed feeds[FEED_COUNT], const cache *c,
                               snapshot_parts *parts, model **out, snapshot_origin *origin,
                               char err[SNAPSHOT_ERR_LEN])
{
    *out = NULL;
    model *m = model_new();
    bool nomem = !m;
    for (int f = 0; !nomem && f < FEED_COUNT; f++)
        origin->shown[f] = share_feed(&feeds[f], c, parts, m, &nomem);
    release_parse_memory();
    if (nomem) {
        snprintf(err, SNAPSHOT_ERR_LEN, "snapshot: out of memory");
        model_free(m);
        return SNAPSHOT_NOMEM;
    }
    char derr[DATADIR_ERR_LEN];
    datadir_status st = share_local(parts, m, derr);
    if (st != DATADIR_OK) {
        snprintf(err, SNAPSHOT_ERR_LEN, "snapshot: %.480s", derr);
        model_free(m);
        return st == DATADIR_NOMEM ? SNAPSHOT_NOMEM : SNAPSHOT_BROKEN;
    }
    *out = m;
    return SNAPSHOT_OK;
}
