/* config: defaults, every key of both parts (feeds, kiosk), unknown keys
 * warn, bad keys fail naming the file and the key and leave their part at
 * the defaults, relative paths, search order, files, and the printed
 * configuration parses back. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_compare.h"
#include "test.h"
#include "vitrine/config.h"

static config_status parse(const char *json, config *c, char err[CONFIG_ERR_LEN])
{
    config_defaults(c);
    return config_parse(json, strlen(json), "t.json", "/base", c, err);
}

static void defaults_point_at_the_api_and_the_bundled_eig(void)
{
    setenv("XDG_CACHE_HOME", "/xdg/cache", 1);
    unsetenv("CACHE_DIRECTORY");
    config c;
    config_defaults(&c);
    CHECK_STR(c.cache_dir, "/xdg/cache/vitrine");
    CHECK_STR(c.feeds[FEED_STARTUPS].url, "https://beta.gouv.fr/api/v2.7/startups.json");
    CHECK_STR(c.feeds[FEED_INCUBATORS].url, "https://beta.gouv.fr/api/v2.7/incubators.json");
    CHECK_INT(c.feeds[FEED_DEFIS].url_kind, CONFIG_URL_BUNDLED);
    CHECK_STR(c.feeds[FEED_PERSONNES].url, "");
    CHECK_INT(c.feeds[FEED_AUTHORS].refresh_interval_ms, 900000);
    setenv("CACHE_DIRECTORY", "/var/cache/vitrine:/other", 1); /* systemd */
    config_defaults(&c);
    CHECK_STR(c.cache_dir, "/var/cache/vitrine");
    unsetenv("CACHE_DIRECTORY");
}

static void reads_every_key(void)
{
    config c;
    char err[CONFIG_ERR_LEN] = "";
    const char *json = "{\"cache_dir\": \"cache\", \"feeds\": {\"authors\": {"
                       "\"url\": \"http://127.0.0.1:8080/a.json\", \"refresh_interval_s\": 60,"
                       "\"connect_timeout_s\": 1.5, \"timeout_s\": 2, \"low_speed_limit_bps\": 10,"
                       "\"low_speed_time_s\": 3, \"max_bytes\": 2048, \"retry_min_s\": 5,"
                       "\"retry_max_s\": 50}, \"defis\": {\"url\": \"data/defis.json\"}}}";
    CHECK_INT(parse(json, &c, err), CONFIG_OK);
    CHECK_STR(c.cache_dir, "/base/cache");
    const config_feed *a = &c.feeds[FEED_AUTHORS];
    CHECK_INT(a->url_kind, CONFIG_URL_HTTP);
    CHECK_INT(a->refresh_interval_ms, 60000);
    CHECK_INT(a->connect_timeout_ms, 1500);
    CHECK_INT(a->timeout_ms, 2000);
    CHECK_INT(a->low_speed_limit_bps, 10);
    CHECK_INT(a->low_speed_time_s, 3);
    CHECK_INT(a->max_bytes, 2048);
    CHECK_INT(a->retry_min_ms, 5000);
    CHECK_INT(a->retry_max_ms, 50000);
    CHECK_INT(c.feeds[FEED_DEFIS].url_kind, CONFIG_URL_FILE);
    CHECK_STR(c.feeds[FEED_DEFIS].url, "/base/data/defis.json");
    CHECK_INT(c.feeds[FEED_STARTUPS].timeout_ms, 120000); /* untouched feed keeps defaults */
}

/* status_file and metrics_file: defaults from the environment, relative
 * paths, "" for none, a bad value naming the key and leaving the feeds'
 * part (where they belong) at its defaults, printed and read back. */
