/* fuzz_config: the configuration parser (config_parse) on arbitrary bytes.
 * Whatever the document, it returns OK or INVALID; an error is one line
 * naming the document, and an invalid part holds its defaults; an accepted
 * feeds' part has every value in its documented range (README
 * "Configuration file") and every URL of the kind it claims; and the whole
 * configuration survives config_to_json -> config_parse unchanged (what
 * --check-config prints can be fed back). fuzz_config_kiosk checks the
 * kiosk part's values by running them. */
#include <string.h>

#include "config_compare.h"
#include "fuzz.h"
#include "vitrine/config.h"
#include "vitrine/log.h"
#include "vitrine/parse.h"
#include "vitrine/vclock.h"

#define ORIGIN "fuzz.json"
#define BASE_DIR "/srv/vitrine" /* relative paths resolve against it */
#define MS_PER_S ((long)VCLOCK_MS_PER_S)
#define DAY_S 86400L

/* The documented ranges, in the struct's units. */
#define REFRESH_MIN_MS (10 * MS_PER_S)
#define REFRESH_MAX_MS (7 * DAY_S * MS_PER_S)
#define CONNECT_MIN_MS 100L
#define CONNECT_MAX_MS (600 * MS_PER_S)
#define TIMEOUT_MIN_MS 100L
#define TIMEOUT_MAX_MS (3600 * MS_PER_S)
#define LOW_SPEED_BPS_MAX 1000000000L
#define LOW_SPEED_TIME_MAX_S 3600L
#define MAX_BYTES_MIN 1024L
#define RETRY_MIN_MS MS_PER_S
#define RETRY_MIN_MAX_MS (DAY_S * MS_PER_S)
#define RETRY_MAX_MAX_MS (7 * DAY_S * MS_PER_S)

static bool in(int64_t v, int64_t lo, int64_t hi)
{
    return v >= lo && v <= hi;
}

static bool nul_within(const char *s, size_t n)
{
    return memchr(s, '\0', n) != NULL;
}

static void check_feed(const config_feed *f)
{
    FUZZ_CHECK(nul_within(f->url, sizeof f->url));
    switch (f->url_kind) {
    case CONFIG_URL_BUNDLED: FUZZ_CHECK(f->url[0] == '\0'); break;
    case CONFIG_URL_HTTP:
        FUZZ_CHECK(strncmp(f->url, "http://", 7) == 0 || strncmp(f->url, "https://", 8) == 0);
        break;
    case CONFIG_URL_FILE: /* made absolute, and no other scheme slipped through */
        FUZZ_CHECK(f->url[0] == '/' && strstr(f->url, "://") == NULL);
        break;
    default: FUZZ_CHECK(!"unknown url kind");
    }
    FUZZ_CHECK(in(f->refresh_interval_ms, REFRESH_MIN_MS, REFRESH_MAX_MS));
    FUZZ_CHECK(in(f->connect_timeout_ms, CONNECT_MIN_MS, CONNECT_MAX_MS));
    FUZZ_CHECK(in(f->timeout_ms, TIMEOUT_MIN_MS, TIMEOUT_MAX_MS));
    FUZZ_CHECK(in(f->low_speed_limit_bps, 1, LOW_SPEED_BPS_MAX));
    FUZZ_CHECK(in(f->low_speed_time_s, 1, LOW_SPEED_TIME_MAX_S));
    FUZZ_CHECK(in(f->max_bytes, MAX_BYTES_MIN, (long)PARSE_MAX_BYTES));
    FUZZ_CHECK(in(f->retry_min_ms, RETRY_MIN_MS, RETRY_MIN_MAX_MS));
    FUZZ_CHECK(in(f->retry_max_ms, RETRY_MIN_MS, RETRY_MAX_MAX_MS));
    FUZZ_CHECK(f->retry_max_ms >= f->retry_min_ms);
}

static bool same_feed(const config_feed *a, const config_feed *b)
{
    return strcmp(a->url, b->url) == 0 && a->url_kind == b->url_kind &&
           a->refresh_interval_ms == b->refresh_interval_ms &&
           a->connect_timeout_ms == b->connect_timeout_ms && a->timeout_ms == b->timeout_ms &&
           a->low_speed_limit_bps == b->low_speed_limit_bps &&
           a->low_speed_time_s == b->low_speed_time_s && a->max_bytes == b->max_bytes &&
           a->retry_min_ms == b->retry_min_ms && a->retry_max_ms == b->retry_max_ms;
}

/* What --check-config prints parses back to the same configuration. */
static void check_round_trip(const config *c)
{
    char *json = config_to_json(c);
    FUZZ_CHECK(json != NULL);
    config back;
    config_defaults(&back);
    char err[CONFIG_ERR_LEN];
    config_status st = config_parse(json, strlen(json), "round trip", BASE_DIR, &back, err);
    if (st != CONFIG_OK)
        fprintf(stderr, "round trip rejected: %s\n%s\n", err, json);
    FUZZ_CHECK(st == CONFIG_OK);
    FUZZ_CHECK(strcmp(back.cache_dir, c->cache_dir) == 0);
    for (int i = 0; i < FEED_COUNT; i++)
        FUZZ_CHECK(same_feed(&back.feeds[i], &c->feeds[i]));
    FUZZ_CHECK(same_kiosk(&back.kiosk, &c->kiosk));
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    log_set_level(LOG_QUIET); /* unknown keys are warnings: not the point */
    /* An absolute default cache dir, whatever the environment, so that the
     * round trip compares like with like. */
    setenv("CACHE_DIRECTORY", "/var/cache/vitrine-fuzz", 1);
    config c;
    config_defaults(&c);
    char err[CONFIG_ERR_LEN];
    memset(err, 'x', sizeof err); /* an error must write its own terminator */
    config defaults;
    config_defaults(&defaults);
    config_status st = config_parse((const char *)data, size, ORIGIN, BASE_DIR, &c, err);
    FUZZ_CHECK(st == CONFIG_OK || st == CONFIG_INVALID);
    FUZZ_CHECK((st == CONFIG_OK) == (c.invalid == 0));
    if (st == CONFIG_INVALID) {
        FUZZ_CHECK(nul_within(err, sizeof err));
        FUZZ_CHECK(strncmp(err, ORIGIN ": ", strlen(ORIGIN) + 2) == 0);
        FUZZ_CHECK(strchr(err, '\n') == NULL);
        if (c.invalid & CONFIG_PART_KIOSK)
            FUZZ_CHECK(same_kiosk(&c.kiosk, &defaults.kiosk));
        if (c.invalid & CONFIG_PART_FEEDS) {
            FUZZ_CHECK(strcmp(c.cache_dir, defaults.cache_dir) == 0);
            for (int i = 0; i < FEED_COUNT; i++)
                FUZZ_CHECK(same_feed(&c.feeds[i], &defaults.feeds[i]));
        }
        c.invalid = 0; /* what is left is a configuration, too */
    }
    FUZZ_CHECK(nul_within(c.cache_dir, sizeof c.cache_dir) && c.cache_dir[0] == '/');
    for (int i = 0; i < FEED_COUNT; i++)
        check_feed(&c.feeds[i]);
    check_round_trip(&c);
    return 0;
}
