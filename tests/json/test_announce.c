/* announce and announcejson: windows in local civil minutes, the two
 * sources (the configuration's "announcements", the announcements feed),
 * a bad entry skipped with its index and key, the others kept, and the
 * configuration printed back as it parses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "vitrine/announce.h"
#include "vitrine/config.h"
#include "vitrine/parse.h"

static announce_time at(const char *iso)
{
    announce_time t = 0;
    bool has_time;
    CHECK(announce_parse_time(iso, false, &t, &has_time));
    return t;
}

static void times_parse_as_local_minutes(void)
{
    announce_time t;
    bool has_time;
    CHECK(announce_parse_time("2026-12-07", false, &t, &has_time));
    CHECK(!has_time);
    CHECK_INT(t, announce_time_at(date_from_ymd(2026, 12, 7), 0));
    CHECK(announce_parse_time("2026-12-07", true, &t, &has_time)); /* the end of that day */
    CHECK_INT(t, announce_time_at(date_from_ymd(2026, 12, 8), 0));
    CHECK(announce_parse_time("2026-12-07T18:30", true, &t, &has_time) && has_time);
    CHECK_INT(announce_minute_of_day(t), 18 * 60 + 30);
    CHECK(announce_parse_time("2026-12-07 09:05:59", false, &t, &has_time));
    CHECK_INT(announce_minute_of_day(t), 9 * 60 + 5);
    const char *bad[] = {"",
                         "2026-12",
                         "2026-13-01",
                         "2026-02-30",
                         "07/12/2026",
                         "2026-12-07T24:00",
                         "2026-12-07T18:60",
                         "2026-12-07T18:00Z",
                         "2026-12-07T1800",
                         "2026-12-07T18:0a",
                         "2026-12-07X18:00",
                         "20261207"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!announce_parse_time(bad[i], false, &t, &has_time));
    CHECK_INT(announce_day(announce_time_at(-1, 5)), -1); /* before 1970: floored */
    char out[ANNOUNCE_TIME_LEN];
    announce_format_time(at("2026-12-08"), true, false, out);
    CHECK_STR(out, "2026-12-07");
    announce_format_time(at("2026-12-07T08:05"), false, true, out);
    CHECK_STR(out, "2026-12-07T08:05");
}

static void windows_and_edges(void)
{
    announce_list l = {.n = 2};
    l.items[0] = (announce){.from = at("2026-12-07T09:00"), .to = at("2026-12-07T18:00")};
    l.items[1] = (announce){.from = at("2026-12-08"), .to = at("2026-12-10")};
    CHECK(!announce_active(&l.items[0], at("2026-12-07T08:59")));
    CHECK(announce_active(&l.items[0], at("2026-12-07T09:00")));
    CHECK(announce_active(&l.items[0], at("2026-12-07T17:59")));
    CHECK(!announce_active(&l.items[0], at("2026-12-07T18:00"))); /* [from, to) */
    CHECK_INT(announce_next_edge(&l, at("2026-12-07T08:00")), at("2026-12-07T09:00"));
    CHECK_INT(announce_next_edge(&l, at("2026-12-07T09:00")), at("2026-12-07T18:00"));
    CHECK_INT(announce_next_edge(&l, at("2026-12-07T18:00")), at("2026-12-08"));
    CHECK(announce_next_edge(&l, at("2026-12-11")) == INT64_MAX);
    CHECK_INT(announce_last_day(&l.items[1]), date_from_ymd(2026, 12, 9));
}

static void urls_are_web_addresses_only(void)
{
    CHECK(announce_url_ok("https://beta.gouv.fr/evenements"));
    CHECK(announce_url_ok("HTTP://example.org"));
    const char *bad[] = {"file:///etc/passwd",  "/etc/passwd", "https://",     "https:///x",
                         "javascript:alert(1)", "https://a b", "https://a\nb", "ftp://x.org"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!announce_url_ok(bad[i]));
}

