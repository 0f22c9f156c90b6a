/* refresh: one feed's fetch -> validate -> commit cycle and its schedule.
 * The fetch itself is the caller's (the feeds' parallel batch). */
#include "refresh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guard.h"
#include "vitrine/datadir.h"
#include "vitrine/hash.h"
#include "vitrine/headline.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"

static const char *name_of(const refresh_feed *r)
{
    return feed_name(r->feed);
}

/* meta holds the guard's counts of its body (a copy cached before they
 * were kept has none until it is parsed again). */
static bool has_counts(const cachemeta *meta, feed_id feed)
{
    return meta->records && (meta->n_fields || !parse_has_fields(feed));
}

/* A held body found at start: the feed says so until a refresh tells
 * otherwise. One that is the last good copy already (an accept cut short
 * between its two steps) is removed. */
static void peek_held(refresh_feed *r, cache *c)
{
    char err[CACHE_ERR_LEN];
    if (cache_peek_held(c, name_of(r), REFRESH_COPY_MAX_BYTES, &r->held, err) != CACHE_OK)
        return;
    if (r->have_cache && cachemeta_same_body(&r->held, &r->meta)) {
        cache_drop_held(c, name_of(r));
        return;
    }
    r->has_held = r->held_last = true;
    snprintf(r->reason, sizeof r->reason, "%s", r->held.held_reason);
}

void refresh_init(refresh_feed *r, feed_id feed, const config_feed *cfg, cache *c)
{
    memset(r, 0, sizeof *r);
    r->feed = feed;
    r->cfg = cfg;
    outage_init(&r->outage, outage_summary_from_env());
    if (!c || cfg->url_kind == CONFIG_URL_BUNDLED)
        return;
    char err[CACHE_ERR_LEN];
    /* Up to REFRESH_COPY_MAX_BYTES, not max_bytes: a copy that was good when
     * it was taken stays good after max_bytes is lowered. */
    cache_status st = cache_peek(c, name_of(r), REFRESH_COPY_MAX_BYTES, &r->meta, err);
    if (st == CACHE_OK) {
        r->have_cache = true; /* the guard's counts: none in files written before */
        if (r->meta.size > (size_t)cfg->max_bytes)
            log_warn("cache",
                     "[%s] cached copy of %zu bytes is larger than max_bytes (%ld): shown (it "
                     "was good when it was taken); a new body is refused beyond max_bytes",
                     name_of(r), r->meta.size, cfg->max_bytes);
    } else if (st != CACHE_ABSENT)
        log_error("cache", "[%s] %s: ignored", name_of(r), err);
    peek_held(r, c);
}

/* The memory copy is on disk now: only its bytes go (the parsed copy
 * stays: the same body). */
static void drop_memory_body(refresh_feed *r)
{
    free(r->mem_body);
    r->mem_body = NULL;
    r->mem_len = 0;
}

void refresh_release(refresh_feed *r)
{
    drop_memory_body(r);
    model_free(r->part);
    r->part = NULL;
}

const char *refresh_memory_copy(const refresh_feed *r, size_t *len)
{
    *len = r->mem_len;
    return r->mem_body;
}

/* A last good copy exists, on disk or in memory. */
static bool has_copy(const refresh_feed *r)
{
    return r->have_cache || r->mem_body;
}

bool refresh_fetchable(const refresh_feed *r, bool offline)
{
    switch (r->cfg->url_kind) {
    case CONFIG_URL_HTTP: return !offline;
    case CONFIG_URL_FILE: return true; /* a local read opens no connection */
    default: return false;
    }
}

/* level: a rejected body is a warning (the source is broken, not the
 * network), a failed transfer is information. */
/* One more failure (or held body) in a row, and why. */
static void note_failure(refresh_feed *r, int64_t now_s, const char *why)
{
    r->failures++;
    if (!r->failing_since)
        r->failing_since = now_s;
    snprintf(r->reason, sizeof r->reason, "%s", why);
}

/* What stands in while a feed fails. */
static const char *standing_in(const refresh_feed *r)
{
    if (has_copy(r))
        return "keeping the last good copy";
    return feed_is_eig(r->feed) ? "no cached copy, the built-in copy of the EIG programme stands in"
                                : "no cached copy, the built-in demo data stands in";
}

/* A failed transfer, one line each, said (info, or warn for a rejected
 * body) when its run starts, when its cause changes and at most every
 * summary interval (outage.h); the other attempts at debug level. Info,
 * not warn, for the network: the screens show the state, and --dump-stats
 * prints its own one-line summary per feed. */