static void status_and_metrics_files(void)
{
    config c, back;
    char err[CONFIG_ERR_LEN] = "";
    setenv("RUNTIME_DIRECTORY", "/run/vitrine", 1);
    config_defaults(&c);
    CHECK_STR(c.status_file, "/run/vitrine/status.json");
    CHECK_STR(c.metrics_file, "");
    unsetenv("RUNTIME_DIRECTORY");
    setenv("XDG_RUNTIME_DIR", "/run/user/1000", 1);
    config_defaults(&c);
    CHECK_STR(c.status_file, "/run/user/1000/vitrine/status.json");
    unsetenv("XDG_RUNTIME_DIR");
    config_defaults(&c);
    CHECK_STR(c.status_file, ""); /* neither: no status file */
    CHECK_INT(parse("{\"status_file\": \"run/s.json\", \"metrics_file\": "
                    "\"/var/lib/prometheus/node-exporter/vitrine.prom\"}",
                    &c, err),
              CONFIG_OK);
    CHECK_STR(c.status_file, "/base/run/s.json");
    CHECK_STR(c.metrics_file, "/var/lib/prometheus/node-exporter/vitrine.prom");
    char *json = config_to_json(&c);
    CHECK(json && strstr(json, "\"metrics_file\":\t\"/var/lib/prometheus/") != NULL);
    CHECK_INT(parse(json ? json : "", &back, err), CONFIG_OK);
    free(json);
    CHECK_STR(back.status_file, c.status_file);
    CHECK_STR(back.metrics_file, c.metrics_file);
    CHECK_INT(parse("{\"status_file\": \"\"}", &c, err), CONFIG_OK);
    CHECK_STR(c.status_file, "");
    CHECK_INT(parse("{\"cache_dir\": \"/c\", \"metrics_file\": 3, \"kiosk\": "
                    "{\"allow_quit\": true}}",
                    &c, err),
              CONFIG_INVALID);
    CHECK(strstr(err, "t.json: metrics_file: expected a file path") != NULL);
    CHECK_INT(c.invalid, CONFIG_PART_FEEDS);
    CHECK(strcmp(c.cache_dir, "/c") != 0 && c.kiosk.allow_quit);
    CHECK_INT(parse("{\"status_file\": null}", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "status_file") != NULL);
}

static void unknown_keys_only_warn(void)
{
    config c;
    char err[CONFIG_ERR_LEN] = "";
    CHECK_INT(
        parse("{\"colour\": 1, \"feeds\": {\"nope\": {}, \"startups\": {\"refesh\": 3}}}", &c, err),
        CONFIG_OK);
    CHECK_STR(err, "");
}

