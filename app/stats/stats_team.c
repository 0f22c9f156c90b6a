/* stats_team: who works on which product today (stats.h,
 * stats_product_teams), for the spotlight and an incubator's own slides. */
#include <stdlib.h>
#include <string.h>

#include "vitrine/stats.h"
#include "vitrine/strmap.h"

bool stats_product_in_incubator(const model_product *p, const char *id)
{
    for (size_t i = 0; id && i < p->n_incubators; i++)
        if (strcmp(p->incubators[i], id) == 0)
            return true;
    return false;
}

typedef struct {
    const model *m;
    strmap *index;   /* product id -> index + 1 */
    size_t *seen_by; /* per product: the last member (index + 1) counted on it */
    long *counts;    /* may be NULL */
    const char *incubator;
    bool member_in_incubator;
} team_acc;

/* Counts member k (0-based) on the products named in list, once each. */
static void count_list(team_acc *acc, size_t k, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const strmap_entry *e = strmap_find(acc->index, list[i]);
        if (!e)
            continue; /* a product the startups feed does not list */
        size_t p = (size_t)e->value - 1;
        if (acc->seen_by[p] == k + 1)
            continue;
        acc->seen_by[p] = k + 1;
        if (acc->counts)
            acc->counts[p]++;
        if (stats_product_in_incubator(&acc->m->products[p], acc->incubator))
            acc->member_in_incubator = true;
    }
}

static bool index_products(team_acc *acc)
{
    for (size_t i = 0; i < acc->m->n_products; i++) {
        strmap_entry *e = strmap_upsert(acc->index, acc->m->products[i].id);
        if (!e)
            return false;
        if (!e->value) /* the first of a duplicated id */
            e->value = (long)i + 1;
    }
    return true;
}

bool stats_product_teams(const model *m, vt_date d, long *counts, const char *incubator,
                         long *incubator_members)
{
    team_acc acc = {m,      strmap_new(), calloc(m->n_products + 1, sizeof(size_t)),
                    counts, incubator,    false};
    bool ok = acc.index && acc.seen_by && index_products(&acc);
    if (counts)
        memset(counts, 0, m->n_products * sizeof *counts);
    long members = 0;
    for (size_t k = 0; ok && k < m->n_members; k++) {
        const model_member *mb = &m->members[k];
        bool active = false;
        acc.member_in_incubator = false;
        for (size_t i = 0; i < mb->n_missions; i++) {
            const model_mission *mi = &mb->missions[i];
            if (!stats_mission_active(mi, d))
                continue;
            active = true;
            count_list(&acc, k, mi->startups, mi->n_startups);
        }
        if (active)
            count_list(&acc, k, mb->startups, mb->n_startups);
        members += acc.member_in_incubator;
    }
    if (incubator_members)
        *incubator_members = members;
    strmap_free(acc.index);
    free(acc.seen_by);
    return ok;
}