static void record_failure(refresh_feed *r, int64_t now_s, const char *why, log_level level)
{
    r->held_last = false;
    note_failure(r, now_s, why);
    outage_news news = outage_failed(&r->outage, why, now_s);
    char since[64];
    outage_since(&r->outage, now_s, since, sizeof since);
    unsigned n = r->outage.attempts;
    const char *name = name_of(r), *stand = standing_in(r);
    switch (news) {
    case OUTAGE_STARTS: log_msg(level, "feeds", "[%s] %s; %s", name, why, stand); break;
    case OUTAGE_NEW_CAUSE:
        log_msg(level, "feeds", "[%s] %s (a new cause; failing since %s, %u attempts); %s", name,
                why, since, n, stand);
        break;
    case OUTAGE_SUMMARY:
        log_info("feeds", "[%s] still failing since %s (%u attempts, last: %s); %s", name, since, n,
                 why, stand);
        break;
    default:
        log_debug("feeds", "[%s] %s (failing since %s, %u attempts); %s", name, why, since, n,
                  stand);
        break;
    }
}

static void record_success(refresh_feed *r, int64_t now_s)
{
    char lasted[OUTAGE_LINE_LEN];
    unsigned attempts = r->outage.attempts;
    if (outage_ended(&r->outage, now_s, lasted, sizeof lasted))
        log_info("feeds", "[%s] refreshed again after %u failure(s) in %s", name_of(r), attempts,
                 lasted);
    else if (r->failures)
        log_info("feeds", "[%s] refreshed again after %u failure(s)", name_of(r), r->failures);
    r->failures = 0;
    r->failing_since = 0;
    r->reason[0] = '\0';
    r->held_last = false;
    r->checked_at = now_s;
}

/* Validators are only sent for the URL the last good copy came from. */
static bool same_source(const refresh_feed *r)
{
    return has_copy(r) && strcmp(r->meta.url, r->cfg->url) == 0;
}

/* The last good copy's counts (records, fields, figures), for the guard.
 * A copy cached before they were kept is counted once, when it is parsed
 * (here, under the gate, unless a snapshot parsed it already). */
static void count_last_good(refresh_feed *r, const cache *c, int64_t now_s)
{
    if (has_counts(&r->meta, r->feed) || !r->have_cache || r->mem_body || !c)
        return;
    bool nomem = false;
    memgate_enter(r->gate);
    refresh_parsed(r, c, date_local(now_s), &nomem);
    memgate_leave(r->gate);
}

/* Writes the memory copy to the disk; true when it is there now. */
static bool write_memory_copy(refresh_feed *r, cache *c, char err[CACHE_ERR_LEN])
{
    if (!c) {
        snprintf(err, CACHE_ERR_LEN, "no cache directory");
        return false;
    }
    if (cache_store_hashed(c, name_of(r), r->mem_body, r->mem_len, &r->meta, err) != CACHE_OK)
        return false;
    drop_memory_body(r);
    r->have_cache = true;
    r->verified = true;
    return true;
}

/* At each refresh that brings nothing new, a body only memory holds is
 * written again: the disk may have room, or be writable, by now. */
static void retry_memory_copy(refresh_feed *r, cache *c)
{
    char err[CACHE_ERR_LEN];
    if (!r->mem_body)
        return;
    if (write_memory_copy(r, c, err))
        log_info("feeds", "[%s] last good copy kept on disk now", name_of(r));
    else
        log_debug("feeds", "[%s] still not kept on disk: %s", name_of(r), err);
}

/* A plausible body came, or the server serves the last good copy again:
 * the held body is obsolete. */
static void forget_held(refresh_feed *r, cache *c)
{
    if (!r->has_held)
        return;
    if (c)
        cache_drop_held(c, name_of(r));
    r->has_held = false;
    log_info("feeds", "[%s] the held body is obsolete now: removed", name_of(r));
}

/* The new last good copy (parsed: the snapshots share it): on disk when
 * the cache takes it, else in memory (moved out of res) with one warning
 * line. */