#define GOOD(t)                                                                                    \
    "{\"title\":\"" t "\",\"text\":\"Bienvenue\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\"}"

static config_status parse_config(const char *json, config *c, char err[CONFIG_ERR_LEN])
{
    config_defaults(c);
    return config_parse(json, strlen(json), "vitrine.json", "/etc/vitrine", c, err);
}

static void configuration_skips_a_bad_entry_and_names_it(void)
{
    static config c;
    char err[CONFIG_ERR_LEN] = "";
    const char *json = "{\"announcements\":[" GOOD(
        "A") ","
             "{\"title\":\"B\",\"text\":\"x\",\"from\":\"2026-12-07\",\"to\":\"demain\"}," GOOD(
                 "C") "],\"posters_dir\":\"affiches\"}";
    CHECK_INT(parse_config(json, &c, err), CONFIG_OK);
    CHECK_INT(c.kiosk.announcements.n, 2);
    CHECK_STR(c.kiosk.announcements.items[0].title, "A");
    CHECK_STR(c.kiosk.announcements.items[1].title, "C");
    CHECK_INT(c.kiosk.announcements_bad, 1);
    CHECK(strstr(c.kiosk.announcements_error, "vitrine.json: announcements[1].to: expected") ==
          c.kiosk.announcements_error);
    CHECK_STR(c.kiosk.posters_dir, "/etc/vitrine/affiches");
    struct {
        const char *entry, *key;
    } faults[] = {
        {"[1]", "announcements[0]: expected an object"},
        {"[{\"text\":\"x\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\"}]",
         "announcements[0].title"},
        {"[{\"title\":\" \",\"text\":\"x\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\"}]",
         "announcements[0].title: expected a non-empty"},
        {"[{\"title\":\"T\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\"}]",
         "announcements[0].text"},
        {"[{\"title\":\"T\",\"text\":\"x\",\"to\":\"2026-12-08\"}]",
         "announcements[0].from: missing"},
        {"[{\"title\":\"T\",\"text\":\"x\",\"from\":\"2026-12-09\",\"to\":\"2026-12-08\"}]",
         "announcements[0].to: the window ends before"},
        {"[{\"title\":\"T\",\"text\":\"x\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\","
         "\"url\":\"file:///etc/passwd\"}]",
         "announcements[0].url"},
        {"[{\"title\":\"T\",\"text\":\"x\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\","
         "\"duration_s\":0}]",
         "announcements[0].duration_s"},
        /* A NUL: the title would end there, without a word. */
        {"[{\"title\":\"Ferm\\u00e9\\u0000 demain\",\"text\":\"x\",\"from\":\"2026-12-07\","
         "\"to\":\"2026-12-08\"}]",
         "announcements[0].title: holds a NUL character (\\u0000)"},
        {"[{\"title\":\"T\",\"text\":\"\\u0000\",\"from\":\"2026-12-07\",\"to\":\"2026-12-08\"}]",
         "announcements[0].text: holds a NUL character (\\u0000)"},
    };
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
        char doc[512];
        snprintf(doc, sizeof doc, "{\"announcements\":%s}", faults[i].entry);
        CHECK_INT(parse_config(doc, &c, err), CONFIG_OK); /* skipped, the file stays good */
        CHECK_INT(c.kiosk.announcements.n, 0);
        CHECK_INT(c.kiosk.announcements_bad, 1);
        if (!strstr(c.kiosk.announcements_error, faults[i].key))
            fprintf(stderr, "  fault %zu: %s\n", i, c.kiosk.announcements_error);
        CHECK(strstr(c.kiosk.announcements_error, faults[i].key) != NULL);
    }
    /* Not an array: the kiosk's part is bad, as with any bad kiosk key. */
    CHECK_INT(parse_config("{\"announcements\":{}}", &c, err), CONFIG_INVALID);
    CHECK(strstr(err, "vitrine.json: announcements: expected an array") != NULL);
    CHECK(c.invalid & CONFIG_PART_KIOSK);
}

