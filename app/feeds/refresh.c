/* refresh: one feed's fetch -> validate -> commit cycle and its schedule.
 * The fetch itself is the caller's (the feeds' parallel batch). */
#include "refresh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/hash.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"

static const char *name_of(const refresh_feed *r)
{
    return feed_name(r->feed);
}

void refresh_init(refresh_feed *r, feed_id feed, const config_feed *cfg, const cache *c)
{
    memset(r, 0, sizeof *r);
    r->feed = feed;
    r->cfg = cfg;
    if (!c || cfg->url_kind == CONFIG_URL_BUNDLED)
        return;
    char err[CACHE_ERR_LEN];
    cache_status st = cache_peek(c, name_of(r), (size_t)cfg->max_bytes, &r->meta, err);
    if (st == CACHE_OK)
        r->have_cache = true;
    else if (st != CACHE_ABSENT)
        log_error("cache", "[%s] %s: ignored", name_of(r), err);
}

bool refresh_fetchable(const refresh_feed *r, bool offline)
{
    switch (r->cfg->url_kind) {
    case CONFIG_URL_HTTP: return !offline;
    case CONFIG_URL_FILE: return true; /* a local read opens no connection */
    default: return false;
    }
}

static void record_failure(refresh_feed *r, int64_t now_s, const char *why)
{
    r->failures++;
    if (!r->failing_since)
        r->failing_since = now_s;
    snprintf(r->reason, sizeof r->reason, "%s", why);
    /* Info, not warn: the screens show the state, and --dump-stats prints
     * its own one-line summary per feed. */
    if (r->have_cache)
        log_info("feeds", "[%s] %s; keeping the cached copy", name_of(r), why);
    else
        log_info("feeds", "[%s] %s; no cached copy, the bundled demo data stands in", name_of(r),
                 why);
}

static void record_success(refresh_feed *r, int64_t now_s)
{
    if (r->failures)
        log_info("feeds", "[%s] refreshed again after %u failure(s)", name_of(r), r->failures);
    r->failures = 0;
    r->failing_since = 0;
    r->reason[0] = '\0';
    r->checked_at = now_s;
}

/* Validators are only sent for the URL the cached copy came from. */
static bool same_source(const refresh_feed *r)
{
    return r->have_cache && strcmp(r->meta.url, r->cfg->url) == 0;
}

/* Validates and commits a new body; false with a reason on rejection. */
static bool commit_body(refresh_feed *r, cache *c, const fetch_result *res, int64_t now_s,
                        char *why, size_t whysz)
{
    parse_result pr;
    memgate_enter(r->gate);
    parse_status ps = parse_validate(r->feed, res->body, res->len, &pr);
    memgate_leave(r->gate);
    if (ps != PARSE_OK) {
        snprintf(why, whysz, "rejected body (%zu bytes): %.110s", res->len, pr.error);
        return false;
    }
    if (!c) {
        snprintf(why, whysz, "no usable cache directory, body not kept");
        return false;
    }
    cachemeta meta = {.fetched_at = now_s};
    snprintf(meta.url, sizeof meta.url, "%s", r->cfg->url);
    snprintf(meta.etag, sizeof meta.etag, "%s", res->etag);
    snprintf(meta.last_modified, sizeof meta.last_modified, "%s", res->last_modified);
    char err[CACHE_ERR_LEN];
    if (cache_store(c, name_of(r), res->body, res->len, &meta, err) != CACHE_OK) {
        snprintf(why, whysz, "cache write failed: %.130s", err);
        return false;
    }
    meta.size = res->len;
    meta.hash = hash_fnv1a64(HASH_FNV1A64_BASIS, res->body, res->len);
    r->meta = meta;
    r->have_cache = true;
    r->verified = true;
    log_info("feeds", "[%s] new data: %zu records, %zu bytes cached", name_of(r), pr.records,
             res->len);
    return true;
}

/* A 200 whose body is byte for byte the cached one (servers without
 * validators, local files) is a "not modified": no disk write. */
static bool unchanged_body(const refresh_feed *r, const fetch_result *res)
{
    return same_source(r) && res->len == r->meta.size &&
           hash_fnv1a64(HASH_FNV1A64_BASIS, res->body, res->len) == r->meta.hash &&
           strcmp(res->etag, r->meta.etag) == 0 &&
           strcmp(res->last_modified, r->meta.last_modified) == 0;
}

/* Validators may only be sent for a body known to be intact: a 304 keeps
 * it. The body is checked here when no snapshot has loaded it yet. */
