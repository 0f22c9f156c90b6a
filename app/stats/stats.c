/* stats: the figures of shared/docs/metrics.md as a pure function of
 * (model, date). One pass over products, one over members, one over the EIG
 * files; hash maps keep it linear. */
#include "vitrine/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats_private.h"
#include "vitrine/log.h"
#include "vitrine/text.h"

static const char *const ACTIVE_PHASES[] = {"investigation", "construction", "acceleration",
                                            "consolidation", "opere"};

const char *stats_active_phase(size_t i)
{
    return i < sizeof ACTIVE_PHASES / sizeof *ACTIVE_PHASES ? ACTIVE_PHASES[i] : NULL;
}

bool stats_phase_is_active(const char *phase)
{
    for (size_t i = 0; phase && i < sizeof ACTIVE_PHASES / sizeof *ACTIVE_PHASES; i++)
        if (strcmp(phase, ACTIVE_PHASES[i]) == 0)
            return true;
    return false;
}

static bool phase_is_perennial(const char *phase)
{
    return strcmp(phase, "consolidation") == 0 || strcmp(phase, "transfere") == 0 ||
           strcmp(phase, "opere") == 0;
}

const model_phase *stats_current_phase(const model_product *p, vt_date d)
{
    const model_phase *cur = NULL;
    for (size_t i = 0; i < p->n_phases; i++) {
        const model_phase *ph = &p->phases[i];
        /* ">=": on equal starts the later phase in the array wins. */
        if (ph->start != DATE_NONE && ph->start <= d && (!cur || ph->start >= cur->start))
            cur = ph;
    }
    return cur;
}

bool stats_mission_active(const model_mission *mi, vt_date t)
{
    return mi->start != DATE_NONE && mi->start <= t && (mi->end == DATE_NONE || mi->end >= t);
}

double stats_rate_value(stats_rate r)
{
    return r.den ? (double)r.num / (double)r.den : 0.0;
}

bool stats_rate_is_null(stats_rate r)
{
    return r.den == 0;
}

long stats_counts_get(const stats_counts *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->items[i].key, key) == 0)
            return c->items[i].count;
    return 0;
}

long stats_years_get(const stats_years *y, int year)
{
    for (size_t i = 0; i < y->n; i++)
        if (y->items[i].year == year)
            return y->items[i].count;
    return 0;
}

/* ---- builders ------------------------------------------------------- */

/* Year -> count, for the handful of years a feed spans. */
typedef struct {
    stats_year items[STATS_MAX_YEARS];
    size_t n;
    long dropped; /* counts of years past STATS_MAX_YEARS: reported, not kept */
} year_acc;

static void years_add(year_acc *acc, int year)
{
    for (size_t i = 0; i < acc->n; i++)
        if (acc->items[i].year == year) {
            acc->items[i].count++;
            return;
        }
    if (acc->n < STATS_MAX_YEARS)
        acc->items[acc->n++] = (stats_year){year, 1};
    else
        acc->dropped++;
}