static void keep_body(refresh_feed *r, cache *c, fetch_result *res, const cachemeta *meta,
                      model *parsed)
{
    bool was_unsaved = r->mem_body != NULL;
    refresh_release(r);
    r->part = parsed;
    r->meta = *meta; /* its size and hash: res's */
    r->verified = true;
    forget_held(r, c);
    char err[CACHE_ERR_LEN] = "no cache directory";
    if (c && cache_store_hashed(c, name_of(r), res->body, res->len, &r->meta, err) == CACHE_OK) {
        r->have_cache = true;
        if (was_unsaved)
            log_info("feeds", "[%s] kept on disk again", name_of(r));
        return;
    }
    char *shrunk = realloc(res->body, res->len + 1); /* the receive buffer may be twice as big */
    r->mem_body = shrunk ? shrunk : res->body;
    r->mem_len = res->len;
    res->body = NULL;
    res->len = 0;
    if (!was_unsaved)
        log_warn("feeds",
                 "[%s] new data shown from memory, not kept on disk (%s); written again "
                 "at each refresh",
                 name_of(r), err);
}

/* The held body in the cache folder is the one meta describes (not taken
 * in by --accept, nor removed, since). */
static bool held_file_is(const refresh_feed *r, const cache *c, const cachemeta *meta)
{
    cachemeta on_disk;
    char err[CACHE_ERR_LEN];
    return r->has_held && cachemeta_same_body(&r->held, meta) && c &&
           cache_peek_held(c, name_of(r), REFRESH_COPY_MAX_BYTES, &on_disk, err) == CACHE_OK &&
           cachemeta_same_body(&on_disk, meta);
}

/* Keeps an implausible body as the feed's held body (cache_store_held),
 * unless it is the one held already; the feed's state says it is held. */
static void hold_body(refresh_feed *r, cache *c, const fetch_result *res, cachemeta *meta,
                      const char *why)
{
    snprintf(meta->held_reason, sizeof meta->held_reason, "%s", why);
    char err[CACHE_ERR_LEN] = "no cache directory";
    bool same = held_file_is(r, c, meta);
    if (same ||
        (c && cache_store_held(c, name_of(r), res->body, res->len, meta, err) == CACHE_OK)) {
        r->held = *meta;
        r->has_held = r->held_judged = true;
    } else {
        log_warn("feeds", "[%s] held body not kept (%s): vitrine --accept cannot take it in",
                 name_of(r), err);
    }
    r->held_last = true;
}

/* Validates a new body and commits it, or holds it when it is
 * implausible; false with a reason when it is not shown. */
static bool commit_body(refresh_feed *r, cache *c, fetch_result *res, uint64_t hash, int64_t now_s,
                        char *why, size_t whysz)
{
    cachemeta meta = {.fetched_at = now_s, .size = res->len, .hash = hash};
    char reason[FEEDSTATE_REASON_LEN];
    model *parsed;
    guard_status gs = guard_examine(r->feed, res->body, res->len, date_local(now_s), r->gate, &meta,
                                    &parsed, reason, sizeof reason);
    if (gs != GUARD_OK) {
        snprintf(why, whysz, "rejected body (%zu bytes): %.110s", res->len, reason);
        return false;
    }
    snprintf(meta.url, sizeof meta.url, "%s", r->cfg->url);
    snprintf(meta.etag, sizeof meta.etag, "%s", res->etag);
    snprintf(meta.last_modified, sizeof meta.last_modified, "%s", res->last_modified);
    if (has_copy(r) && feed_has_figures(r->feed)) {
        count_last_good(r, c, now_s);
        if (guard_compare(&r->meta, &meta, r->cfg, reason, sizeof reason) != GUARD_OK) {
            model_free(parsed);
            snprintf(why, whysz, "held as implausible: %.130s", reason);
            hold_body(r, c, res, &meta, reason);
            return false;
        }
    }
    size_t len = res->len;
    keep_body(r, c, res, &meta, parsed);
    log_info("feeds", "[%s] new data: %zu records, %zu bytes%s", name_of(r), meta.records, len,
             r->mem_body ? " (in memory only)" : " cached");
    return true;
}

/* The body held already in this run, coming back (the server still
 * serves it): held again without a parse or a write, while its file is
 * there. One found at start is judged again once: the settings may have
 * changed since. */
static bool held_again(const refresh_feed *r, const cache *c, const fetch_result *res,
                       uint64_t hash)
{
    cachemeta m = {.size = res->len, .hash = hash};
    return r->held_judged && held_file_is(r, c, &m);
}

/* A 200 whose body is byte for byte the last good one (servers without
 * validators, local files, a new ETag on the same bytes) changes nothing
 * but the validators. */
