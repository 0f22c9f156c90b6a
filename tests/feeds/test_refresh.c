/* refresh: back-off and interval jitter bounds, validation before commit
 * (a bad body never replaces the cached copy), unchanged bodies, and the
 * states the screens get. Uses local-path feeds: no network. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#include "feedtest.h"
#include "outage.h"
#include "snapshot.h"
#include "vitrine/datadir.h"
#include "vitrine/feeds.h"
#include "vitrine/fileio.h"

static char dir[] = "/tmp/vitrine-refresh-XXXXXX";

#define MEMBER(id) "{\"id\": \"" id "\", \"missions\": [{\"start\": \"2021-01-31\"}]}"
#define GOOD_AUTHORS "[" MEMBER("a") "]"
#define FOUR_AUTHORS "[" MEMBER("a") "," MEMBER("b") "," MEMBER("c") "," MEMBER("d") "]"

static void backoff_grows_to_the_cap_with_jitter(void)
{
    config c;
    config_defaults(&c);
    config_feed *f = &c.feeds[FEED_STARTUPS];
    f->retry_min_ms = 1000;
    f->retry_max_ms = 10000;
    CHECK_INT(refresh_backoff_ms(f, 1, 1.0), 1000);
    CHECK_INT(refresh_backoff_ms(f, 2, 1.0), 2000);
    CHECK_INT(refresh_backoff_ms(f, 4, 1.0), 8000);
    CHECK_INT(refresh_backoff_ms(f, 5, 1.0), 10000); /* capped */
    CHECK_INT(refresh_backoff_ms(f, 500, 1.0), 10000);
    CHECK_INT(refresh_backoff_ms(f, 5, 0.0), 5000); /* jitter floor: half */
    f->refresh_interval_ms = 100000;
    CHECK_INT(refresh_interval_ms(f, 0.0), 90000);
    CHECK_INT(refresh_interval_ms(f, 0.5), 100000);
    CHECK(refresh_interval_ms(f, 0.999999) <= 110000);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

static void bad_bodies_never_replace_the_cached_copy(void)
{
    char err[CACHE_ERR_LEN], src[256];
    cache *c = cache_open(dir, err);
    fetch *ft = fetch_new(NULL, err);
    CHECK(c && ft);
    config cfg;
    config_defaults(&cfg);
    config_feed *f = &cfg.feeds[FEED_AUTHORS];
    snprintf(src, sizeof src, "%s/authors-src.json", dir);
    snprintf(f->url, sizeof f->url, "%s", src);
    f->url_kind = CONFIG_URL_FILE;
    refresh_feed r;
    refresh_init(&r, FEED_AUTHORS, f, c);
    CHECK(!r.have_cache);
    write_file(src, GOOD_AUTHORS);
    bool changed;
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed));
    CHECK(changed && r.have_cache);
    feedstate s = refresh_state(&r, false, REFRESH_SHOWN_CACHE);
    CHECK_INT(s.kind, FEEDSTATE_FRESH);
    CHECK_INT(s.data_time, 1000);
    uint64_t good = r.meta.hash;

    /* Same bytes: no new data, only the time of the last contact moves
     * (--status, the metrics and the footer follow it). */
    CHECK(feedtest_refresh(&r, ft, c, 1100, &changed));
    CHECK(!changed);
    CHECK_INT(refresh_state(&r, false, REFRESH_SHOWN_CACHE).data_time, 1100);

    static const char *const bad[] = {
        "[{\"id\": \"a\"", "{\"members\": []}", "[]",
        "[{\"id\": \"a\", \"missions\": [{\"start\": \"31/01/2021\"}]}]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(src, bad[i]);
        CHECK(feedtest_refresh(&r, ft, c, 2000 + (int64_t)i, &changed));
        CHECK(!changed);
        CHECK_INT(r.failures, i + 1);
    }
    s = refresh_state(&r, false, REFRESH_SHOWN_CACHE);
    CHECK_INT(s.kind, FEEDSTATE_FAILING);
    CHECK_INT(s.failing_since, 2000);
    CHECK(strstr(s.reason, "rejected") != NULL);
    char *body;
    size_t len;
    cachemeta m;
    CHECK_INT(cache_load(c, "authors", 1 << 20, &body, &len, &m, err), CACHE_OK);
    CHECK_INT(m.hash, good);
    free(body);

    unlink(src); /* a missing local file is a failure too */
    CHECK(feedtest_refresh(&r, ft, c, 3000, &changed));
    CHECK_INT(r.failures, 5);
    write_file(src, GOOD_AUTHORS); /* back to the good copy */
    CHECK(feedtest_refresh(&r, ft, c, 4000, &changed));
    CHECK_INT(r.failures, 0);
    CHECK_INT(refresh_state(&r, false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_FRESH);
    refresh_release(&r);
    fetch_free(ft);
    cache_free(c);
}

