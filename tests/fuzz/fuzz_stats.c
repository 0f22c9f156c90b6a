/* fuzz_stats: the statistics half of the feed and local-data targets. The
 * figures must be consistent whatever the model holds, and the JSON printed
 * for --dump-stats must parse back. */
#include <cjson/cJSON.h>
#include <string.h>

#include "fuzz.h"
#include "vitrine/stats.h"
#include "vitrine/statsjson.h"

/* Dates the figures are computed at: before the programme, the snapshot's
 * day, and both ends of the calendar the date module accepts. */
static const char *const FUZZ_DATES[] = {"2017-01-01", "2026-08-20", "0001-01-01", "9999-12-31"};

/* Counts are positive and sorted by key; returns their sum. */
static long check_counts(const stats_counts *c)
{
    long sum = 0;
    for (size_t i = 0; i < c->n; i++) {
        FUZZ_CHECK(c->items[i].key && c->items[i].count > 0);
        FUZZ_CHECK(i == 0 || strcmp(c->items[i - 1].key, c->items[i].key) < 0);
        sum += c->items[i].count;
    }
    return sum;
}

static void check_rate(stats_rate r)
{
    FUZZ_CHECK(r.num >= 0 && r.num <= r.den);
}

static void check_products(const model *m, const stats *s)
{
    FUZZ_CHECK(s->products.active >= 0 && s->products.active <= s->products.total);
    FUZZ_CHECK(s->products.total <= (long)m->n_products);
    FUZZ_CHECK(check_counts(&s->products.by_phase) == s->products.total);
    FUZZ_CHECK(s->products.fast_laureates <= s->products.total);
    check_rate(s->products.perennisation);
    for (size_t i = 0; i < s->products.by_phase.n; i++) {
        check_rate(s->products.open_source[i].rate);
        check_rate(s->products.stats_page[i].rate);
    }
    long incubated = 0;
    for (size_t i = 0; i < s->products.n_incubators; i++) {
        const stats_incubator *si = &s->products.by_incubator[i];
        FUZZ_CHECK(si->id && si->title && si->active <= si->total);
        FUZZ_CHECK(si->total <= s->products.total);
        incubated += si->active;
    }
    /* What the incubators slide says: the active products with one
     * incubator or more, the co-incubated ones more than once. */
    long none = s->products.active_without_incubator, co = s->products.active_coincubated;
    FUZZ_CHECK(none >= 0 && co >= 0 && none + co <= s->products.active);
    FUZZ_CHECK(incubated >= s->products.active - none + co);
}

static void check_community(const model *m, const stats *s)
{
    FUZZ_CHECK(s->community.active >= 0 && s->community.active <= (long)m->n_members);
    FUZZ_CHECK(check_counts(&s->community.by_domaine) == s->community.active);
    FUZZ_CHECK(check_counts(&s->community.by_status) == s->community.active);
    long newcomers = 0;
    for (size_t i = 0; i < s->community.n_new_by_year; i++)
        newcomers += check_counts(&s->community.new_by_year[i].by_status);
    FUZZ_CHECK(newcomers <= (long)m->n_members);
    check_rate(s->community.retention_12m);
    FUZZ_CHECK(s->coaching.active_coaches <= s->community.active);
    FUZZ_CHECK(s->coaching.coached_products <= s->products.active);
    long coaches = 0;
    for (size_t i = 0; i < s->coaching.n_employers; i++) {
        const stats_employer *e = &s->coaching.by_employer[i];
        FUZZ_CHECK(e->key && *e->key && e->display && *e->display && e->count > 0);
        coaches += e->count;
    }
    FUZZ_CHECK(coaches == s->coaching.active_coaches);
}

static void check_eig(const model *m, const stats *s)
{
    FUZZ_CHECK(s->eig.projects == (long)m->n_defis);
    long projects = 0, seats = 0;
    for (size_t i = 0; i < s->eig.n_promotions; i++) {
        FUZZ_CHECK(s->eig.promotions[i].promotion && s->eig.promotions[i].projects > 0);
        FUZZ_CHECK(s->eig.promotions[i].fellows <= s->eig.fellows);
        projects += s->eig.promotions[i].projects;
        seats += s->eig.promotions[i].fellows;
    }
    FUZZ_CHECK(projects <= s->eig.projects);
    /* The profiles are the fellows'; what the promotions slide says. */
    FUZZ_CHECK(check_counts(&s->eig.by_profile) == s->eig.fellows);
    long several = s->eig.fellows_in_several_promotions, none = s->eig.fellows_without_promotion;
    FUZZ_CHECK(several >= 0 && none >= 0 && several + none <= s->eig.fellows);
    FUZZ_CHECK(seats >= s->eig.fellows - none + several);
}

/* The printed document parses back and says the date it was computed for. */
static void check_json(const stats *s, const char *as_of)
{
    char *json = statsjson_print(s);
    FUZZ_CHECK(json != NULL);
    cJSON *root = cJSON_Parse(json);
    FUZZ_CHECK(root != NULL);
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(root, "as_of");
    FUZZ_CHECK(cJSON_IsString(date) && strcmp(date->valuestring, as_of) == 0);
    cJSON_Delete(root);
    free(json);
}

void fuzz_check_stats(const model *m)
{
    for (size_t i = 0; i < sizeof FUZZ_DATES / sizeof *FUZZ_DATES; i++) {
        vt_date d = date_parse(FUZZ_DATES[i]);
        stats *s = stats_compute(m, d);
        FUZZ_CHECK(s != NULL); /* NULL means out of memory, never bad data */
        check_products(m, s);
        check_community(m, s);
        check_eig(m, s);
        check_json(s, FUZZ_DATES[i]);
        stats_free(s);
    }
}
