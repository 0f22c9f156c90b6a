/* fuzz_feed: one feed parser (FUZZ_FEED, set by the build: FEED_STARTUPS,
 * FEED_AUTHORS...) on arbitrary bytes, then the statistics of the result.
 * The model first holds a small valid baseline (products with incubators,
 * members with coaching missions) so that the fuzzed feed meets data of the
 * other feeds, as it does in the kiosk. The input is parsed twice into the
 * same model, as a refresh does: the second parse must replace the first,
 * not add to it. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "vitrine/parse.h"

#ifndef FUZZ_FEED
#error "FUZZ_FEED must name the feed under test (e.g. -DFUZZ_FEED=FEED_STARTUPS)"
#endif

static const char BASELINE_STARTUPS[] =
    "{\"data\":[{\"id\":\"alpha\",\"attributes\":{\"name\":\"Alpha\",\"phases\":["
    "{\"name\":\"investigation\",\"start\":\"2019-01-10\"},"
    "{\"name\":\"construction\",\"start\":\"2019-06-01\"}],"
    "\"events\":[{\"name\":\"fast\",\"date\":\"2020-02-01\"}]},"
    "\"relationships\":{\"incubator\":{\"data\":{\"id\":\"dinum\"}}}},"
    "{\"id\":\"beta\",\"attributes\":{\"name\":\"Beta\",\"repository\":\"https://x\","
    "\"phases\":[{\"name\":\"acceleration\",\"start\":\"2021-03-01\"}]},"
    "\"relationships\":{\"incubators\":{\"data\":[{\"id\":\"dinum\"},{\"id\":\"anct\"}]}}}],"
    "\"included\":[{\"id\":\"dinum\",\"type\":\"incubator\",\"attributes\":{\"title\":\"DINUM\"}}]"
    "}";

static const char BASELINE_AUTHORS[] =
    "[{\"id\":\"ada.l\",\"fullname\":\"Ada L\",\"domaine\":\"Coaching\",\"startups\":[\"beta\"],"
    "\"missions\":[{\"start\":\"2020-01-01\",\"status\":\"independent\",\"employer\":\"Numa\","
    "\"startups\":[\"alpha\"]}]},"
    "{\"id\":\"bob.m\",\"domaine\":\"D&eacute;veloppement\",\"missions\":["
    "{\"start\":\"2018-05-01\",\"end\":\"2022-01-01\",\"status\":\"admin\"}]}]";

static void load_baseline(model *m, feed_id feed, const char *json)
{
    parse_result res;
    FUZZ_CHECK(parse_feed(m, feed, json, strlen(json), &res) == PARSE_OK);
    FUZZ_CHECK(res.records == 2 && res.skipped == 0);
}

/* Record count the model holds for the feed under test. */
static size_t held(const model *m)
{
    switch (FUZZ_FEED) {
    case FEED_STARTUPS: return m->n_products;
    case FEED_AUTHORS: return m->n_members;
    case FEED_INCUBATORS: return m->n_incubator_feed;
    case FEED_DEFIS: return m->n_defis;
    case FEED_PERSONNES: return m->n_persons;
    case FEED_ANNOUNCEMENTS: return m->announcements ? m->announcements->n : 0;
    default: return 0;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool arenas; /* as the program parses: trees in arenas */
    if (!arenas) {
        parse_use_arenas();
        arenas = true;
    }
    const char *buf = (const char *)data;
    model *m = model_new();
    FUZZ_CHECK(m != NULL);
    if (FUZZ_FEED != FEED_STARTUPS)
        load_baseline(m, FEED_STARTUPS, BASELINE_STARTUPS);
    if (FUZZ_FEED != FEED_AUTHORS)
        load_baseline(m, FEED_AUTHORS, BASELINE_AUTHORS);

    parse_result first, again, check;
    parse_status st = parse_feed(m, FUZZ_FEED, buf, size, &first);
    FUZZ_CHECK(st == PARSE_OK || st == PARSE_REJECTED);
    FUZZ_CHECK(memchr(first.error, '\0', sizeof first.error) != NULL);
    FUZZ_CHECK(st == PARSE_OK || first.error[0] != '\0'); /* a rejection says why */
    if (st == PARSE_OK) {
        FUZZ_CHECK(held(m) == first.records);
        FUZZ_CHECK(parse_feed(m, FUZZ_FEED, buf, size, &again) == PARSE_OK);
        FUZZ_CHECK(again.records == first.records && again.skipped == first.skipped);
        FUZZ_CHECK(held(m) == first.records);
    }
    /* The fetcher's gate agrees with the parser: it takes what parses with
     * records, most of them holding what the figures need. */
    parse_status vst = parse_validate(FUZZ_FEED, buf, size, &check);
    bool some = first.records > 0 || (FUZZ_FEED == FEED_ANNOUNCEMENTS && first.skipped == 0);
    bool usable = st == PARSE_OK && some && check.incomplete <= first.records / 2;
    FUZZ_CHECK(vst == (usable ? PARSE_OK : PARSE_REJECTED));

    fuzz_check_stats(m);
    model_free(m);
    return 0;
}
