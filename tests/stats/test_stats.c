/* Every figure of metrics.md on the hand-made fixture tests/fixtures/edge,
 * at 2024-06-30, against values computed by hand (reasoning inline). */
#include <stdlib.h>

#include "test.h"
#include "vitrine/datadir.h"
#include "vitrine/stats.h"

static model *m;
static stats *s;

static long incubator(const char *id, long *active, const char **title)
{
    for (size_t i = 0; i < s->products.n_incubators; i++)
        if (strcmp(s->products.by_incubator[i].id, id) == 0) {
            *active = s->products.by_incubator[i].active;
            *title = s->products.by_incubator[i].title;
            return s->products.by_incubator[i].total;
        }
    return -1;
}

static double phase_rate(const stats_phase_rate *r, const char *phase)
{
    for (size_t i = 0; i < s->products.by_phase.n; i++)
        if (strcmp(r[i].phase, phase) == 0)
            return stats_rate_value(r[i].rate);
    return -1;
}

static void products_exist_and_phase(void)
{
    /* p-none starts in 2030: does not exist. Wrong-typed records skipped. */
    CHECK_INT(s->products.total, 7);
    /* consolidation (p-equal), investigation (p-future, p-baddate), opere. */
    CHECK_INT(s->products.active, 4);
    const stats_counts *bp = &s->products.by_phase;
    CHECK_INT(stats_counts_get(bp, "consolidation"), 1); /* equal starts: later wins */
    CHECK_INT(stats_counts_get(bp, "acceleration"), 0);
    CHECK_INT(stats_counts_get(bp, "investigation"), 2); /* future construction ignored */
    CHECK_INT(stats_counts_get(bp, "abandon"), 1);
    CHECK_INT(stats_counts_get(bp, "transfere"), 1);
    CHECK_INT(stats_counts_get(bp, "unknown"), 1); /* phase without name */
    CHECK_INT(stats_counts_get(bp, "opere"), 1);   /* ISO datetime start */
    CHECK_INT(bp->n, 6);
}

static void products_years_and_events(void)
{
    const stats_years *l = &s->products.launched_by_year;
    CHECK_INT(l->n, 3);
    CHECK_INT(stats_years_get(l, 2017), 1); /* earliest construction, not first listed */
    CHECK_INT(stats_years_get(l, 2018), 1);
    CHECK_INT(stats_years_get(l, 2021), 1);
    CHECK_INT(stats_years_get(l, 2023), 0); /* 2023-02-30 is no date */
    CHECK_INT(stats_years_get(l, 2025), 0); /* future */
    const stats_years *ni = &s->products.national_impact_by_year;
    CHECK_INT(ni->n, 2);
    CHECK_INT(stats_years_get(ni, 2022), 1);
    CHECK_INT(stats_years_get(ni, 2024), 1); /* dated D itself */
    CHECK_INT(stats_years_get(ni, 2020), 0); /* product does not exist */
    CHECK_INT(s->products.fast_laureates, 2);
    /* 30 June: the year has half begun, the previous full one is headlined. */
    CHECK_INT(s->products.launched_headline_year, 2023);
    CHECK_INT(s->products.launched_headline, 0);
    /* 1 March 2022: 2021's launch, not 2022's 0; from July, 2021's own. */
    stats *early = stats_compute(m, date_parse("2022-03-01"));
    stats *july = stats_compute(m, date_parse("2021-07-01"));
    CHECK(early && july);
    if (early && july) {
        CHECK_INT(early->products.launched_headline_year, 2021);
        CHECK_INT(early->products.launched_headline, 1);
        CHECK_INT(july->products.launched_headline_year, 2021);
        CHECK_INT(july->products.launched_headline,
                  stats_years_get(&july->products.launched_by_year, 2021));
    }
    stats_free(early);
    stats_free(july);
}