static void bad_keys_fail_naming_the_key(void)
{
    static const struct {
        const char *json, *key;
    } cases[] = {
        {"{\"feeds\": {\"authors\": {\"timeout_s\": \"soon\"}}}", "feeds.authors.timeout_s"},
        {"{\"feeds\": {\"authors\": {\"timeout_s\": 0}}}", "feeds.authors.timeout_s"},
        {"{\"feeds\": {\"startups\": {\"max_bytes\": 1e12}}}", "feeds.startups.max_bytes"},
        {"{\"feeds\": {\"startups\": {\"url\": \"ftp://x/y.json\"}}}", "feeds.startups.url"},
        {"{\"feeds\": {\"startups\": {\"url\": 3}}}", "feeds.startups.url"},
        {"{\"feeds\": {\"defis\": []}}", "feeds.defis"},
        {"{\"feeds\": []}", "feeds"},
        {"{\"cache_dir\": \"\"}", "cache_dir"},
        {"{\"feeds\": {\"defis\": {\"retry_min_s\": 60, \"retry_max_s\": 10}}}",
         "feeds.defis.retry_max_s"},
        {"[]", "top level"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        config c;
        char err[CONFIG_ERR_LEN] = "";
        CHECK_INT(parse(cases[i].json, &c, err), CONFIG_INVALID);
        CHECK(strstr(err, cases[i].key) != NULL);
        CHECK(strncmp(err, "t.json: ", 8) == 0);
    }
    config c;
    char err[CONFIG_ERR_LEN] = "";
    CHECK_INT(parse("{\"feeds\": ", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "not valid JSON") != NULL);
    /* What follows the object is no part of it: refused, named (cJSON alone
     * stops after the object and reads the rest as nothing). */
    CHECK_INT(parse("{\"kiosk\": {}}\n{\"kiosk\": {\"slide_duration_s\": 3}}\n", &c, err),
              CONFIG_INVALID);
    CHECK_STR(err, "t.json: trailing content after the JSON object, at byte 14");
    CHECK_INT(parse("{\"kiosk\": {}}\n\t \r\n", &c, err), CONFIG_OK);
}

static void kiosk_defaults(void)
{
    config c;
    config_defaults(&c);
    CHECK(!c.kiosk.allow_quit);
    CHECK_INT(c.kiosk.playlist.default_duration_ms, 12000);
    CHECK_INT(c.kiosk.playlist.transition, PLAYLIST_TRANSITION_FADE);
    CHECK_INT(c.kiosk.playlist.transition_ms, 400);
    CHECK_INT(c.kiosk.playlist.resume_after_ms, 30000);
    CHECK(!c.kiosk.schedule.enabled);
    CHECK_INT(c.kiosk.schedule.shift_px, 4);
    CHECK_STR(c.kiosk.display_off_cmd, "");
    CHECK_INT(c.kiosk.poster_max_pixels, 3840 * 2160);
    CHECK_INT(c.kiosk.posters_max_bytes, 64 << 20);
}

static const char EVERY_KIOSK_KEY[] =
    "{\"kiosk\": {\"slide_duration_s\": 7.5, \"transition\": \"slide\", \"transition_ms\": 250,"
    "\"resume_after_s\": 45, \"pause_timeout_s\": 600, \"allow_quit\": true,"
    "\"playlist\": [\"b\", {\"slide\": \"a\", \"duration_s\": 20, \"enabled\": false, \"colour\": "
    "1}],"
    "\"schedule\": {\"mon-fri\": \"08:00-20:00\", \"wed\": \"off\","
    " \"sat\": [\"10:00-12:00\", \"14:00-24:00\"]},"
    "\"wake_on_key_s\": 60, \"burn_in_shift_px\": 2, \"burn_in_period_s\": 30,"
    "\"display_off_command\": \"vcgencmd display_power 0\","
    "\"display_on_command\": \"vcgencmd display_power 1\", \"poster_max_pixels\": 16000000,"
    "\"posters_max_bytes\": 134217728, \"future\": 1}}";

static void reads_every_kiosk_key(void)
{
    config cfg;
    char err[CONFIG_ERR_LEN] = "";
    CHECK_INT(parse(EVERY_KIOSK_KEY, &cfg, err), CONFIG_OK);
    const config_kiosk *c = &cfg.kiosk;
    CHECK_INT(c->playlist.default_duration_ms, 7500);
    CHECK_INT(c->playlist.transition, PLAYLIST_TRANSITION_SLIDE);
    CHECK_INT(c->playlist.transition_ms, 250);
    CHECK_INT(c->playlist.resume_after_ms, 45000);
    CHECK_INT(c->playlist.pause_timeout_ms, 600000);
    CHECK(c->allow_quit);
    CHECK_INT(c->playlist.n_entries, 2);
    CHECK_STR(c->playlist.entries[0].name, "b");
    CHECK(c->playlist.entries[0].enabled);
    CHECK_INT(c->playlist.entries[0].duration_ms, 0);
    CHECK_STR(c->playlist.entries[1].name, "a");
    CHECK(!c->playlist.entries[1].enabled);
    CHECK_INT(c->playlist.entries[1].duration_ms, 20000);
    CHECK(c->schedule.enabled);
    CHECK_INT(c->schedule.n_ranges[0], 1);
    CHECK_INT(c->schedule.ranges[4][0].start_min, 8 * 60);
    CHECK_INT(c->schedule.ranges[4][0].end_min, 20 * 60);
    CHECK_INT(c->schedule.n_ranges[2], 0); /* "wed": "off" overrides mon-fri */
    CHECK_INT(c->schedule.n_ranges[5], 2);
    CHECK_INT(c->schedule.ranges[5][1].end_min, 1440);
    CHECK_INT(c->schedule.n_ranges[6], 0);
    CHECK_INT(c->schedule.wake_ms, 60000);
    CHECK_INT(c->schedule.shift_px, 2);
    CHECK_INT(c->schedule.shift_period_ms, 30000);
    CHECK_STR(c->display_off_cmd, "vcgencmd display_power 0");
    CHECK_STR(c->display_on_cmd, "vcgencmd display_power 1");
    CHECK_INT(c->poster_max_pixels, 16000000);
    CHECK_INT(c->posters_max_bytes, 134217728);
}

/* A bad kiosk key: the file is invalid, the error names the file and the
 * key, the kiosk part is what it was before, the feeds' part is read. */
static void expect_kiosk_error(const char *kiosk, const char *key)
{
    char json[512];
    snprintf(json, sizeof json, "{\"cache_dir\": \"/kept\", \"kiosk\": %s}", kiosk);
    config c;
    char err[CONFIG_ERR_LEN] = "";
    config_defaults(&c);
    c.kiosk.allow_quit = true; /* a marker: must survive a failed parse */
    CHECK_INT(config_parse(json, strlen(json), "t.json", "/base", &c, err), CONFIG_INVALID);
    CHECK(c.kiosk.allow_quit);
    CHECK_INT(c.invalid, CONFIG_PART_KIOSK);
    CHECK_STR(c.cache_dir, "/kept");
    if (!strstr(err, key) || strncmp(err, "t.json: ", 8) != 0)
        fprintf(stderr, "error '%s' does not name 't.json' and '%s'\n", err, key);
    CHECK(strstr(err, key) != NULL && strncmp(err, "t.json: ", 8) == 0);
}

static void bad_kiosk_keys_fail_naming_the_key(void)
{
    expect_kiosk_error("{\"slide_duration_s\": 0}", "kiosk.slide_duration_s");
    expect_kiosk_error("{\"slide_duration_s\": \"12\"}", "kiosk.slide_duration_s");
    expect_kiosk_error("{\"transition\": \"wipe\"}", "kiosk.transition");
    expect_kiosk_error("{\"transition_ms\": 1.5}", "kiosk.transition_ms");
    expect_kiosk_error("{\"allow_quit\": 1}", "kiosk.allow_quit");
    expect_kiosk_error("{\"playlist\": {}}", "kiosk.playlist");
    expect_kiosk_error("{\"playlist\": [\"a\", 3]}", "kiosk.playlist[1]");
    expect_kiosk_error("{\"playlist\": [{\"slide\": \"a\", \"duration_s\": -1}]}",
                       "kiosk.playlist[0].duration_s");
    expect_kiosk_error("{\"playlist\": [{\"duration_s\": 3}]}", "kiosk.playlist[0].slide");
    expect_kiosk_error("{\"schedule\": {\"mnday\": \"08:00-20:00\"}}", "kiosk.schedule.mnday");
    expect_kiosk_error("{\"schedule\": {\"mon\": \"20:00-08:00\"}}", "kiosk.schedule.mon");
    expect_kiosk_error("{\"schedule\": {\"mon\": \"8h-20h\"}}", "kiosk.schedule.mon");
    expect_kiosk_error("{\"schedule\": {\"tue\": \"24:00-24:00\"}}", "kiosk.schedule.tue");
    expect_kiosk_error("{\"schedule\": {}}", "kiosk.schedule");
    expect_kiosk_error("{\"burn_in_shift_px\": 100}", "kiosk.burn_in_shift_px");
    expect_kiosk_error("{\"display_off_command\": false}", "kiosk.display_off_command");
    expect_kiosk_error("{\"poster_max_pixels\": 50000000}", "kiosk.poster_max_pixels");
    expect_kiosk_error("{\"poster_max_pixels\": 850000.5}", "kiosk.poster_max_pixels: expected a "
                                                            "whole number from 100000 to 40000000");
    expect_kiosk_error("{\"posters_max_bytes\": 0}", "kiosk.posters_max_bytes");
    expect_kiosk_error("[]", "kiosk");
}

/* A bad feeds key: the feeds' part goes back to the defaults, the kiosk
 * part is read; the first error is the one reported. */
static void a_bad_part_leaves_the_other(void)
{
    config c;
    char err[CONFIG_ERR_LEN] = "";
    CHECK_INT(parse("{\"cache_dir\": \"/c\", \"feeds\": {\"authors\": {\"timeout_s\": 0}},"
                    " \"kiosk\": {\"allow_quit\": true}}",
                    &c, err),
              CONFIG_INVALID);
    CHECK_INT(c.invalid, CONFIG_PART_FEEDS);
    CHECK(strcmp(c.cache_dir, "/c") != 0); /* the whole part, cache_dir too */
    CHECK_INT(c.feeds[FEED_AUTHORS].timeout_ms, 120000);
    CHECK(c.kiosk.allow_quit);
    CHECK(strstr(err, "feeds.authors.timeout_s") != NULL);
    CHECK_INT(parse("{\"kiosk\": {\"transition\": 1}, \"feeds\": []}", &c, err), CONFIG_INVALID);
    CHECK_INT(c.invalid, CONFIG_PART_FEEDS | CONFIG_PART_KIOSK);
    /* Both named, the first one first. */
    CHECK(strstr(err, "kiosk.transition") != NULL && strstr(err, "; feeds") != NULL);
    /* A part is bad as a whole: a second "kiosk" key does not bring back
     * what the first one's bad key took away. */
    CHECK_INT(
        parse("{\"kiosk\": {\"transition\": \"x\"}, \"kiosk\": {\"allow_quit\": true}}", &c, err),
        CONFIG_INVALID);
    CHECK_INT(c.invalid, CONFIG_PART_KIOSK);
    CHECK(!c.kiosk.allow_quit);
    CHECK_INT(parse("{\"kiosk\": {\"allow_quit\": true}, \"kiosk\": {\"transition\": 2}}", &c, err),
              CONFIG_INVALID);
    CHECK(!c.kiosk.allow_quit);
}

static void kiosk_files(void)
{
    config c;
    char err[CONFIG_ERR_LEN] = "";
    CHECK_INT(config_load(FIXTURES "/kiosk-ok.json", &c, err), CONFIG_OK);
    CHECK_INT(c.kiosk.playlist.default_duration_ms, 2000);
    CHECK(c.kiosk.allow_quit);
    CHECK_INT(config_load(FIXTURES "/no-kiosk.json", &c, err), CONFIG_OK);
    CHECK(!c.kiosk.allow_quit); /* defaults */
    CHECK_INT(config_load(FIXTURES "/kiosk-bad.json", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "kiosk-bad.json") && strstr(err, "kiosk.transition"));
    CHECK_STR(c.source, FIXTURES "/kiosk-bad.json"); /* read again on SIGHUP */
    CHECK_INT(config_load(FIXTURES "/missing.json", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "missing.json") != NULL);
    CHECK_INT(c.invalid, CONFIG_PART_FEEDS | CONFIG_PART_KIOSK);
    CHECK_INT(config_load(FIXTURES "/broken.json", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "broken.json: not valid JSON") != NULL);
}

/* focus_incubator: an id (the kiosk part: a bad one keeps the feeds');
 * whether the data knows it is --check-config's (tests/cli/test_focus.py). */
static void focus_incubator_key(void)
{
    config c;
    char err[CONFIG_ERR_LEN] = "", long_id[CONFIG_ID_LEN + 40];
    CHECK_INT(parse("{\"focus_incubator\": \"dinum\"}", &c, err), CONFIG_OK);
    CHECK_STR(c.kiosk.focus_incubator, "dinum");
    CHECK_INT(parse("{\"focus_incubator\": \"\"}", &c, err), CONFIG_OK);
    CHECK_STR(c.kiosk.focus_incubator, "");
    snprintf(long_id, sizeof long_id, "{\"focus_incubator\": \"%0*d\"}", CONFIG_ID_LEN, 7);
    const char *bad[] = {"{\"focus_incubator\": 3}", "{\"focus_incubator\": \"a b\"}",
                         "{\"focus_incubator\": null}", long_id};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(parse(bad[i], &c, err), CONFIG_INVALID);
        CHECK(strstr(err, "t.json: focus_incubator: ") == err);
        CHECK(c.invalid == CONFIG_PART_KIOSK);
    }
    char *json = NULL;
    CHECK_INT(parse("{\"focus_incubator\": \"anct\"}", &c, err), CONFIG_OK);
    json = config_to_json(&c);
    CHECK(json && strstr(json, "\"focus_incubator\":\t\"anct\"") != NULL);
    free(json);
}