static bool unchanged_body(const refresh_feed *r, const fetch_result *res, uint64_t hash)
{
    cachemeta m = {.size = res->len, .hash = hash};
    return same_source(r) && cachemeta_same_body(&m, &r->meta);
}

/* The validators of an unchanged body are renewed without rewriting its
 * file (cache_store_validators), and only when they changed. */
static void renew_validators(refresh_feed *r, cache *c, const fetch_result *res)
{
    if (strcmp(r->meta.etag, res->etag) == 0 &&
        strcmp(r->meta.last_modified, res->last_modified) == 0)
        return;
    snprintf(r->meta.etag, sizeof r->meta.etag, "%s", res->etag);
    snprintf(r->meta.last_modified, sizeof r->meta.last_modified, "%s", res->last_modified);
    char err[CACHE_ERR_LEN];
    if (c && r->have_cache && !r->mem_body &&
        cache_store_validators(c, name_of(r), &r->meta, err) != CACHE_OK)
        log_debug("feeds", "[%s] new validators kept in memory only: %s", name_of(r), err);
}

/* Validators may only be sent for a body known to be intact: a 304 keeps
 * it. The body is checked here when no snapshot has loaded it yet, and
 * parsed at once (under the gate): the next snapshot shows it, so this is
 * its one read and its one parse. */
static void verify_cache(refresh_feed *r, const cache *c, int64_t now_s)
{
    if (!r->have_cache || r->verified || r->mem_body)
        return;
    if (!c) {
        refresh_drop_cache(r, "no cache directory");
        return;
    }
    bool nomem = false;
    memgate_enter(r->gate);
    refresh_parsed(r, c, date_local(now_s), &nomem);
    memgate_leave(r->gate);
}

/* The guard's counts of from into to. */
static void copy_counts(cachemeta *to, const cachemeta *from)
{
    to->records = from->records;
    memcpy(to->fields, from->fields, sizeof to->fields);
    to->n_fields = from->n_fields;
    to->figures = from->figures;
}

/* r's metadata as loaded from the cache file again; the guard's counts
 * are kept when the file has none but describes the same body (counted
 * from its body since it was read, by a snapshot or a refresh). */
static void reload_meta(refresh_feed *r, const cachemeta *loaded)
{
    cachemeta before = r->meta;
    r->meta = *loaded;
    if (!has_counts(loaded, r->feed) && cachemeta_same_body(loaded, &before) &&
        has_counts(&before, r->feed))
        copy_counts(&r->meta, &before); /* counted from its body since it was read */
}

bool refresh_needs_counts(const refresh_feed *r)
{
    return !has_counts(&r->meta, r->feed);
}

/* The last good body: the one only memory holds (the cache could not
 * write it), else the cached copy, loaded (*owned: the caller frees it). */
static const char *last_good_body(refresh_feed *r, const cache *c, size_t *len, char **owned)
{
    *owned = NULL;
    if (r->mem_body) {
        *len = r->mem_len;
        return r->mem_body;
    }
    if (!c || !r->have_cache)
        return NULL;
    char err[CACHE_ERR_LEN];
    cachemeta meta;
    if (cache_load(c, name_of(r), REFRESH_COPY_MAX_BYTES, owned, len, &meta, err) != CACHE_OK) {
        refresh_drop_cache(r, err);
        return NULL;
    }
    reload_meta(r, &meta);
    return *owned;
}

/* The counts of a copy cached before the guard kept them (records, fields,
 * figures of today), from its parse into m. */
static void count_copy(refresh_feed *r, const model *m, parse_result *res, vt_date today)
{
    cachemeta counts;
    memset(&counts, 0, sizeof counts);
    counts.records = res->records;
    parse_tally_fields(m, r->feed, res);
    cachemeta_set_fields(&counts, res);
    if (headline_compute(m, r->feed, today, &counts.figures))
        copy_counts(&r->meta, &counts);
}

