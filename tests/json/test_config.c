/* config: defaults, every key, unknown keys warn, bad keys fail naming the
 * key, relative paths, search order, and the printed config parses back. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    RUN(unknown_keys_only_warn);
    RUN(bad_keys_fail_naming_the_key);
    RUN(printed_config_parses_back);
    RUN(search_order_and_explicit_file);
    return test_report();
}