static void products_by_incubator(void)
{
    long active = -1;
    const char *title = NULL;
    CHECK_INT(s->products.n_incubators, 3);            /* inc-d: only a non-existing product */
    CHECK_INT(incubator("inc-a", &active, &title), 3); /* p-future lists inc-a twice */
    CHECK_INT(active, 2);
    CHECK_STR(title, "Incubateur A");
    CHECK_INT(incubator("inc-b", &active, &title), 3); /* single-incubator fallback */
    CHECK_INT(active, 2);
    CHECK_INT(incubator("inc-c", &active, &title), 2);
    CHECK_INT(active, 1);
    CHECK_STR(title, "inc-c"); /* no "included" entry: the id */
    CHECK_INT(incubator("x-sponsor", &active, &title), -1);
    /* Why the incubators' active counts make 5 for 4 active products:
     * p-future is co-incubated by inc-a and inc-b; every active one has an
     * incubator. */
    CHECK_INT(s->products.active_coincubated, 1);
    CHECK_INT(s->products.active_without_incubator, 0);
}

static void products_rates(void)
{
    /* P = consolidation + transfere + opere = 3, A = abandon = 1. */
    CHECK_INT(s->products.perennisation.num, 3);
    CHECK_INT(s->products.perennisation.den, 4);
    const stats_phase_rate *os = s->products.open_source, *sp = s->products.stats_page;
    CHECK_NEAR(phase_rate(os, "consolidation"), 1.0);
    CHECK_NEAR(phase_rate(os, "investigation"), 0.0); /* "   " and "" are blank */
    CHECK_NEAR(phase_rate(os, "abandon"), 0.0);       /* null */
    CHECK_NEAR(phase_rate(os, "transfere"), 1.0);
    CHECK_NEAR(phase_rate(os, "opere"), 1.0);
    CHECK_NEAR(phase_rate(sp, "investigation"), 0.5);
    CHECK_NEAR(phase_rate(sp, "unknown"), 1.0);
    CHECK_NEAR(phase_rate(sp, "consolidation"), 0.0);
}

static void community(void)
{
    /* Active: ok.admin, html (end == D), coach1-3, emptystatus, badend
     * (unparsable end = open). future and nostart are ignored. */
    CHECK_INT(s->community.active, 7);
    const stats_counts *d = &s->community.by_domaine;
    CHECK_INT(stats_counts_get(d, "Coaching"), 3);
    CHECK_INT(stats_counts_get(d, "Déploiement"), 1); /* HTML entity decoded */
    CHECK_INT(stats_counts_get(d, "D&eacute;ploiement"), 0);
    CHECK_INT(stats_counts_get(d, "Data"), 0);
    const stats_counts *st = &s->community.by_status;
    CHECK_INT(stats_counts_get(st, "independent"), 3); /* latest active mission */
    CHECK_INT(stats_counts_get(st, "admin"), 2);       /* coach3: equal starts, later wins */
    CHECK_INT(stats_counts_get(st, "service"), 1);
    CHECK_INT(stats_counts_get(st, "unknown"), 1);
}

static long new_in(int year, const char *status)
{
    for (size_t i = 0; i < s->community.n_new_by_year; i++)
        if (s->community.new_by_year[i].year == year)
            return stats_counts_get(&s->community.new_by_year[i].by_status, status);
    return 0;
}

static void community_new_and_retention(void)
{
    CHECK_INT(s->community.n_new_by_year, 7);
    CHECK_INT(new_in(2018, "unknown"), 1);
    CHECK_INT(new_in(2019, "admin"), 1);
    CHECK_INT(new_in(2020, "admin"), 1); /* first mission's status, not the latest */
    CHECK_INT(new_in(2021, "independent"), 1);
    CHECK_INT(new_in(2022, "independent"), 1);
    CHECK_INT(new_in(2022, "admin"), 1);
    CHECK_INT(new_in(2023, "service"), 1);
    CHECK_INT(new_in(2024, "service"), 1); /* coach3: equal starts, earlier wins */
    CHECK_INT(new_in(2025, "admin"), 0);   /* future start ignored */
    /* Cohort (first start <= 2023-07-01): ok.admin, coach1, coach2, gone,
     * emptystatus, badend. coach2 has a gap at first start + 365 days. */
    CHECK_INT(s->community.retention_12m.den, 6);
    CHECK_INT(s->community.retention_12m.num, 5);
}