static void verify_cache(refresh_feed *r, const cache *c)
{
    if (!r->have_cache || r->verified)
        return;
    char *body;
    size_t len;
    char err[CACHE_ERR_LEN];
    cachemeta meta;
    if (c &&
        cache_load(c, name_of(r), (size_t)r->cfg->max_bytes, &body, &len, &meta, err) == CACHE_OK) {
        free(body);
        r->meta = meta;
        r->verified = true;
        return;
    }
    refresh_drop_cache(r, c ? err : "no cache directory");
}

void refresh_cache_verified(refresh_feed *r)
{
    r->verified = true;
}

fetch_request refresh_start(refresh_feed *r, const cache *c)
{
    verify_cache(r, c);
    bool conditional = same_source(r);
    return (fetch_request){
        .url = r->cfg->url,
        .etag = conditional ? r->meta.etag : NULL,
        .last_modified = conditional ? r->meta.last_modified : NULL,
        .lim = {r->cfg->connect_timeout_ms, r->cfg->timeout_ms, r->cfg->low_speed_limit_bps,
                r->cfg->low_speed_time_s, (size_t)r->cfg->max_bytes},
    };
}

bool refresh_finish(refresh_feed *r, cache *c, fetch_status st, const fetch_result *res,
                    int64_t now_s, bool *data_changed)
{
    *data_changed = false;
    if (st == FETCH_CANCELLED)
        return false;
    bool was_fresh = r->checked_at && !r->failures;
    char why[FEEDSTATE_REASON_LEN];
    bool ok = false;
    switch (st) {
    case FETCH_NOT_MODIFIED: ok = true; break;
    case FETCH_OK:
        if (unchanged_body(r, res))
            ok = true;
        else
            ok = *data_changed = commit_body(r, c, res, now_s, why, sizeof why);
        break;
    default: snprintf(why, sizeof why, "%.159s", res->error); break;
    }
    if (ok) {
        log_debug("feeds", "[%s] %s", name_of(r),
                  st == FETCH_NOT_MODIFIED ? "not modified (304)" : "up to date");
        record_success(r, now_s);
    } else {
        record_failure(r, now_s, why);
    }
    return *data_changed || !was_fresh || !ok;
}

void refresh_drop_cache(refresh_feed *r, const char *why)
{
    log_error("cache", "[%s] cached copy unusable (%s): ignored", name_of(r), why);
    r->have_cache = false;
    r->verified = false;
    memset(&r->meta, 0, sizeof r->meta);
}

long refresh_backoff_ms(const config_feed *cfg, unsigned failures, double u)
{
    double d = (double)cfg->retry_min_ms;
    for (unsigned i = 1; i < failures && d < (double)cfg->retry_max_ms; i++)
        d *= 2;
    if (d > (double)cfg->retry_max_ms)
        d = (double)cfg->retry_max_ms;
    return (long)(d * (REFRESH_BACKOFF_FLOOR + (1 - REFRESH_BACKOFF_FLOOR) * u));
}

long refresh_interval_ms(const config_feed *cfg, double u)
{
    return (long)((double)cfg->refresh_interval_ms * (1 + REFRESH_INTERVAL_JITTER * (2 * u - 1)));
}

void refresh_schedule(refresh_feed *r, int64_t now_ms, double u)
{
    r->due_ms = now_ms + (r->failures ? refresh_backoff_ms(r->cfg, r->failures, u)
                                      : refresh_interval_ms(r->cfg, u));
}

feedstate refresh_state(const refresh_feed *r, bool offline, bool shown_demo, bool shown_any)
{
    feedstate s = {.kind = FEEDSTATE_MISSING};
    s.failing_since = r->failing_since;
    snprintf(s.reason, sizeof s.reason, "%s", r->reason);
    if (!shown_any)
        return s;
    if (shown_demo) {
        s.kind = FEEDSTATE_DEMO;
        if (!*s.reason)
            snprintf(s.reason, sizeof s.reason, "%s",
                     r->cfg->url_kind == CONFIG_URL_BUNDLED ? "no url configured: bundled copy"
                     : offline && r->cfg->url_kind == CONFIG_URL_HTTP ? "offline and no cached copy"
                                                                      : "no cached copy yet");
        return s;
    }
    s.data_time = r->checked_at > r->meta.fetched_at ? r->checked_at : r->meta.fetched_at;
    if (r->failures)
        s.kind = FEEDSTATE_FAILING;
    else if (offline && r->cfg->url_kind == CONFIG_URL_HTTP)
        s.kind = FEEDSTATE_OFFLINE;
    else
        s.kind = r->checked_at ? FEEDSTATE_FRESH : FEEDSTATE_STALE;
    return s;
}
