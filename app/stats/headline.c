/* headline: per-feed headline figures and the collapse check. */
#include "vitrine/headline.h"

#include <stdio.h>
#include <string.h>

#include "vitrine/log.h"
#include "vitrine/stats.h"
#include "vitrine/strmap.h"
#include "vitrine/vocab.h"

#define PHASE_PREFIX "products.phase."

bool headline_put(headline_set *s, const char *key, long value)
{
    if (s->n >= HEADLINE_MAX || strlen(key) >= HEADLINE_KEY_LEN)
        return false;
    snprintf(s->items[s->n].key, HEADLINE_KEY_LEN, "%s", key);
    s->items[s->n++].value = value;
    return true;
}

bool headline_get(const headline_set *s, const char *key, long *value)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i].key, key) == 0) {
            *value = s->items[i].value;
            return true;
        }
    return false;
}

static bool products(const model *m, vt_date d, headline_set *out)
{
    size_t n_phases;
    const char *const *phases = vocab_words(VOCAB_PHASE, &n_phases);
    long total = 0, active = 0, per_phase[HEADLINE_MAX] = {0};
    strmap *incubators = strmap_new();
    bool ok = incubators != NULL;
    for (size_t i = 0; ok && i < m->n_products; i++) {
        const model_product *p = &m->products[i];
        const model_phase *cur = stats_current_phase(p, d);
        if (!cur)
            continue;
        total++;
        active += stats_phase_is_active(cur->name);
        for (size_t k = 0; k < n_phases && k < HEADLINE_MAX; k++)
            per_phase[k] += strcmp(cur->name, phases[k]) == 0;
        for (size_t k = 0; ok && k < p->n_incubators; k++)
            ok = strmap_upsert(incubators, p->incubators[k]) != NULL;
    }
    bool room = headline_put(out, "products.total", total) &&
                headline_put(out, "products.active", active) &&
                headline_put(out, "products.incubators", ok ? (long)strmap_count(incubators) : 0);
    for (size_t k = 0; k < n_phases; k++) {
        char key[HEADLINE_KEY_LEN];
        snprintf(key, sizeof key, PHASE_PREFIX "%s", phases[k]);
        room = room && headline_put(out, key, k < HEADLINE_MAX ? per_phase[k] : 0);
    }
    if (!room) /* a vocabulary grown past HEADLINE_MAX: test_headline fails first */
        log_error("headline", "more figures than HEADLINE_MAX (%d): the last ones are not checked",
                  HEADLINE_MAX);
    strmap_free(incubators);
    return ok;
}

static void members(const model *m, vt_date d, headline_set *out)
{
    long active = 0, coaches = 0;
    for (size_t i = 0; i < m->n_members; i++) {
        const model_member *mb = &m->members[i];
        bool on = false;
        for (size_t k = 0; !on && k < mb->n_missions; k++)
            on = stats_mission_active(&mb->missions[k], d);
        active += on;
        coaches += on && strcmp(mb->domaine, "Coaching") == 0;
    }
    headline_put(out, "community.active", active);
    headline_put(out, "coaching.active_coaches", coaches);
}

static bool defis(const model *m, headline_set *out)
{
    strmap *fellows = strmap_new();
    bool ok = fellows != NULL;
    for (size_t i = 0; ok && i < m->n_defis; i++)
        for (size_t k = 0; ok && k < m->defis[i].n_eigs; k++)
            ok = strmap_upsert(fellows, m->defis[i].eigs[k]) != NULL;
    headline_put(out, "eig.projects", (long)m->n_defis);
    headline_put(out, "eig.fellows", ok ? (long)strmap_count(fellows) : 0);
    strmap_free(fellows);
    return ok;
}

bool headline_compute(const model *m, feed_id feed, vt_date d, headline_set *out)
{
    memset(out, 0, sizeof *out);
    switch (feed) {
    case FEED_STARTUPS: return products(m, d, out);
    case FEED_AUTHORS: members(m, d, out); return true;
    case FEED_DEFIS: return defis(m, out);
    default: return true;
    }
}

/* The smallest value of key in the last good copy that is checked. */
static long floor_of(const char *key)
{
    return strncmp(key, PHASE_PREFIX, strlen(PHASE_PREFIX)) == 0 ? HEADLINE_PART_FLOOR : 1;
}

bool headline_collapse(const headline_set *good, const headline_set *next, long min_percent,
                       headline_drop *drop)
{
    for (size_t i = 0; i < good->n; i++) {
        const headline_figure *g = &good->items[i];
        long to = 0;
        headline_get(next, g->key, &to);
        if (g->value < floor_of(g->key))
            continue;
        if (to == 0 || (double)to * 100.0 < (double)g->value * (double)min_percent) {
            *drop = (headline_drop){g->key, g->value, to};
            return true;
        }
    }
    return false;
}