model *refresh_parsed(refresh_feed *r, const cache *c, vt_date today, bool *nomem)
{
    if (r->part)
        return r->part;
    size_t len;
    char *owned;
    const char *body = last_good_body(r, c, &len, &owned);
    model *m = body ? model_new() : NULL;
    if (!body || !m) {
        *nomem |= body != NULL;
        free(owned);
        return NULL;
    }
    parse_result res;
    parse_status st = parse_feed(m, r->feed, body, len, &res);
    bool from_disk = owned != NULL;
    free(owned);
    if (st != PARSE_OK) {
        model_free(m);
        *nomem |= st == PARSE_NOMEM;
        if (st != PARSE_NOMEM)
            refresh_drop_cache(r, res.error);
        return NULL;
    }
    if (from_disk) {
        r->verified = true;
        if (!has_counts(&r->meta, r->feed))
            count_copy(r, m, &res, today);
    }
    if (res.skipped)
        log_warn("feeds", "[%s] skipped %zu record(s) it cannot read, kept %zu (the first: %s)",
                 name_of(r), res.skipped, res.records, res.error);
    return r->part = m;
}

bool refresh_take_disk_copy(refresh_feed *r, const cache *c)
{
    cachemeta disk;
    char err[CACHE_ERR_LEN];
    if (!c || r->cfg->url_kind == CONFIG_URL_BUNDLED ||
        cache_peek(c, name_of(r), REFRESH_COPY_MAX_BYTES, &disk, err) != CACHE_OK ||
        ((r->have_cache || r->mem_body) && cachemeta_same_body(&disk, &r->meta)))
        return false;
    /* A copy only memory holds is newer than the disk's, unless the
     * operator accepted the disk's since. */
    if (r->mem_body && !(disk.accepted_at && disk.accepted_at >= r->meta.fetched_at))
        return false;
    bool was_held = r->has_held && cachemeta_same_body(&disk, &r->held);
    refresh_release(r);
    r->meta = disk;
    r->have_cache = true;
    r->verified = false;
    if (was_held) { /* vitrine --accept took it in */
        r->has_held = r->held_last = false;
        r->failures = 0;
        r->failing_since = 0;
        r->reason[0] = '\0';
        outage_init(&r->outage, r->outage.summary_s);
    }
    log_info("feeds", "[%s] a new last good copy in the cache folder%s: shown", name_of(r),
             disk.accepted_at ? " (accepted with vitrine --accept)" : "");
    return true;
}

fetch_request refresh_start(refresh_feed *r, const cache *c, int64_t now_s)
{
    verify_cache(r, c, now_s);
    /* An unverified copy (its check ran out of memory) is not vouched for. */
    bool conditional = same_source(r) && (r->verified || r->mem_body);
    return (fetch_request){
        .url = r->cfg->url,
        .etag = conditional ? r->meta.etag : NULL,
        .last_modified = conditional ? r->meta.last_modified : NULL,
        .lim = {r->cfg->connect_timeout_ms, r->cfg->timeout_ms, r->cfg->low_speed_limit_bps,
                r->cfg->low_speed_time_s, (size_t)r->cfg->max_bytes},
    };
}

/* A body held: like a failure for the schedule (backed off), with a state
 * of its own and one warning line naming the field or the figure. */
static void record_held(refresh_feed *r, int64_t now_s, const char *why)
{
    note_failure(r, now_s, why);
    log_warn("feeds",
             "[%s] new body %s; the last good copy stays on screen and on disk (vitrine --accept "
             "%s takes the new body in)",
             name_of(r), why, name_of(r));
}

/* The held body came back unchanged: the same state, said once. */
static bool held_once_more(refresh_feed *r, int64_t now_s, const char *why)
{
    bool news = !r->held_last;
    note_failure(r, now_s, why);
    r->held_last = true;
    log_debug("feeds", "[%s] the held body again: still held", name_of(r));
    return news;
}

bool refresh_finish(refresh_feed *r, cache *c, fetch_status st, fetch_result *res, int64_t now_s,
                    bool *data_changed)
{
    *data_changed = false;
    if (st == FETCH_CANCELLED)
        return false;
    char why[FEEDSTATE_REASON_LEN];
    bool ok = false;
    switch (st) {
    case FETCH_NOT_MODIFIED:
        ok = true;
        forget_held(r, c); /* the server serves the last good copy again */
        retry_memory_copy(r, c);
        break;
    case FETCH_OK: {
        uint64_t hash = hash_xxh64(res->body, res->len); /* once: XXH64, cachemeta.h */
        if (held_again(r, c, res, hash)) {
            snprintf(why, sizeof why, "held as implausible: %.130s", r->held.held_reason);
            return held_once_more(r, now_s, why);
        }
        r->held_last = false; /* hold_body sets it again */
        if ((ok = unchanged_body(r, res, hash))) {
            forget_held(r, c);
            renew_validators(r, c, res);
            retry_memory_copy(r, c);
        } else
            ok = *data_changed = commit_body(r, c, res, hash, now_s, why, sizeof why);
        break;
    }
    default: snprintf(why, sizeof why, "%.159s", res->error); break;
    }
    if (ok) {
        log_debug("feeds", "[%s] %s", name_of(r),
                  st == FETCH_NOT_MODIFIED ? "not modified (304)" : "up to date");
        record_success(r, now_s);
    } else if (r->held_last) {
        record_held(r, now_s, why);
    } else {
        record_failure(r, now_s, why, st == FETCH_OK ? LOG_WARN : LOG_INFO);
    }
    /* A success is news too: the time of the last contact (data_time)
     * moved, which --status, the metrics and the footer follow. */
    return true;
}