static void printed_config_parses_back(void)
{
    config c, back;
    char err[CONFIG_ERR_LEN] = "";
    CHECK_INT(parse("{\"feeds\": {\"authors\": {\"connect_timeout_s\": 0.25}}}", &c, err),
              CONFIG_OK);
    char *json = config_to_json(&c);
    CHECK(json != NULL);
    CHECK_INT(parse(json, &back, err), CONFIG_OK);
    free(json);
    CHECK(memcmp(back.feeds, c.feeds, sizeof c.feeds) == 0);
    CHECK_STR(back.cache_dir, c.cache_dir);
    /* Every kiosk key, too. */
    CHECK_INT(parse(EVERY_KIOSK_KEY, &c, err), CONFIG_OK);
    json = config_to_json(&c);
    CHECK(json != NULL && strstr(json, "\"schedule\"") != NULL);
    CHECK_INT(parse(json, &back, err), CONFIG_OK);
    free(json);
    CHECK(same_kiosk(&back.kiosk, &c.kiosk));
    CHECK(back.kiosk.schedule.enabled && back.kiosk.playlist.n_entries == 2);
}

static void search_order_and_explicit_file(void)
{
    char dir[] = "/tmp/vitrine-config-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char xdg[256], path[300];
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    config c;
    char err[CONFIG_ERR_LEN] = "";
    char old_cwd[1024];
    CHECK(getcwd(old_cwd, sizeof old_cwd) != NULL);
    CHECK(chdir(dir) == 0);
    CHECK_INT(config_load(NULL, &c, err), CONFIG_OK); /* nothing found: defaults */
    CHECK_STR(c.source, "");
    snprintf(path, sizeof path, "%s/vitrine", xdg);
    CHECK(mkdir(xdg, 0700) == 0 && mkdir(path, 0700) == 0);
    snprintf(path, sizeof path, "%s/vitrine/vitrine.json", xdg);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    fputs("{\"cache_dir\": \"c\"}", f);
    fclose(f);
    CHECK_INT(config_load(NULL, &c, err), CONFIG_OK);
    CHECK_STR(c.source, path);
    char want[400];
    snprintf(want, sizeof want, "%s/vitrine/c", xdg);
    CHECK_STR(c.cache_dir, want);
    f = fopen("vitrine.json", "w"); /* ./vitrine.json comes first */
    fputs("{\"cache_dir\": \"/here\"}", f);
    fclose(f);
    CHECK_INT(config_load(NULL, &c, err), CONFIG_OK);
    CHECK_STR(c.cache_dir, "/here");
    CHECK_INT(config_load("missing.json", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "missing.json") != NULL);
    unlink("vitrine.json");
    unlink(path);
    snprintf(path, sizeof path, "%s/vitrine", xdg);
    rmdir(path);
    rmdir(xdg);
    CHECK(chdir(old_cwd) == 0);
    rmdir(dir);
}

int main(void)
{
    RUN(defaults_point_at_the_api_and_the_bundled_eig);
    RUN(reads_every_key);
    RUN(status_and_metrics_files);
    RUN(unknown_keys_only_warn);
    RUN(bad_keys_fail_naming_the_key);
    RUN(kiosk_defaults);
    RUN(reads_every_kiosk_key);
    RUN(bad_kiosk_keys_fail_naming_the_key);
    RUN(a_bad_part_leaves_the_other);
    RUN(kiosk_files);
    RUN(focus_incubator_key);
    RUN(printed_config_parses_back);
    RUN(search_order_and_explicit_file);
    return test_report();
}
