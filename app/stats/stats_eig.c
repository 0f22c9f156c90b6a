/* stats_eig: the EIG programme figures (metrics.md, "EIG"). */
#include <stdlib.h>
#include <string.h>

#include "stats_private.h"

typedef struct {
    const char *promotion;
    int year;
    long projects;
    strmap *fellows;
} promo_acc;

/* Value of a fellow in fellow_promo: the promotion (promo_index's value)
 * of the first défi with a promotion naming them, or this once a second
 * promotion names them. */
#define SEVERAL_PROMOTIONS (-1)

typedef struct {
    strmap *fellows, *mentors, *admins, *promo_index, *profiles;
    strmap *fellow_promo; /* fellows named by a défi with a promotion */
    promo_acc *promos;
    size_t n_promos;
} eig_acc;

static bool add_all(strmap *set, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strmap_upsert(set, names[i]))
            return false;
    return true;
}

/* Each fellow of a défi of promotion `promo` (promo_index's value): a
 * second promotion marks them as in several. */
static bool note_promotion(strmap *fellow_promo, const model_defi *d, long promo)
{
    for (size_t i = 0; i < d->n_eigs; i++) {
        strmap_entry *e = strmap_upsert(fellow_promo, d->eigs[i]);
        if (!e)
            return false;
        if (e->value == 0)
            e->value = promo;
        else if (e->value != promo)
            e->value = SEVERAL_PROMOTIONS;
    }
    return true;
}

static bool count_defi(eig_acc *acc, const model_defi *d)
{
    if (!add_all(acc->fellows, d->eigs, d->n_eigs) ||
        !add_all(acc->mentors, d->mentors, d->n_mentors) ||
        (d->administration && !strmap_upsert(acc->admins, d->administration)))
        return false;
    if (!d->promotion)
        return true;
    strmap_entry *e = strmap_upsert(acc->promo_index, d->promotion);
    if (!e)
        return false;
    if (e->value == 0) {
        promo_acc *p = &acc->promos[acc->n_promos];
        *p = (promo_acc){d->promotion, 0, 0, strmap_new()};
        if (!p->fellows)
            return false;
        e->value = (long)++acc->n_promos;
    }
    promo_acc *p = &acc->promos[e->value - 1];
    p->projects++;
    if (d->year > 0 && (p->year == 0 || d->year < p->year))
        p->year = d->year;
    return add_all(p->fellows, d->eigs, d->n_eigs) &&
           note_promotion(acc->fellow_promo, d, e->value);
}

/* by_profile: each fellow counted once, under the profil of their
 * personnes.json entry (the last of that name), "unknown" when none or
 * empty. People named in no défi (the programme's staff, the site's own
 * developers) are not fellows: the profiles add up to the fellows. */
static bool count_profiles(const model *m, eig_acc *acc)
{
    strmap *person = strmap_new();
    bool ok = person != NULL;
    for (size_t i = 0; ok && i < m->n_persons; i++) {
        strmap_entry *e = strmap_upsert(person, m->persons[i].name);
        ok = e != NULL;
        if (ok)
            e->value = (long)i + 1;
    }
    const strmap_entry *fellows = strmap_entries(acc->fellows);
    for (size_t i = 0; ok && i < strmap_count(acc->fellows); i++) {
        const strmap_entry *e = strmap_find(person, fellows[i].key);
        ok = strmap_incr(acc->profiles,
                         stats_or_unknown(e ? m->persons[e->value - 1].profil : NULL));
    }
    strmap_free(person);
    return ok;
}

static long several_promotions(const strmap *fellow_promo)
{
    long n = 0;
    const strmap_entry *e = strmap_entries(fellow_promo);
    for (size_t i = 0; i < strmap_count(fellow_promo); i++)
        n += e[i].value == SEVERAL_PROMOTIONS;
    return n;
}

static int cmp_promotion(const void *a, const void *b)
{
    const stats_promotion *x = a, *y = b;
    if (x->year != y->year) {
        if (!x->year || !y->year)
            return x->year ? -1 : 1; /* promotions without a year go last */
        return x->year < y->year ? -1 : 1;
    }
    return strcmp(x->promotion, y->promotion);
}

static bool eig_finish(stats *s, eig_acc *acc)
{
    s->eig.fellows = (long)strmap_count(acc->fellows);
    s->eig.fellows_in_several_promotions = several_promotions(acc->fellow_promo);
    s->eig.fellows_without_promotion = s->eig.fellows - (long)strmap_count(acc->fellow_promo);
    s->eig.mentors = (long)strmap_count(acc->mentors);
    s->eig.administrations = (long)strmap_count(acc->admins);
    stats_promotion *out = arena_alloc(s->arena, (acc->n_promos + 1) * sizeof *out);
    if (!out)
        return false;
    for (size_t i = 0; i < acc->n_promos; i++)
        out[i] =
            (stats_promotion){acc->promos[i].promotion, acc->promos[i].year,
                              acc->promos[i].projects, (long)strmap_count(acc->promos[i].fellows)};
    qsort(out, acc->n_promos, sizeof *out, cmp_promotion);
    s->eig.promotions = out;
    s->eig.n_promotions = acc->n_promos;
    return stats_counts_finish(s->arena, acc->profiles, &s->eig.by_profile);
}

bool stats_compute_eig(const model *m, stats *s)
{
    eig_acc acc = {0};
    s->eig.projects = (long)m->n_defis;
    bool ok = (acc.fellows = strmap_new()) && (acc.mentors = strmap_new()) &&
              (acc.admins = strmap_new()) && (acc.promo_index = strmap_new()) &&
              (acc.profiles = strmap_new()) && (acc.fellow_promo = strmap_new()) &&
              (acc.promos = calloc(m->n_defis + 1, sizeof *acc.promos));
    for (size_t i = 0; ok && i < m->n_defis; i++)
        ok = count_defi(&acc, &m->defis[i]);
    ok = ok && count_profiles(m, &acc) && eig_finish(s, &acc);
    for (size_t i = 0; i < acc.n_promos; i++)
        strmap_free(acc.promos[i].fellows);
    free(acc.promos);
    strmap_free(acc.fellows);
    strmap_free(acc.mentors);
    strmap_free(acc.admins);
    strmap_free(acc.promo_index);
    strmap_free(acc.profiles);
    strmap_free(acc.fellow_promo);
    return ok;
}