static void configuration_prints_back_what_it_read(void)
{
    static config c, again;
    char err[CONFIG_ERR_LEN] = "";
    const char *json =
        "{\"announcements\":[{\"title\":\"Demo day\",\"text\":\"Salle "
        "1\",\"from\":\"2026-12-07T09:00\","
        "\"to\":\"2026-12-09\",\"url\":\"https://beta.gouv.fr/\",\"duration_s\":20}]}";
    CHECK_INT(parse_config(json, &c, err), CONFIG_OK);
    char *out = config_to_json(&c);
    CHECK(out != NULL);
    CHECK(out && strstr(out, "\"to\":\t\"2026-12-09\"") != NULL);
    CHECK_INT(parse_config(out ? out : "{}", &again, err), CONFIG_OK);
    CHECK_INT(again.kiosk.announcements.n, 1);
    const announce *a = &c.kiosk.announcements.items[0], *b = &again.kiosk.announcements.items[0];
    CHECK(a->from == b->from && a->to == b->to && a->duration_ms == b->duration_ms &&
          a->duration_ms == 20000 && a->from_has_time == b->from_has_time &&
          a->to_has_time == b->to_has_time);
    CHECK_STR(b->url, "https://beta.gouv.fr/");
    free(out);
}

static parse_status parse_body(const char *body, model *m, parse_result *res)
{
    return parse_feed(m, FEED_ANNOUNCEMENTS, body, strlen(body), res);
}

static void the_feed_is_validated_like_every_feed(void)
{
    model *m = model_new();
    parse_result res;
    CHECK_INT(parse_body("[" GOOD("A") ",{\"title\":\"B\"}," GOOD("C") "]", m, &res), PARSE_OK);
    CHECK(m->announcements && m->announcements->n == 2);
    CHECK_INT(res.records, 2);
    CHECK_INT(res.skipped, 1);
    CHECK(strstr(res.error, "announcements[1].from: missing") != NULL);
    /* No announcement today is a good body; one whose every entry is bad,
     * or not an array, is refused (the last good copy stays). */
    CHECK_INT(parse_validate(FEED_ANNOUNCEMENTS, "[]", 2, &res), PARSE_OK);
    CHECK_INT(parse_validate(FEED_ANNOUNCEMENTS, "[{}]", 4, &res), PARSE_REJECTED);
    CHECK_INT(parse_validate(FEED_ANNOUNCEMENTS, "{\"a\":1}", 7, &res), PARSE_REJECTED);
    CHECK(strstr(res.error, "expected an array") != NULL);
    CHECK_INT(parse_validate(FEED_ANNOUNCEMENTS, "[", 1, &res), PARSE_REJECTED);
    /* A NUL in a title or a text: that entry refused, named; an escaped
     * backslash before "u0000" is text, kept as written. */
    CHECK_INT(
        parse_body("[" GOOD("A") ",{\"title\":\"B\",\"text\":\"Le 5e\\u0000 \\u00e9tage\","
                                 "\"from\":\"2026-12-07\",\"to\":\"2026-12-08\"},"
                                 "{\"title\":\"C \\\\u0000\",\"text\":\"\",\"from\":\"2026-12-07\","
                                 "\"to\":\"2026-12-08\"}]",
                   m, &res),
        PARSE_OK);
    CHECK_INT(res.records, 2);
    CHECK_INT(res.skipped, 1);
    CHECK(strstr(res.error, "announcements[1].text: holds a NUL character (\\u0000)") != NULL);
    CHECK(m->announcements && m->announcements->n == 2);
    CHECK_STR(m->announcements->items[1].title, "C \\u0000");
    model_free(m);
}

int main(void)
{
    RUN(times_parse_as_local_minutes);
    RUN(windows_and_edges);
    RUN(urls_are_web_addresses_only);
    RUN(configuration_skips_a_bad_entry_and_names_it);
    RUN(configuration_prints_back_what_it_read);
    RUN(the_feed_is_validated_like_every_feed);
    return test_report();
}
