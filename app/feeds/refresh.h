/* refresh: the life of one feed between the network and the cache: its
 * cached copy's validators, its run of failures, when it is next due, and
 * one refresh, in two halves around the fetch: refresh_start builds the
 * request (validators only for an intact copy from the same URL) when the
 * feed falls due, refresh_finish validates and commits what came back. The
 * fetch thread runs the requests in one parallel batch (fetch_all) and
 * finishes each feed as its transfer ends. A body replaces the last good
 * copy only when the guard (guard.h) finds it well formed (JSON, the
 * feed's top-level shape, records holding what the figures need) and
 * plausible against the last good copy's counts, whatever url either came
 * from; a malformed body is a failure (time, reason, one line); an
 * implausible one is held: kept as the feed's held body (cache.h) for the
 * operator to accept, the feed's state "held", one line naming the field
 * or figure. Either way the previous copy stays. A good body the cache cannot keep (read-only or
 * full disk) is kept in memory, shown, and written again at each refresh until the disk takes it. A
 * body identical to the last good one (same size and hash) only renews the validators and the time
 * of the check: no disk write, no new snapshot. The gate is held only while a body is validated,
 * never while waiting for the network. Used by one thread at a time. */
#ifndef VITRINE_REFRESH_H
#define VITRINE_REFRESH_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "fetch.h"
#include "outage.h"
#include "vitrine/config.h"
#include "vitrine/feedstate.h"
#include "vitrine/memgate.h"
#include "vitrine/parse.h"

#define REFRESH_INTERVAL_JITTER 0.1  /* successes: interval * (1 +- 10 %) */
#define REFRESH_BACKOFF_FLOOR 0.5    /* failures: back-off * [0.5, 1] */
#define REFRESH_START_JITTER_MS 5000 /* first refresh within 5 s of start */
/* The largest cached copy read back: max_bytes limits a new body, not a
 * copy that was good when it was taken (max_bytes lowered since). */
#define REFRESH_COPY_MAX_BYTES PARSE_MAX_BYTES

typedef struct {
    feed_id feed;
    const config_feed *cfg; /* borrowed */
    bool have_cache;        /* a copy is on disk, its metadata checked */
    bool verified;          /* ... and its body checked (size, checksum) */
    char *mem_body;         /* owned: the last good body, when the disk could not keep it */
    size_t mem_len;
    cachemeta meta;                    /* the last good copy's (mem_body's, else the disk's) */
    bool has_held;                     /* a held body is in the cache folder (cache.h) */
    cachemeta held;                    /* its metadata: size, hash, why it is held */
    bool held_judged;                  /* held in this run (one found at start is judged again) */
    bool held_last;                    /* the last body that came was held: state "held" */
    int64_t checked_at;                /* wall clock of the last 200/304; 0 none yet */
    int64_t failing_since;             /* wall clock of the first failure in a row; 0 none */
    unsigned failures;                 /* failures in a row */
    char reason[FEEDSTATE_REASON_LEN]; /* last failure, "" when none */
    int64_t due_ms;                    /* monotonic ms of the next refresh */
    memgate *gate;                     /* borrowed, may be NULL: held while a new body is parsed */
    model *part;   /* owned reference: the last good copy parsed (model.h), NULL until parsed */
    outage outage; /* the run of failed transfers, as the journal says it (outage.h) */
} refresh_feed;

/* Frees what r owns (the body kept in memory, its reference to the parsed
 * copy); r may be used again only after refresh_init. */
void refresh_release(refresh_feed *r);
/* The last good body when only memory holds it (the cache could not write
 * it); NULL when the disk copy is the last good one. Borrowed until the
 * next refresh_finish. */
const char *refresh_memory_copy(const refresh_feed *r, size_t *len);
/* Reads the cached copy's metadata (cache_peek: the body is checked when it
 * is first loaded, or before the first conditional request); a corrupt
 * file is logged and ignored. c may be NULL (no usable cache dir). */
void refresh_init(refresh_feed *r, feed_id feed, const config_feed *cfg, cache *c);
/* True when this feed is fetched at all (http(s) unless offline, or a
 * local path); false for the bundled copy. */
bool refresh_fetchable(const refresh_feed *r, bool offline);
/* The request of one refresh (now_s: wall clock). A cached copy no
 * snapshot has loaded yet is checked first (validators may only vouch for
 * an intact body), and parsed then (refresh_parsed), once. The request
 * borrows r's strings: r must not change until refresh_finish. c may be
 * NULL. */
fetch_request refresh_start(refresh_feed *r, const cache *c, int64_t now_s);
/* What the request of refresh_start brought (now_s: wall clock): commits a
 * valid new body, records the success or the failure. *data_changed is set
 * when a new body was committed to the cache. Returns true when anything
 * the screens or the status show about this feed changed (data, state, or
 * the time of the last contact: every success); a cancelled fetch, or the
 * held body coming back, changes nothing. A body kept in memory is moved out of res. */
bool refresh_finish(refresh_feed *r, cache *c, fetch_status st, fetch_result *res, int64_t now_s,
                    bool *data_changed);
/* The last good copy, parsed: the model r holds (borrowed: model_ref it
 * to share it), else the copy only memory holds or the cached copy, read
 * and parsed now, once, kept by r, and counted when its counts are not
 * known yet (a copy cached before they were kept: its figures at today).
 * NULL when there is no
 * copy, when it is unusable (then forgotten, one line), or on *nomem.
 * Takes no gate: the caller holds it when it must. */
model *refresh_parsed(refresh_feed *r, const cache *c, vt_date today, bool *nomem);
/* True when the last good copy's counts are not known yet (a copy cached
 * before they were kept): the snapshot that parses it counts them. */
bool refresh_needs_counts(const refresh_feed *r);
/* Before a refresh: a last good copy written in the cache folder by
 * someone else (vitrine --accept, a --dump-stats run with the same
 * cache_dir) replaces the one in memory; true when it did (a new snapshot
 * is due). c may be NULL. */
bool refresh_take_disk_copy(refresh_feed *r, const cache *c);
/* Forgets the cached copy (it failed to parse when building a snapshot). */
void refresh_drop_cache(refresh_feed *r, const char *why);
/* Back-off before the next try after `failures` failures in a row:
 * min(retry_max, retry_min * 2^(failures-1)) scaled by u in [floor, 1]. */
int64_t refresh_backoff_ms(const config_feed *cfg, unsigned failures, double u);
/* Delay after a success: the interval scaled by 1 + jitter * (2u - 1). */
int64_t refresh_interval_ms(const config_feed *cfg, double u);
/* Sets due_ms from the last outcome; u is uniform in [0, 1). */
void refresh_schedule(refresh_feed *r, int64_t now_ms, double u);
/* The reason of a built-in copy shown because no url is configured. */
#define REFRESH_REASON_NO_URL "no url configured: bundled copy"
#define REFRESH_REASON_UNSET "no url configured" /* an optional feed with no bundled copy */

/* What the last snapshot carried for a feed. */
typedef enum {
    REFRESH_SHOWN_NOTHING = 0,
    REFRESH_SHOWN_CACHE,   /* the cached (or in-memory) copy */
    REFRESH_SHOWN_BUNDLED, /* the real copy built into the program (EIG) */
    REFRESH_SHOWN_DEMO     /* the demo copy (no usable cache) */
} refresh_shown;

/* The state the screens show for what the snapshot carries. */
feedstate refresh_state(const refresh_feed *r, bool offline, refresh_shown shown);

#endif