static void coaching(void)
{
    CHECK_INT(s->coaching.active_coaches, 3);
    CHECK_INT(s->coaching.n_employers, 2);
    /* " NUMA " and "/numa" are one key; display: most frequent spelling,
     * first seen on a tie. */
    CHECK_STR(s->coaching.by_employer[0].key, "numa");
    CHECK_INT(s->coaching.by_employer[0].count, 2);
    CHECK_STR(s->coaching.by_employer[0].display, "NUMA");
    CHECK_STR(s->coaching.by_employer[1].key, "octo technology");
    CHECK_STR(s->coaching.by_employer[1].display, "OCTO Technology");
    /* p-equal (mission), p-future (top-level), p-baddate (current mission);
     * not p-abandon (inactive), p-none (absent), p-opere (ended mission). */
    CHECK_INT(s->coaching.coached_products, 3);
}

static long team_of(const long *counts, const char *id)
{
    for (size_t i = 0; i < m->n_products; i++)
        if (strcmp(m->products[i].id, id) == 0)
            return counts[i];
    return -1;
}

/* stats_product_teams: coach1 is active on p-equal and p-abandon (mission)
 * and p-future, p-none (top-level list); coach2 on p-baddate (current
 * mission), no longer on p-opere (ended). */
static void product_teams(void)
{
    vt_date d = date_parse("2024-06-30");
    long *counts = calloc(m->n_products, sizeof *counts), members = -1;
    CHECK(counts && stats_product_teams(m, d, counts, "inc-b", &members));
    if (!counts)
        return;
    CHECK_INT(team_of(counts, "p-equal"), 1);
    CHECK_INT(team_of(counts, "p-abandon"), 1);
    CHECK_INT(team_of(counts, "p-future"), 1);
    CHECK_INT(team_of(counts, "p-none"), 1);
    CHECK_INT(team_of(counts, "p-baddate"), 1);
    CHECK_INT(team_of(counts, "p-opere"), 0);
    /* inc-b: p-future (co-incubated), p-abandon, p-baddate: coach1, coach2. */
    CHECK_INT(members, 2);
    CHECK(stats_product_teams(m, d, NULL, "inc-a", &members));
    CHECK_INT(members, 1); /* coach1 */
    CHECK(stats_product_teams(m, d, NULL, "inc-c", &members));
    CHECK_INT(members, 0); /* p-opere's mission ended in 2021 */
    /* Before coach1's mission: nobody on p-equal. */
    CHECK(stats_product_teams(m, date_parse("2022-02-01"), counts, NULL, NULL));
    CHECK_INT(team_of(counts, "p-equal"), 0);
    free(counts);
}

/* stats_focus on the fixture at 2024-06-30: inc-a incubates p-equal
 * (consolidation), p-future (co-incubated, created 2025: not yet), p-noname
 * (construction since 2024-03-01). */
static void focus_incubator(void)
{
    stats_focus f;
    vt_date d = date_parse("2024-06-30");
    CHECK_INT(stats_focus_compute(m, d, "nope", &f), STATS_FOCUS_UNKNOWN);
    CHECK(!stats_incubator_known(m, "nope") && stats_incubator_known(m, "inc-d"));
    CHECK_INT(stats_focus_compute(m, d, "inc-b", &f), STATS_FOCUS_OK);
    CHECK_INT(f.members, 2); /* as product_teams */
    CHECK(f.total >= f.active && f.active >= 1);
    long sum = 0;
    for (size_t k = 0; k < STATS_ACTIVE_PHASE_COUNT; k++)
        sum += f.by_phase[k];
    CHECK_INT(sum, f.active);
    for (size_t i = 1; i < f.n_newest; i++) /* newest first */
        CHECK(stats_product_created(&m->products[f.newest[i - 1]]) >=
              stats_product_created(&m->products[f.newest[i]]));
    for (size_t i = 1; i < f.n_teams; i++)
        CHECK(f.team_size[i - 1] >= f.team_size[i]);
    const char *near[3];
    CHECK_INT(stats_incubator_closest(m, "INC-X", near, 3), 3);
    CHECK(strncmp(near[0], "inc-", 4) == 0);
}