void refresh_drop_cache(refresh_feed *r, const char *why)
{
    log_error("cache", "[%s] cached copy unusable (%s): ignored", name_of(r), why);
    r->have_cache = false;
    r->verified = false;
    if (!r->mem_body) { /* else meta and part describe the memory copy */
        memset(&r->meta, 0, sizeof r->meta);
        model_free(r->part);
        r->part = NULL;
    }
}

int64_t refresh_backoff_ms(const config_feed *cfg, unsigned failures, double u)
{
    double d = (double)cfg->retry_min_ms;
    for (unsigned i = 1; i < failures && d < (double)cfg->retry_max_ms; i++)
        d *= 2;
    if (d > (double)cfg->retry_max_ms)
        d = (double)cfg->retry_max_ms;
    return (int64_t)(d * (REFRESH_BACKOFF_FLOOR + (1 - REFRESH_BACKOFF_FLOOR) * u));
}

int64_t refresh_interval_ms(const config_feed *cfg, double u)
{
    return (int64_t)((double)cfg->refresh_interval_ms *
                     (1 + REFRESH_INTERVAL_JITTER * (2 * u - 1)));
}

void refresh_schedule(refresh_feed *r, int64_t now_ms, double u)
{
    r->due_ms = now_ms + (r->failures ? refresh_backoff_ms(r->cfg, r->failures, u)
                                      : refresh_interval_ms(r->cfg, u));
}

/* Why a built-in copy stands in, when no refresh failure says it. */
static const char *builtin_reason(const refresh_feed *r, bool offline)
{
    return r->cfg->url_kind == CONFIG_URL_BUNDLED           ? REFRESH_REASON_NO_URL
           : offline && r->cfg->url_kind == CONFIG_URL_HTTP ? "offline and no cached copy"
                                                            : "no cached copy yet";
}

feedstate refresh_state(const refresh_feed *r, bool offline, refresh_shown shown)
{
    feedstate s = {.kind = FEEDSTATE_MISSING};
    s.failing_since = r->failing_since;
    s.unsaved = r->mem_body != NULL;
    snprintf(s.reason, sizeof s.reason, "%s", r->reason);
    if (shown == REFRESH_SHOWN_NOTHING) {
        if (!*s.reason && r->cfg->url_kind == CONFIG_URL_BUNDLED) /* a feed left unset */
            snprintf(s.reason, sizeof s.reason, "%s", REFRESH_REASON_UNSET);
        return s;
    }
    if (shown == REFRESH_SHOWN_DEMO || shown == REFRESH_SHOWN_BUNDLED) {
        s.kind = shown == REFRESH_SHOWN_DEMO ? FEEDSTATE_DEMO : FEEDSTATE_BUNDLED;
        s.data_time = shown == REFRESH_SHOWN_BUNDLED ? DATADIR_BUNDLED_EIG_TIME : 0;
        if (!*s.reason)
            snprintf(s.reason, sizeof s.reason, "%s", builtin_reason(r, offline));
        return s;
    }
    s.data_time = r->checked_at > r->meta.fetched_at ? r->checked_at : r->meta.fetched_at;
    s.accepted_at = r->meta.accepted_at;
    s.held_at = r->has_held ? r->held.fetched_at : 0;
    if (r->held_last)
        s.kind = FEEDSTATE_HELD;
    else if (r->failures)
        s.kind = FEEDSTATE_FAILING;
    else if (offline && r->cfg->url_kind == CONFIG_URL_HTTP)
        s.kind = FEEDSTATE_OFFLINE;
    else
        s.kind = r->checked_at ? FEEDSTATE_FRESH : FEEDSTATE_STALE;
    return s;
}