/* A local feed in dir/name-src.json, refreshed into cache c. */
static void local_feed(config *cfg, feed_id feed, const char *name, char *src, size_t srcsz)
{
    config_defaults(cfg);
    config_feed *f = &cfg->feeds[feed];
    snprintf(src, srcsz, "%s/%s-src.json", dir, name);
    snprintf(f->url, sizeof f->url, "%s", src);
    f->url_kind = CONFIG_URL_FILE;
}

static void a_collapse_is_refused_unless_configured(void)
{
    char err[CACHE_ERR_LEN], src[256];
    cache *c = cache_open(dir, err);
    fetch *ft = fetch_new(NULL, err);
    config cfg;
    local_feed(&cfg, FEED_AUTHORS, "shrink", src, sizeof src);
    refresh_feed r;
    refresh_init(&r, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    bool changed;
    write_file(src, FOUR_AUTHORS);
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed) && changed);
    CHECK_INT(r.meta.records, 4);
    write_file(src, "[" MEMBER("a") "]"); /* 1 of 4: under half */
    CHECK(feedtest_refresh(&r, ft, c, 1100, &changed) && !changed);
    CHECK_INT(r.failures, 1);
    CHECK(strstr(r.reason, "1 records, fewer than 50 % of the last good copy's 4") != NULL);
    write_file(src, "[" MEMBER("a") "," MEMBER("b") "]"); /* half: a network may shrink */
    CHECK(feedtest_refresh(&r, ft, c, 1200, &changed) && changed);
    CHECK_INT(r.meta.records, 2);

    /* The count survives a restart, and a file written before it was kept
     * is counted from its body. */
    refresh_feed again;
    refresh_init(&again, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    CHECK_INT(again.meta.records, 2);
    const char *three = "[" MEMBER("a") "," MEMBER("b") "," MEMBER("c") "]";
    cachemeta old = {.fetched_at = 1200}; /* records: 0, as before 2026-12 */
    snprintf(old.url, sizeof old.url, "%s", src);
    CHECK_INT(cache_store(c, "authors", three, strlen(three), &old, err), CACHE_OK);
    refresh_init(&again, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    CHECK_INT(again.meta.records, 0);
    write_file(src, "[" MEMBER("z") "]");
    CHECK(feedtest_refresh(&again, ft, c, 1300, &changed) && !changed);
    CHECK(strstr(again.reason, "of the last good copy's 3") != NULL);
    CHECK_INT(refresh_state(&again, false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_HELD);
    /* The operator follows a real shrink: a new setting, read at the next
     * start, judges the held body again. */
    cfg.feeds[FEED_AUTHORS].min_records_percent = 0;
    refresh_release(&again);
    refresh_init(&again, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    CHECK_INT(refresh_state(&again, false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_HELD);
    CHECK(feedtest_refresh(&again, ft, c, 1400, &changed) && changed);
    CHECK_INT(again.failures, 0);
    refresh_release(&again);
    refresh_release(&r);
    fetch_free(ft);
    cache_free(c);
}

/* A cache whose directory cannot be made: a file named blocker stands
 * where it should be (removed later to free the place). */
static cache *blocked_cache(const char *name, char blocker[300])
{
    char err[CACHE_ERR_LEN], sub[320];
    snprintf(blocker, 300, "%s/%s", dir, name);
    write_file(blocker, "x");
    snprintf(sub, sizeof sub, "%s/cache", blocker);
    return cache_open(sub, err);
}

static void an_unwritable_cache_keeps_new_data_in_memory(void)
{
    char err[CACHE_ERR_LEN], src[256], blocker[300];
    cache *c = blocked_cache("blocker", blocker);
    fetch *ft = fetch_new(NULL, err);
    CHECK(c && ft);
    config cfg;
    local_feed(&cfg, FEED_AUTHORS, "mem", src, sizeof src);
    refresh_feed r;
    refresh_init(&r, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    write_file(src, FOUR_AUTHORS);
    bool changed;
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed) && changed);
    size_t len;
    const char *mem = refresh_memory_copy(&r, &len);
    CHECK(mem && len == strlen(FOUR_AUTHORS) && memcmp(mem, FOUR_AUTHORS, len) == 0);
    feedstate s = refresh_state(&r, false, REFRESH_SHOWN_CACHE);
    CHECK_INT(s.kind, FEEDSTATE_FRESH);
    CHECK(s.unsaved);
    /* Same bytes: nothing new to show, and the disk is tried again. */
    CHECK(feedtest_refresh(&r, ft, c, 1100, &changed) && !changed);
    CHECK(refresh_memory_copy(&r, &len) != NULL);
    unlink(blocker); /* the place is free: the next refresh writes it */
    CHECK(feedtest_refresh(&r, ft, c, 1200, &changed)); /* state: on disk now */
    CHECK(!changed);
    CHECK(refresh_memory_copy(&r, &len) == NULL && r.have_cache);
    CHECK(!refresh_state(&r, false, REFRESH_SHOWN_CACHE).unsaved);
    char *body;
    cachemeta m;
    CHECK_INT(cache_load(c, "authors", 1 << 20, &body, &len, &m, err), CACHE_OK);
    CHECK(len == strlen(FOUR_AUTHORS) && m.records == 4);
    free(body);
    refresh_release(&r);
    fetch_free(ft);
    cache_free(c);
}

#define STAFF(id, status)                                                                          \
    "{\"id\": \"" id "\", \"domaine\": \"Design\", \"missions\": [{\"start\": \"2021-01-31\", "    \
    "\"status\": \"" status "\"}]}"
#define STAFF4(status)                                                                             \
    "[" STAFF("a", status) "," STAFF("b", status) "," STAFF("c", status) "," STAFF("d", status) "]"

static bool same_file_times(const char *path, const struct stat *before)
{
    struct stat now;
    return stat(path, &now) == 0 && now.st_ino == before->st_ino &&
           now.st_mtim.tv_sec == before->st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == before->st_mtim.tv_nsec;
}

/* An implausible body is held: state "held", the last good copy stays,
 * the body waits as the held copy, written once however often it comes;
 * the operator's acceptance (cache_accept_held, what --accept does) is
 * taken by the next refresh; a plausible body makes a held one obsolete. */
static void held_bodies_wait_for_the_operator(void)
{
    char err[CACHE_ERR_LEN], src[256], held_path[512], cache_file[512];
    char sub[300];
    snprintf(sub, sizeof sub, "%s/held", dir);
    cache *c = cache_open(sub, err);
    fetch *ft = fetch_new(NULL, err);
    config cfg;
    local_feed(&cfg, FEED_AUTHORS, "held", src, sizeof src);
    refresh_feed r;
    refresh_init(&r, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    bool changed;
    write_file(src, STAFF4("admin"));
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed) && changed);
    CHECK(cache_held_path(c, "authors", held_path, sizeof held_path));
    CHECK(cache_path(c, "authors", cache_file, sizeof cache_file));
    struct stat good_st, held_st;
    CHECK(stat(cache_file, &good_st) == 0);

    write_file(src, STAFF4("ADMIN")); /* every status respelled: a change of form */
    CHECK(feedtest_refresh(&r, ft, c, 1100, &changed) && !changed);
    feedstate s = refresh_state(&r, false, REFRESH_SHOWN_CACHE);
    CHECK_INT(s.kind, FEEDSTATE_HELD);
    CHECK(strstr(s.reason, "missions[].status: 0 % of its 4 records spelled as before") != NULL);
    CHECK_INT(s.held_at, 1100);
    CHECK_INT(s.data_time, 1000); /* the data shown is still the good copy's */
    CHECK(same_file_times(cache_file, &good_st));
    CHECK(stat(held_path, &held_st) == 0);
    CHECK(!feedtest_refresh(&r, ft, c, 1200, &changed) && !changed); /* the same again */
    CHECK(same_file_times(held_path, &held_st));                     /* not written again */

    /* A restart knows the held body, and judges it once more. */
    refresh_feed again;
    refresh_init(&again, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    CHECK_INT(refresh_state(&again, false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_HELD);
    CHECK(!refresh_take_disk_copy(&again, c)); /* nothing new on disk */
    cachemeta m;
    CHECK_INT(cache_accept_held(c, "authors", 1 << 20, 1300, &m, err), CACHE_OK);
    CHECK_INT(m.accepted_at, 1300);
    CHECK(!fileio_exists(held_path));
    CHECK(refresh_take_disk_copy(&again, c)); /* the kiosk takes it at its next refresh */
    s = refresh_state(&again, false, REFRESH_SHOWN_CACHE);
    CHECK(s.kind != FEEDSTATE_HELD && s.held_at == 0 && s.accepted_at == 1300);
    CHECK(feedtest_refresh(&again, ft, c, 1400, &changed) && !changed); /* same bytes */
    CHECK_INT(refresh_state(&again, false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_FRESH);
    CHECK_INT(cache_accept_held(c, "authors", 1 << 20, 1500, &m, err), CACHE_ABSENT);

    /* Held again, then the source serves a plausible body: the held one goes. */
    write_file(src, "[" STAFF("a", "admin") "]");
    CHECK(feedtest_refresh(&again, ft, c, 1600, &changed) && !changed);
    CHECK(fileio_exists(held_path));
    write_file(src, "[" STAFF("a", "ADMIN") "," STAFF("b", "ADMIN") "," STAFF(
                        "c", "ADMIN") "," STAFF("d", "ADMIN") "," STAFF("e", "ADMIN") "]");
    CHECK(feedtest_refresh(&again, ft, c, 1700, &changed) && changed);
    CHECK(!fileio_exists(held_path));
    CHECK_INT(refresh_state(&again, false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_FRESH);
    refresh_release(&again);
    refresh_release(&r);
    fetch_free(ft);
    cache_free(c);
}

/* Capitals of the phase names: the form changed. */
#define PRODUCT(id, phase)                                                                         \
    "{\"id\":\"" id "\",\"attributes\":{\"phases\":[{\"name\":\"" phase "\",\"start\":"            \
    "\"2020-01-01\"}]},\"relationships\":{\"incubator\":{\"data\":{\"id\":\"x\"}}}}"
#define PRODUCTS(phase)                                                                            \
    "{\"data\":[" PRODUCT("a", phase) "," PRODUCT("b", phase) "," PRODUCT("c", phase) "]}"

/* A copy cached before the guard kept its counts (an upgrade) is counted
 * by the first snapshot, and stays counted through the next ones (which
 * share its parse): the guard holds a change of form all along. */
static void an_upgraded_cache_stays_guarded(void)
{
    char err[CACHE_ERR_LEN], src[256], sub[300];
    snprintf(sub, sizeof sub, "%s/upgrade", dir);
    cache *c = cache_open(sub, err);
    fetch *ft = fetch_new(NULL, err);
    config cfg;
    local_feed(&cfg, FEED_STARTUPS, "upgrade", src, sizeof src);
    const char *good = PRODUCTS("construction");
    cachemeta old = {.fetched_at = 1000, .records = 3}; /* no fields, no figures */
    snprintf(old.url, sizeof old.url, "%s", src);
    CHECK_INT(cache_store(c, "startups", good, strlen(good), &old, err), CACHE_OK);
    write_file(src, good);
    refresh_feed all[FEED_COUNT];
    for (int i = 0; i < FEED_COUNT; i++)
        refresh_init(&all[i], (feed_id)i, &cfg.feeds[i], c);
    snapshot_parts parts = {0};
    for (int round = 0; round < 2; round++) { /* the second shares the first's parse */
        model *m = NULL;
        snapshot_origin origin;
        char serr[SNAPSHOT_ERR_LEN];
        CHECK_INT(snapshot_build(all, c, &parts, &m, &origin, serr), SNAPSHOT_OK);
        model_free(m);
        CHECK(!refresh_needs_counts(&all[FEED_STARTUPS]));
    }
    write_file(src, PRODUCTS("CONSTRUCTION"));
    bool changed;
    CHECK(feedtest_refresh(&all[FEED_STARTUPS], ft, c, 2000, &changed) && !changed);
    CHECK_INT(refresh_state(&all[FEED_STARTUPS], false, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_HELD);
    for (int i = 0; i < FEED_COUNT; i++)
        refresh_release(&all[i]);
    snapshot_parts_release(&parts);
    fetch_free(ft);
    cache_free(c);
}

/* The held file taken away (an --accept claims it) while the same body
 * keeps coming: it is written again, never "held" with nothing to accept;
 * a held file left identical to the cached copy (an accept cut short) is
 * removed at start; the cache folder's path may be as long as a path of
 * the configuration. */
static void held_files_are_never_lost(void)
{
    char err[CACHE_ERR_LEN], src[256], sub[1100], held_path[1300];
    int n = snprintf(sub, sizeof sub, "%s/", dir);
    while (n < 900) /* longer than the 512 bytes of an error line */
        n += snprintf(sub + n, sizeof sub - (size_t)n, "a-long-folder-name/");
    snprintf(sub + n, sizeof sub - (size_t)n, "cache");
    cache *c = cache_open(sub, err);
    fetch *ft = fetch_new(NULL, err);
    CHECK(c && ft);
    config cfg;
    local_feed(&cfg, FEED_STARTUPS, "lost", src, sizeof src);
    refresh_feed r;
    refresh_init(&r, FEED_STARTUPS, &cfg.feeds[FEED_STARTUPS], c);
    bool changed;
    write_file(src, PRODUCTS("construction"));
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed) && changed);
    write_file(src, PRODUCTS("CONSTRUCTION"));
    CHECK(feedtest_refresh(&r, ft, c, 1100, &changed) && !changed);
    CHECK(cache_held_path(c, "startups", held_path, sizeof held_path));
    CHECK(fileio_exists(held_path));
    unlink(held_path);
    feedtest_refresh(&r, ft, c, 1200, &changed);
    CHECK(fileio_exists(held_path)); /* written again */
    char line[FEEDS_LINE_LEN], ferr[FEEDS_ERR_LEN];
    CHECK_INT(feeds_accept(sub, FEED_STARTUPS, line, ferr), FEEDS_OK);
    CHECK(strstr(line, "is the last good copy now") != NULL);
    CHECK(!fileio_exists(held_path));
    CHECK_INT(feeds_accept(sub, FEED_STARTUPS, line, ferr), FEEDS_FAILED);
    CHECK(strstr(ferr, "no held body") != NULL);

    /* An accept cut short: the held file is the cached copy already. */
    char *body;
    size_t len;
    cachemeta m;
    CHECK_INT(cache_load(c, "startups", 1 << 20, &body, &len, &m, err), CACHE_OK);
    CHECK_INT(cache_store_held(c, "startups", body, len, &m, err), CACHE_OK);
    free(body);
    refresh_release(&r);
    refresh_init(&r, FEED_STARTUPS, &cfg.feeds[FEED_STARTUPS], c);
    CHECK(refresh_state(&r, false, REFRESH_SHOWN_CACHE).kind != FEEDSTATE_HELD);
    CHECK(!fileio_exists(held_path));
    refresh_release(&r);
    fetch_free(ft);
    cache_free(c);
}

/* A copy only memory holds (the disk was full) gives way to a copy the
 * operator accepted into the cache since, never the other way round. */
static void an_accepted_copy_beats_the_memory_copy(void)
{
    char err[CACHE_ERR_LEN], src[256], blocker[300];
    cache *c = blocked_cache("blocker2", blocker);
    fetch *ft = fetch_new(NULL, err);
    config cfg;
    local_feed(&cfg, FEED_AUTHORS, "mem2", src, sizeof src);
    refresh_feed r;
    refresh_init(&r, FEED_AUTHORS, &cfg.feeds[FEED_AUTHORS], c);
    write_file(src, FOUR_AUTHORS);
    bool changed;
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed) && changed);
    size_t len;
    CHECK(refresh_memory_copy(&r, &len) != NULL);
    unlink(blocker);
    cachemeta older = {.fetched_at = 500, .records = 1};
    CHECK_INT(cache_store(c, "authors", GOOD_AUTHORS, strlen(GOOD_AUTHORS), &older, err), CACHE_OK);
    CHECK(!refresh_take_disk_copy(&r, c)); /* older than the memory copy: not taken */
    CHECK(refresh_memory_copy(&r, &len) != NULL);
    cachemeta accepted = {.fetched_at = 500, .accepted_at = 1500, .records = 1};
    CHECK_INT(cache_store(c, "authors", GOOD_AUTHORS, strlen(GOOD_AUTHORS), &accepted, err),
              CACHE_OK);
    CHECK(refresh_take_disk_copy(&r, c)); /* accepted since: taken, memory released */
    CHECK(refresh_memory_copy(&r, &len) == NULL);
    CHECK_INT(refresh_state(&r, false, REFRESH_SHOWN_CACHE).accepted_at, 1500);
    refresh_release(&r);
    fetch_free(ft);
    cache_free(c);
}

static void states_for_the_screens(void)
{
    config cfg;
    config_defaults(&cfg);
    refresh_feed r;
    refresh_init(&r, FEED_DEFIS, &cfg.feeds[FEED_DEFIS], NULL);
    CHECK(!refresh_fetchable(&r, false)); /* bundled copy */
    feedstate s = refresh_state(&r, false, REFRESH_SHOWN_BUNDLED);
    CHECK_INT(s.kind, FEEDSTATE_BUNDLED); /* the real EIG copy: dated, no demo */
    CHECK_INT(s.data_time, DATADIR_BUNDLED_EIG_TIME);
    CHECK(strstr(s.reason, "bundled") != NULL);
    CHECK_INT(refresh_state(&r, false, REFRESH_SHOWN_DEMO).kind, FEEDSTATE_DEMO);
    CHECK_INT(refresh_state(&r, false, REFRESH_SHOWN_NOTHING).kind, FEEDSTATE_MISSING);
    refresh_init(&r, FEED_STARTUPS, &cfg.feeds[FEED_STARTUPS], NULL);
    CHECK(refresh_fetchable(&r, false));
    CHECK(!refresh_fetchable(&r, true)); /* offline: no connection */
    r.have_cache = true;
    r.meta.fetched_at = 500;
    s = refresh_state(&r, false, REFRESH_SHOWN_CACHE);
    CHECK_INT(s.kind, FEEDSTATE_STALE);
    CHECK_INT(s.data_time, 500);
    CHECK_INT(refresh_state(&r, true, REFRESH_SHOWN_CACHE).kind, FEEDSTATE_OFFLINE);
    CHECK(strstr(refresh_state(&r, true, REFRESH_SHOWN_DEMO).reason, "offline") != NULL);
}

/* An outage's journal: its start, a new cause (numbers aside, an HTTP
 * status apart), a summary once the interval passed, its end with its
 * duration. */
static void an_outage_is_said_in_few_lines(void)
{
    outage o;
    outage_init(&o, 3600);
    const char *slow = "Connection timed out after 10001 milliseconds";
    CHECK_INT(outage_failed(&o, slow, 1000), OUTAGE_STARTS);
    CHECK_INT(outage_failed(&o, "Connection timed out after 10002 milliseconds", 1030),
              OUTAGE_QUIET);
    CHECK_INT(outage_failed(&o, "HTTP 500", 1060), OUTAGE_NEW_CAUSE);
    CHECK_INT(outage_failed(&o, "HTTP 500", 1090), OUTAGE_QUIET);
    CHECK_INT(outage_failed(&o, "HTTP 503", 1120), OUTAGE_NEW_CAUSE);
    CHECK_INT(outage_failed(&o, "HTTP 503", 1060 + 3599), OUTAGE_QUIET);
    CHECK_INT(outage_failed(&o, "HTTP 503", 1120 + 3600), OUTAGE_SUMMARY);
    CHECK_INT(outage_failed(&o, "HTTP 503", 1120 + 3700), OUTAGE_QUIET);
    CHECK_INT(o.attempts, 8);
    char lasted[OUTAGE_LINE_LEN];
    CHECK(outage_ended(&o, 1000 + 2 * 3600 + 5 * 60, lasted, sizeof lasted));
    CHECK_STR(lasted, "2 h 05 min");
    CHECK(!outage_ended(&o, 9000, lasted, sizeof lasted)); /* one end per outage */
    CHECK_INT(outage_failed(&o, slow, 9000), OUTAGE_STARTS);
    CHECK(outage_ended(&o, 9040, lasted, sizeof lasted));
    CHECK_STR(lasted, "40 s");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(an_outage_is_said_in_few_lines);
    RUN(backoff_grows_to_the_cap_with_jitter);
    RUN(bad_bodies_never_replace_the_cached_copy);
    RUN(a_collapse_is_refused_unless_configured);
    RUN(an_unwritable_cache_keeps_new_data_in_memory);
    RUN(held_bodies_wait_for_the_operator);
    RUN(an_upgraded_cache_stays_guarded);
    RUN(held_files_are_never_lost);
    RUN(an_accepted_copy_beats_the_memory_copy);
    RUN(states_for_the_screens);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return test_report();
}