static void eig(void)
{
    CHECK_INT(s->eig.projects, 6); /* two wrong-typed défis skipped */
    CHECK_INT(s->eig.fellows, 6);  /* "Alice " is Alice; Bob twice is one */
    CHECK_INT(s->eig.mentors, 3);
    CHECK_INT(s->eig.administrations, 2); /* " Ministère X " is Ministère X */
    CHECK_INT(s->eig.n_promotions, 3);
    CHECK_STR(s->eig.promotions[0].promotion, "1"); /* 1 and "1" are one */
    CHECK_INT(s->eig.promotions[0].year, 2017);
    CHECK_INT(s->eig.promotions[0].projects, 2);
    CHECK_INT(s->eig.promotions[0].fellows, 3);
    CHECK_STR(s->eig.promotions[1].promotion, "dig");
    CHECK_INT(s->eig.promotions[1].year, 2019); /* "2019" as a string, before 2020 */
    CHECK_INT(s->eig.promotions[1].projects, 2);
    CHECK_INT(s->eig.promotions[1].fellows, 3); /* Dan; Bob, Fay */
    CHECK_STR(s->eig.promotions[2].promotion, "4");
    CHECK_INT(s->eig.promotions[2].year, 0); /* no year: last */
    CHECK_INT(s->eig.promotions[2].fellows, 0);
    /* Bob is in promotions 1 and dig; Alice twice in 1 (1 and "1") is not;
     * Gus, of a défi without a promotion, is in none. */
    CHECK_INT(s->eig.fellows_in_several_promotions, 1);
    CHECK_INT(s->eig.fellows_without_promotion, 1);
    /* The fellows by profil: Hana (staff), Ivy and Mme M (named as fellows
     * by no défi) and Zed are not counted; Dan's empty profil and Fay, who
     * has no entry, are unknown; " Designer " is Designer. */
    const stats_counts *bp = &s->eig.by_profile;
    CHECK_INT(stats_counts_get(bp, "Data scientist"), 2);
    CHECK_INT(stats_counts_get(bp, "Développeuse"), 1);
    CHECK_INT(stats_counts_get(bp, "Designer"), 1);
    CHECK_INT(stats_counts_get(bp, "unknown"), 2);
    CHECK_INT(stats_counts_get(bp, "Accompagnement"), 0);
    CHECK_INT(stats_counts_get(bp, "Mentor"), 0);
    CHECK_INT(bp->n, 4);
    long sum = 0;
    for (size_t i = 0; i < bp->n; i++)
        sum += bp->items[i].count;
    CHECK_INT(sum, s->eig.fellows);
}

static void other_dates(void)
{
    /* Before any start: nothing exists, rates are null. */
    stats *early = stats_compute(m, date_parse("2010-01-01"));
    CHECK(early != NULL);
    CHECK_INT(early->products.total, 0);
    CHECK_INT(early->community.active, 0);
    CHECK(stats_rate_is_null(early->products.perennisation));
    CHECK(stats_rate_is_null(early->community.retention_12m));
    stats_free(early);
    /* In 2031 p-none exists (investigation) and the future ones too. */
    stats *late = stats_compute(m, date_parse("2031-01-01"));
    CHECK_INT(late->products.total, 8);
    CHECK_INT(stats_years_get(&late->products.launched_by_year, 2025), 1);
    CHECK_INT(stats_years_get(&late->products.national_impact_by_year, 2020), 1);
    CHECK_INT(late->products.fast_laureates, 4);
    stats_free(late);
}

int main(void)
{
    char err[DATADIR_ERR_LEN];
    if (datadir_load(FIXTURES "/edge", &m, err) != DATADIR_OK) {
        fprintf(stderr, "cannot load fixture: %s\n", err);
        return 1;
    }
    s = stats_compute(m, date_parse("2024-06-30"));
    CHECK(s != NULL);
    if (!s)
        return test_report();
    RUN(products_exist_and_phase);
    RUN(products_years_and_events);
    RUN(products_by_incubator);
    RUN(products_rates);
    RUN(community);
    RUN(community_new_and_retention);
    RUN(coaching);
    RUN(product_teams);
    RUN(focus_incubator);
    RUN(eig);
    RUN(other_dates);
    stats_free(s);
    model_free(m);
    return test_report();
}
