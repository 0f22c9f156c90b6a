/* headline: each feed's headline figures from a hand-made model, and the
 * collapse rules of the plausibility guard (to zero, under a share, parts
 * too small to judge, a check turned off). */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "vitrine/headline.h"
#include "vitrine/vocab.h"

static model_phase phase(const char *name, const char *start)
{
    return (model_phase){.name = name, .start = date_parse(start)};
}

static void products_figures(void)
{
    model_phase p1[] = {phase("investigation", "2020-01-01"), phase("construction", "2021-01-01")};
    model_phase p2[] = {phase("abandon", "2020-06-01")};
    model_phase p3[] = {phase("construction", "2030-01-01")}; /* not yet: does not exist */
    const char *inc_a[] = {"a"}, *inc_ab[] = {"a", "b"};
    model_product products[] = {
        {.id = "1", .phases = p1, .n_phases = 2, .incubators = inc_ab, .n_incubators = 2},
        {.id = "2", .phases = p2, .n_phases = 1, .incubators = inc_a, .n_incubators = 1},
        {.id = "3", .phases = p3, .n_phases = 1, .incubators = inc_a, .n_incubators = 1},
    };
    model m = {.products = products, .n_products = 3};
    headline_set s;
    CHECK(headline_compute(&m, FEED_STARTUPS, date_parse("2026-01-01"), &s));
    size_t n_phases;
    vocab_words(VOCAB_PHASE, &n_phases);
    CHECK_INT(s.n, 3 + n_phases);
    CHECK(s.n <= HEADLINE_MAX);
    long v = -1;
    CHECK(headline_get(&s, "products.total", &v) && v == 2);
    CHECK(headline_get(&s, "products.active", &v) && v == 1);
    CHECK(headline_get(&s, "products.incubators", &v) && v == 2);
    CHECK(headline_get(&s, "products.phase.construction", &v) && v == 1);
    CHECK(headline_get(&s, "products.phase.abandon", &v) && v == 1);
    CHECK(headline_get(&s, "products.phase.abandon-investigation", &v) && v == 0);
    CHECK(!headline_get(&s, "community.active", &v));
}

static void members_and_defis(void)
{
    model_mission on = {
        .start = date_parse("2025-01-01"), .end = DATE_NONE, .status = "admin", .employer = ""};
    model_mission off = {.start = date_parse("2020-01-01"),
                         .end = date_parse("2021-01-01"),
                         .status = "admin",
                         .employer = ""};
    model_member members[] = {
        {.id = "a", .domaine = "Coaching", .missions = &on, .n_missions = 1},
        {.id = "b", .domaine = "Design", .missions = &on, .n_missions = 1},
        {.id = "c", .domaine = "Coaching", .missions = &off, .n_missions = 1}};
    const char *e1[] = {"Ada", "Alan"}, *e2[] = {"Ada"};
    model_defi defis[] = {{.name = "x", .eigs = e1, .n_eigs = 2},
                          {.name = "y", .eigs = e2, .n_eigs = 1}};
    model m = {.members = members, .n_members = 3, .defis = defis, .n_defis = 2};
    headline_set s;
    long v = -1;
    CHECK(headline_compute(&m, FEED_AUTHORS, date_parse("2026-01-01"), &s));
    CHECK(headline_get(&s, "community.active", &v) && v == 2);
    CHECK(headline_get(&s, "coaching.active_coaches", &v) && v == 1);
    CHECK(headline_compute(&m, FEED_DEFIS, date_parse("2026-01-01"), &s));
    CHECK(headline_get(&s, "eig.projects", &v) && v == 2);
    CHECK(headline_get(&s, "eig.fellows", &v) && v == 2);
    CHECK(headline_compute(&m, FEED_PERSONNES, date_parse("2026-01-01"), &s));
    CHECK_INT(s.n, 0);
}

static void collapses(void)
{
    headline_set good = {0}, next = {0};
    headline_put(&good, "products.active", 246);
    headline_put(&good, "products.phase.opere", 14);
    headline_put(&good, "products.phase.transfere", 6); /* under the floor of a part */
    headline_put(&next, "products.active", 124);
    headline_put(&next, "products.phase.opere", 7);
    headline_put(&next, "products.phase.transfere", 0);
    headline_drop d;
    CHECK(!headline_collapse(&good, &next, 50, &d)); /* half, not under it; 6 -> 0 too small */
    next.items[0].value = 122;
    CHECK(headline_collapse(&good, &next, 50, &d));
    CHECK_STR(d.key, "products.active");
    CHECK(d.from == 246 && d.to == 122);
    CHECK(!headline_collapse(&good, &next, 0, &d)); /* the share's check turned off */
    next.items[0].value = 246;
    next.items[1].value = 0; /* a part of 14 turned to 0 */
    CHECK(headline_collapse(&good, &next, 10, &d));
    CHECK_STR(d.key, "products.phase.opere");
    CHECK(headline_collapse(&good, &next, 0, &d)); /* to zero: whatever the share */
    headline_set none = {0};                       /* a figure next lacks counts as 0 */
    CHECK(headline_collapse(&good, &none, 50, &d));
    CHECK(d.to == 0);
    CHECK(!headline_collapse(&none, &good, 50, &d)); /* nothing to compare with */
    headline_set full = {0};
    char key[HEADLINE_KEY_LEN + 8];
    for (int i = 0; i < HEADLINE_MAX; i++) {
        snprintf(key, sizeof key, "k%d", i);
        CHECK(headline_put(&full, key, i));
    }
    CHECK(!headline_put(&full, "one.more", 1)); /* full: said, never overwritten */
    memset(key, 'x', HEADLINE_KEY_LEN);
    key[HEADLINE_KEY_LEN] = '\0';
    CHECK(!headline_put(&none, key, 1)); /* too long */
}

int main(void)
{
    RUN(products_figures);
    RUN(members_and_defis);
    RUN(collapses);
    return test_report();
}
