/* test_kioskconfig: defaults, every key, errors naming the key, files. */
#include <cjson/cJSON.h>

#include "test.h"
#include "vitrine/kioskconfig.h"

static kioskconfig_status parse(const char *json, kioskconfig *c, char *err)
{
    cJSON *root = cJSON_Parse(json);
    kioskconfig_status st = kioskconfig_parse(root, c, err);
    cJSON_Delete(root);
    return st;
}

static void test_defaults(void)
{
    kioskconfig c;
    char err[KIOSKCONFIG_ERR_LEN];
    CHECK_INT(kioskconfig_parse(NULL, &c, err), KIOSKCONFIG_OK);
    CHECK(!c.allow_quit);
    CHECK_INT(c.playlist.default_duration_ms, 12000);
    CHECK_INT(c.playlist.transition, PLAYLIST_TRANSITION_FADE);
    CHECK_INT(c.playlist.transition_ms, 400);
    CHECK(!c.schedule.enabled);
    CHECK_STR(c.display_off_cmd, "");
}

static void test_every_key(void)
{
    kioskconfig c;
    char err[KIOSKCONFIG_ERR_LEN];
    CHECK_INT(parse("{\"slide_duration_s\": 7.5, \"transition\": \"slide\", \"transition_ms\": 250,"
                    "\"resume_after_s\": 45, \"pause_timeout_s\": 600, \"allow_quit\": true,"
                    "\"playlist\": [\"b\", {\"slide\": \"a\", \"duration_s\": 20, "
                    "\"enabled\": false, \"colour\": 1}],"
                    "\"schedule\": {\"mon-fri\": \"08:00-20:00\", \"wed\": \"off\","
                    " \"sat\": [\"10:00-12:00\", \"14:00-24:00\"]},"
                    "\"wake_on_key_s\": 60, \"burn_in_shift_px\": 2, \"burn_in_period_s\": 30,"
                    "\"display_off_command\": \"vcgencmd display_power 0\","
                    "\"display_on_command\": \"vcgencmd display_power 1\", \"future\": 1}",
                    &c, err),
              KIOSKCONFIG_OK);
    CHECK_INT(c.playlist.default_duration_ms, 7500);
    CHECK_INT(c.playlist.transition, PLAYLIST_TRANSITION_SLIDE);
    CHECK_INT(c.playlist.transition_ms, 250);
    CHECK_INT(c.playlist.resume_after_ms, 45000);
    CHECK_INT(c.playlist.pause_timeout_ms, 600000);
    CHECK(c.allow_quit);
    CHECK_INT(c.playlist.n_entries, 2);
    CHECK_STR(c.playlist.entries[0].name, "b");
    CHECK(c.playlist.entries[0].enabled);
    CHECK_INT(c.playlist.entries[0].duration_ms, 0);
    CHECK_STR(c.playlist.entries[1].name, "a");
    CHECK(!c.playlist.entries[1].enabled);
    CHECK_INT(c.playlist.entries[1].duration_ms, 20000);
    CHECK(c.schedule.enabled);
    CHECK_INT(c.schedule.n_ranges[0], 1);
    CHECK_INT(c.schedule.ranges[4][0].start_min, 8 * 60);
    CHECK_INT(c.schedule.ranges[4][0].end_min, 20 * 60);
    CHECK_INT(c.schedule.n_ranges[2], 0); /* "wed": "off" overrides mon-fri */
    CHECK_INT(c.schedule.n_ranges[5], 2);
    CHECK_INT(c.schedule.ranges[5][1].end_min, 1440);
    CHECK_INT(c.schedule.n_ranges[6], 0);
    CHECK_INT(c.schedule.wake_ms, 60000);
    CHECK_INT(c.schedule.shift_px, 2);
    CHECK_INT(c.schedule.shift_period_ms, 30000);
    CHECK_STR(c.display_off_cmd, "vcgencmd display_power 0");
    CHECK_STR(c.display_on_cmd, "vcgencmd display_power 1");
}

static void expect_error(const char *json, const char *key)
{
    kioskconfig c;
    kioskconfig_defaults(&c);
    c.allow_quit = true; /* a marker: must survive a failed parse */
    char err[KIOSKCONFIG_ERR_LEN];
    CHECK_INT(parse(json, &c, err), KIOSKCONFIG_INVALID);
    CHECK(c.allow_quit);
    if (!strstr(err, key))
        fprintf(stderr, "error '%s' does not name '%s'\n", err, key);
    CHECK(strstr(err, key) != NULL);
}

static void test_errors_name_the_key(void)
{
    expect_error("{\"slide_duration_s\": 0}", "kiosk.slide_duration_s");
    expect_error("{\"slide_duration_s\": \"12\"}", "kiosk.slide_duration_s");
    expect_error("{\"transition\": \"wipe\"}", "kiosk.transition");
    expect_error("{\"transition_ms\": 1.5}", "kiosk.transition_ms");
    expect_error("{\"allow_quit\": 1}", "kiosk.allow_quit");
    expect_error("{\"playlist\": {}}", "kiosk.playlist");
    expect_error("{\"playlist\": [\"a\", 3]}", "kiosk.playlist[1]");
    expect_error("{\"playlist\": [{\"slide\": \"a\", \"duration_s\": -1}]}",
                 "kiosk.playlist[0].duration_s");
    expect_error("{\"playlist\": [{\"duration_s\": 3}]}", "kiosk.playlist[0].slide");
    expect_error("{\"schedule\": {\"mnday\": \"08:00-20:00\"}}", "kiosk.schedule.mnday");
    expect_error("{\"schedule\": {\"mon\": \"20:00-08:00\"}}", "kiosk.schedule.mon");
    expect_error("{\"schedule\": {\"mon\": \"8h-20h\"}}", "kiosk.schedule.mon");
    expect_error("{\"schedule\": {\"tue\": \"24:00-24:00\"}}", "kiosk.schedule.tue");
    expect_error("{\"schedule\": {}}", "kiosk.schedule");
    expect_error("{\"burn_in_shift_px\": 100}", "kiosk.burn_in_shift_px");
    expect_error("{\"display_off_command\": false}", "kiosk.display_off_command");
    expect_error("[]", "kiosk");
}

static void test_files(void)
{
    kioskconfig c;
    char err[KIOSKCONFIG_ERR_LEN];
    CHECK_INT(kioskconfig_load(FIXTURES "/kiosk-ok.json", &c, err), KIOSKCONFIG_OK);
    CHECK_INT(c.playlist.default_duration_ms, 2000);
    CHECK(c.allow_quit);
    CHECK_INT(kioskconfig_load(FIXTURES "/no-kiosk.json", &c, err), KIOSKCONFIG_OK);
    CHECK(!c.allow_quit); /* defaults */
    CHECK_INT(kioskconfig_load(FIXTURES "/kiosk-bad.json", &c, err), KIOSKCONFIG_INVALID);
    CHECK(strstr(err, "kiosk-bad.json") && strstr(err, "kiosk.transition"));
    CHECK_INT(kioskconfig_load(FIXTURES "/missing.json", &c, err), KIOSKCONFIG_INVALID);
    CHECK(strstr(err, "missing.json") != NULL);
    CHECK_INT(kioskconfig_load(FIXTURES "/broken.json", &c, err), KIOSKCONFIG_INVALID);
    CHECK(strstr(err, "broken.json: not a JSON object") != NULL);
}

int main(void)
{
    RUN(test_defaults);
    RUN(test_every_key);
    RUN(test_errors_name_the_key);
    RUN(test_files);
    return test_report();
}
