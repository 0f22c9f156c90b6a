/* refresh: back-off and interval jitter bounds, validation before commit
 * (a bad body never replaces the cached copy), unchanged bodies, and the
 * states the screens get. Uses local-path feeds: no network. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#include "feedtest.h"

static char dir[] = "/tmp/vitrine-refresh-XXXXXX";

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
    write_file(src, "[{\"id\": \"a\", \"missions\": []}]");
    bool changed;
    CHECK(feedtest_refresh(&r, ft, c, 1000, &changed));
    CHECK(changed && r.have_cache);
    feedstate s = refresh_state(&r, false, false, true);
    CHECK_INT(s.kind, FEEDSTATE_FRESH);
    CHECK_INT(s.data_time, 1000);
    uint64_t good = r.meta.hash;

    CHECK(!feedtest_refresh(&r, ft, c, 1100, &changed)); /* same bytes: nothing to show */
    CHECK(!changed);

    static const char *const bad[] = {"[{\"id\": \"a\"", "{\"members\": []}", "[]", "[1, 2]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(src, bad[i]);
        CHECK(feedtest_refresh(&r, ft, c, 2000 + (int64_t)i, &changed));
        CHECK(!changed);
        CHECK_INT(r.failures, i + 1);
    }
    s = refresh_state(&r, false, false, true);
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
    write_file(src, "[{\"id\": \"a\", \"missions\": []}]"); /* back to the good copy */
    CHECK(feedtest_refresh(&r, ft, c, 4000, &changed));
    CHECK_INT(r.failures, 0);
    CHECK_INT(refresh_state(&r, false, false, true).kind, FEEDSTATE_FRESH);
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
    feedstate s = refresh_state(&r, false, true, true);
    CHECK_INT(s.kind, FEEDSTATE_DEMO);
    CHECK(strstr(s.reason, "bundled") != NULL);
    CHECK_INT(refresh_state(&r, false, false, false).kind, FEEDSTATE_MISSING);
    refresh_init(&r, FEED_STARTUPS, &cfg.feeds[FEED_STARTUPS], NULL);
    CHECK(refresh_fetchable(&r, false));
    CHECK(!refresh_fetchable(&r, true)); /* offline: no connection */
    r.have_cache = true;
    r.meta.fetched_at = 500;
    s = refresh_state(&r, false, false, true);
    CHECK_INT(s.kind, FEEDSTATE_STALE);
    CHECK_INT(s.data_time, 500);
    CHECK_INT(refresh_state(&r, true, false, true).kind, FEEDSTATE_OFFLINE);
    CHECK(strstr(refresh_state(&r, true, true, true).reason, "offline") != NULL);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    RUN(backoff_grows_to_the_cap_with_jitter);
    RUN(bad_bodies_never_replace_the_cached_copy);
    RUN(states_for_the_screens);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return test_report();
}