static int cmp_year(const void *a, const void *b)
{
    const stats_year *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

/* what: the series, for the report of a limit hit. */
static bool years_finish(arena *a, year_acc *acc, stats_years *out, const char *what)
{
    if (acc->dropped)
        log_warn("stats", "%s: more than %d distinct years; %ld product(s) left out", what,
                 STATS_MAX_YEARS, acc->dropped);
    out->n = acc->n;
    out->items = arena_alloc(a, (acc->n + 1) * sizeof *out->items);
    if (!out->items)
        return false;
    memcpy(out->items, acc->items, acc->n * sizeof *out->items);
    qsort(out->items, out->n, sizeof *out->items, cmp_year);
    return true;
}

static int cmp_count_key(const void *a, const void *b)
{
    return strcmp(((const stats_count *)a)->key, ((const stats_count *)b)->key);
}

bool stats_counts_finish(arena *a, const strmap *m, stats_counts *out)
{
    size_t n = strmap_count(m);
    const strmap_entry *e = strmap_entries(m);
    out->n = 0;
    out->items = arena_alloc(a, (n + 1) * sizeof *out->items);
    if (!out->items)
        return false;
    for (size_t i = 0; i < n; i++)
        if (e[i].value > 0)
            out->items[out->n++] = (stats_count){e[i].key, e[i].value};
    qsort(out->items, out->n, sizeof *out->items, cmp_count_key);
    return true;
}

const char *stats_intern(arena *a, strmap *pool, const char *s)
{
    strmap_entry *e = strmap_find(pool, s);
    if (e)
        return e->key;
    char *copy = arena_strdup(a, s);
    if (!copy || !strmap_upsert(pool, copy))
        return NULL;
    return copy;
}

const char *stats_or_unknown(const char *s)
{
    return s && *s ? s : "unknown";
}

/* ---- products --------------------------------------------------------- */

typedef struct {
    strmap *by_phase, *open_source, *stats_page, *incubator_index, *titles;
    stats_incubator *inc;
    size_t n_inc, cap_inc;
    year_acc launched, national;
    long perennial, abandoned;
} product_acc;

/* metrics.md: the title comes from startups.json's "included" entry with the
 * same id; with no match the title is the id. */
static const char *incubator_title(const model *m, product_acc *acc, const char *id)
{
    strmap_entry *e = strmap_find(acc->titles, id);
    return e ? m->incubators[e->value].title : id;
}

static bool count_incubators(const model *m, product_acc *acc, const model_product *p, bool active)
{
    for (size_t i = 0; i < p->n_incubators; i++) {
        strmap_entry *e = strmap_upsert(acc->incubator_index, p->incubators[i]);
        if (!e)
            return false;
        if (e->value == 0) {
            if (acc->n_inc == acc->cap_inc) {
                size_t cap = acc->cap_inc ? acc->cap_inc * 2 : 32;
                stats_incubator *grown = realloc(acc->inc, cap * sizeof *grown);
                if (!grown)
                    return false;
                acc->inc = grown;
                acc->cap_inc = cap;
            }
            acc->inc[acc->n_inc] = (stats_incubator){
                p->incubators[i], incubator_title(m, acc, p->incubators[i]), 0, 0};
            e->value = (long)++acc->n_inc;
        }
        stats_incubator *si = &acc->inc[e->value - 1];
        si->total++;
        si->active += active;
    }
    return true;
}

static bool count_product(const model *m, stats *s, product_acc *acc, const model_product *p,
                          vt_date d, bool *fast)
{
    const model_phase *cur = stats_current_phase(p, d);
    *fast = false;
    if (!cur)
        return true; /* does not exist at d */
    bool active = stats_phase_is_active(cur->name);
    s->products.total++;
    s->products.active += active;
    s->products.active_without_incubator += active && p->n_incubators == 0;
    s->products.active_coincubated += active && p->n_incubators > 1;
    acc->perennial += phase_is_perennial(cur->name);
    acc->abandoned += strcmp(cur->name, "abandon") == 0;
    if (!strmap_incr(acc->by_phase, cur->name) ||
        (!text_is_blank(p->repository) && !strmap_incr(acc->open_source, cur->name)) ||
        (!text_is_blank(p->stats_url) && !strmap_incr(acc->stats_page, cur->name)))
        return false;
    vt_date launch = DATE_NONE;
    for (size_t i = 0; i < p->n_phases; i++) {
        const model_phase *ph = &p->phases[i];
        if (ph->start != DATE_NONE && ph->start <= d && strcmp(ph->name, "construction") == 0 &&
            (launch == DATE_NONE || ph->start < launch))
            launch = ph->start;
    }
    if (launch != DATE_NONE)
        years_add(&acc->launched, date_year(launch));
    for (size_t i = 0; i < p->n_events; i++) {
        const model_event *ev = &p->events[i];
        if (ev->date == DATE_NONE || ev->date > d)
            continue;
        if (strcmp(ev->name, "national_impact") == 0)
            years_add(&acc->national, date_year(ev->date));
        else if (strcmp(ev->name, "fast") == 0)
            *fast = true;
    }
    return count_incubators(m, acc, p, active);
}

static int cmp_incubator(const void *a, const void *b)
{
    const stats_incubator *x = a, *y = b;
    if (x->active != y->active)
        return x->active < y->active ? 1 : -1;
    if (x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->id, y->id);
}

static bool phase_rates(arena *a, const stats_counts *by_phase, const strmap *num,
                        stats_phase_rate **out)
{
    *out = arena_alloc(a, (by_phase->n + 1) * sizeof **out);
    if (!*out)
        return false;
    for (size_t i = 0; i < by_phase->n; i++) {
        const strmap_entry *e = strmap_find(num, by_phase->items[i].key);
        (*out)[i] = (stats_phase_rate){by_phase->items[i].key,
                                       {e ? e->value : 0, by_phase->items[i].count}};
    }
    return true;
}

static bool index_titles(const model *m, product_acc *acc)
{
    for (size_t i = m->n_incubators; i-- > 0;) { /* first entry wins */
        strmap_entry *e = strmap_upsert(acc->titles, m->incubators[i].id);
        if (!e)
            return false;
        e->value = (long)i;
    }
    return true;
}

static bool products_finish(stats *s, product_acc *acc)
{
    arena *a = s->arena;
    if (!stats_counts_finish(a, acc->by_phase, &s->products.by_phase) ||
        !years_finish(a, &acc->launched, &s->products.launched_by_year, "launched_by_year") ||
        !years_finish(a, &acc->national, &s->products.national_impact_by_year,
                      "national_impact_by_year") ||
        !phase_rates(a, &s->products.by_phase, acc->open_source, &s->products.open_source) ||
        !phase_rates(a, &s->products.by_phase, acc->stats_page, &s->products.stats_page))
        return false;
    s->products.by_incubator = arena_alloc(a, (acc->n_inc + 1) * sizeof *acc->inc);
    if (!s->products.by_incubator)
        return false;
    if (acc->n_inc)
        memcpy(s->products.by_incubator, acc->inc, acc->n_inc * sizeof *acc->inc);
    s->products.n_incubators = acc->n_inc;
    qsort(s->products.by_incubator, acc->n_inc, sizeof *acc->inc, cmp_incubator);
    s->products.perennisation = (stats_rate){acc->perennial, acc->perennial + acc->abandoned};
    int year, month;
    date_to_ymd(s->as_of, &year, &month, NULL);
    s->products.launched_headline_year = month >= STATS_HEADLINE_FROM_MONTH ? year : year - 1;
    s->products.launched_headline =
        stats_years_get(&s->products.launched_by_year, s->products.launched_headline_year);
    return true;
}

static bool compute_products(const model *m, stats *s, vt_date d)
{
    product_acc *acc = calloc(1, sizeof *acc);
    bool ok = acc && (acc->by_phase = strmap_new()) && (acc->open_source = strmap_new()) &&
              (acc->stats_page = strmap_new()) && (acc->incubator_index = strmap_new()) &&
              (acc->titles = strmap_new()) && index_titles(m, acc);
    for (size_t i = 0; ok && i < m->n_products; i++) {
        bool fast;
        ok = count_product(m, s, acc, &m->products[i], d, &fast);
        s->products.fast_laureates += fast;
    }
    ok = ok && products_finish(s, acc);
    if (acc) {
        strmap_free(acc->by_phase);
        strmap_free(acc->open_source);
        strmap_free(acc->stats_page);
        strmap_free(acc->incubator_index);
        strmap_free(acc->titles);
        free(acc->inc);
        free(acc);
    }
    return ok;
}

stats *stats_compute(const model *m, vt_date as_of)
{
    stats *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->as_of = as_of;
    if (!(s->arena = arena_new()) || !compute_products(m, s, as_of) ||
        !stats_compute_community(m, s, as_of) || !stats_compute_eig(m, s)) {
        stats_free(s);
        return NULL;
    }
    return s;
}

void stats_free(stats *s)
{
    if (!s)
        return;
    arena_free(s->arena);
    free(s);
}
