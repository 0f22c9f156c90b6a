/* status_metrics: the status as Prometheus text exposition format 0.0.4
 * (what node_exporter's textfile collector reads): # HELP and # TYPE for
 * each metric, label values escaped (backslash, double quote, newline), no
 * timestamps (the collector refuses them). */
#include "vitrine/status.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/feed.h"

#define METRICS_FIRST_CAP 4096 /* the whole text is about 2.5 KB */

typedef struct {
    char *p;
    size_t len, cap;
    bool nomem;
} text;

static bool reserve(text *t, size_t more)
{
    if (t->len + more < t->cap)
        return true;
    size_t cap = t->cap ? t->cap : METRICS_FIRST_CAP;
    while (cap <= t->len + more)
        cap *= 2;
    char *p = realloc(t->p, cap);
    if (!p)
        return false;
    t->p = p;
    t->cap = cap;
    return true;
}

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (t->nomem || n < 0 || !reserve(t, (size_t)n)) {
        t->nomem = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* A label value as the format wants it: \\, \" and \n escaped. */
static void put_label(text *t, const char *name, const char *value)
{
    put(t, "{%s=\"", name);
    for (const char *c = value; *c; c++) {
        if (*c == '\\' || *c == '"')
            put(t, "\\%c", *c);
        else if (*c == '\n')
            put(t, "\\n");
        else
            put(t, "%c", *c);
    }
    put(t, "\"}");
}

static void put_header(text *t, const char *name, const char *type, const char *help)
{
    put(t, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static bool feed_up(feedstate_kind k)
{
    return k == FEEDSTATE_FRESH || k == FEEDSTATE_OFFLINE || k == FEEDSTATE_BUNDLED;
}

static bool has_data_time(const feedstate *fs)
{
    /* The bundled EIG copy is dated 2022 and never refreshed: an age would
     * only set off alerts on data that is meant to be that old. */
    return fs->data_time > 0 && fs->kind != FEEDSTATE_DEMO && fs->kind != FEEDSTATE_MISSING &&
           fs->kind != FEEDSTATE_BUNDLED;
}

/* One sample per feed (those with a known data time for the two time
 * metrics): value 0 up, 1 age, 2 last success. */
static void put_feeds(text *t, const status_report *r, const char *name, int value)
{
    for (int f = 0; f < FEED_COUNT; f++) {
        const feedstate *fs = &r->feeds.feeds[f];
        if (value && !has_data_time(fs))
            continue;
        put(t, "%s", name);
        put_label(t, "feed", feed_name((feed_id)f));
        int64_t v = value == 0   ? feed_up(fs->kind)
                    : value == 1 ? r->now - fs->data_time
                                 : fs->data_time;
        put(t, " %" PRId64 "\n", v);
    }
}

static void put_feed_metrics(text *t, const status_report *r)
{
    put_header(t, "vitrine_feed_up", "gauge",
               "1 when the feed's last refresh succeeded (state fresh, or offline: local data "
               "read, or bundled: the EIG copy built in), 0 otherwise (stale, failing, demo, "
               "missing).");
    put_feeds(t, r, "vitrine_feed_up", 0);
    put_header(t, "vitrine_feed_age_seconds", "gauge",
               "Age of the feed's data when this file was written; prefer time() - "
               "vitrine_feed_last_success_timestamp_seconds, exact between writes.");
    put_feeds(t, r, "vitrine_feed_age_seconds", 1);
    put_header(t, "vitrine_feed_last_success_timestamp_seconds", "gauge",
               "When the feed's data was last fetched or confirmed (unix seconds).");
    put_feeds(t, r, "vitrine_feed_last_success_timestamp_seconds", 2);
}

char *status_to_metrics(const status_report *r)
{
    text t = {0};
    put_header(&t, "vitrine_build_info", "gauge", "The running vitrine's version (always 1).");
    put(&t, "vitrine_build_info");
    put_label(&t, "version", r->version ? r->version : "");
    put(&t, " 1\n");
    put_header(&t, "vitrine_start_time_seconds", "gauge", "When the kiosk started (unix seconds).");
    put(&t, "vitrine_start_time_seconds %" PRId64 "\n", r->started_at);
    put_header(&t, "vitrine_status_updated_timestamp_seconds", "gauge",
               "When the kiosk last wrote this file (unix seconds): old means a stuck kiosk.");
    put(&t, "vitrine_status_updated_timestamp_seconds %" PRId64 "\n", r->now);
    put_feed_metrics(&t, r);
    put_header(&t, "vitrine_slide_changes_total", "counter",
               "Slides shown since the kiosk started, the first included.");
    put(&t, "vitrine_slide_changes_total %" PRIu64 "\n", r->slide_changes);
    put_header(&t, "vitrine_screen_on", "gauge", "1 while the screen is on, 0 off by schedule.");
    put(&t, "vitrine_screen_on %d\n", r->screen_on ? 1 : 0);
    put_header(&t, "vitrine_paused", "gauge", "1 while the rotation is paused (Space key).");
    put(&t, "vitrine_paused %d\n", r->paused ? 1 : 0);
    if (t.nomem || !t.p) {
        free(t.p);
        return NULL;
    }
    return t.p;
}
