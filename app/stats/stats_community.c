/* stats_community: active members, statuses, new members, 12-month
 * retention and coaching (metrics.md, "Community" and "Coaching"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats_private.h"
#include "vitrine/log.h"
#include "vitrine/text.h"

#define DAYS_12M 365
#define COACHING_DOMAINE "Coaching"

typedef struct {
    int year;
    strmap *by_status;
} year_status_acc;

typedef struct {
    strmap *by_domaine, *by_status, *pool;
    year_status_acc years[STATS_MAX_YEARS];
    size_t n_years;
    long newcomers_dropped; /* past STATS_MAX_YEARS distinct years: reported */
    long long_employers;    /* employer names cut to STATS_KEY_MAX bytes: reported */
    long cohort, retained;
    /* coaching */
    strmap *employers;     /* key -> count */
    strmap *spellings;     /* "key\x1fspelling" -> count */
    strmap *product_index; /* product id -> index + 1 */
    strmap *coached;       /* distinct coached product ids */
    bool *product_active;
} community_acc;

/* The member's active mission with the latest start at d (ties: later in the
 * array) and first mission (earliest start <= d, ties: earlier). */
static void pick_missions(const model_member *mb, vt_date d, const model_mission **active,
                          const model_mission **first)
{
    *active = *first = NULL;
    for (size_t i = 0; i < mb->n_missions; i++) {
        const model_mission *mi = &mb->missions[i];
        if (mi->start == DATE_NONE || mi->start > d)
            continue;
        if (!*first || mi->start < (*first)->start)
            *first = mi;
        if (stats_mission_active(mi, d) && (!*active || mi->start >= (*active)->start))
            *active = mi;
    }
}

static bool active_at(const model_member *mb, vt_date t)
{
    for (size_t i = 0; i < mb->n_missions; i++)
        if (stats_mission_active(&mb->missions[i], t))
            return true;
    return false;
}

/* Counts a newcomer under the year of their first mission. Past
 * STATS_MAX_YEARS distinct years the newcomer is left out of new_by_year
 * (and counted, for the report), which only odd data reaches; false only
 * on allocation failure. */
static bool count_newcomer(community_acc *acc, int year, const char *status)
{
    for (size_t i = 0; i < acc->n_years; i++)
        if (acc->years[i].year == year)
            return strmap_incr(acc->years[i].by_status, status);
    if (acc->n_years == STATS_MAX_YEARS) {
        acc->newcomers_dropped++;
        return true;
    }
    year_status_acc *y = &acc->years[acc->n_years];
    if (!(y->by_status = strmap_new()))
        return false;
    y->year = year;
    acc->n_years++;
    return strmap_incr(y->by_status, status);
}

static bool add_coached(const model *m, community_acc *acc, const char *const *ids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const strmap_entry *e = strmap_find(acc->product_index, ids[i]);
        if (e && acc->product_active[e->value - 1] &&
            strmap_upsert(acc->coached, m->products[e->value - 1].id) == NULL)
            return false;
    }
    return true;
}

static bool count_coach(const model *m, stats *s, community_acc *acc, const model_member *mb,
                        const model_mission *latest, vt_date d)
{
    char key[STATS_KEY_MAX], raw[STATS_KEY_MAX], spelling[STATS_KEY_MAX];
    char pair[2 * STATS_KEY_MAX + 2];
    s->coaching.active_coaches++;
    if (strlen(latest->employer) >= STATS_KEY_MAX)
        acc->long_employers++;
    text_employer_key(latest->employer, key, sizeof key);
    /* The spelling shown on screen: trimmed, without the leading '/'. Two
     * buffers: text_trim copies with memcpy, so source and output must not
     * overlap. */
    text_trim(latest->employer, raw, sizeof raw);
    const char *shown = raw;
    while (*shown == '/')
        shown++;
    text_trim(shown, spelling, sizeof spelling);
    snprintf(pair, sizeof pair, "%s\x1f%s", key, *spelling ? spelling : "unknown");
    const char *k = stats_intern(s->arena, acc->pool, key);
    const char *p = stats_intern(s->arena, acc->pool, pair);
    if (!k || !p || !strmap_incr(acc->employers, k) || !strmap_incr(acc->spellings, p))
        return false;
    for (size_t i = 0; i < mb->n_missions; i++) {
        const model_mission *mi = &mb->missions[i];
        if (stats_mission_active(mi, d) && !add_coached(m, acc, mi->startups, mi->n_startups))
            return false;
    }
    return add_coached(m, acc, mb->startups, mb->n_startups);
}

static bool count_member(const model *m, stats *s, community_acc *acc, const model_member *mb,
                         vt_date d)
{
    const model_mission *latest, *first;
    pick_missions(mb, d, &latest, &first);
    if (latest) {
        s->community.active++;
        if (!strmap_incr(acc->by_domaine, stats_or_unknown(mb->domaine)) ||
            !strmap_incr(acc->by_status, stats_or_unknown(latest->status)))
            return false;
        if (strcmp(mb->domaine, COACHING_DOMAINE) == 0 && !count_coach(m, s, acc, mb, latest, d))
            return false;
    }
    if (!first)
        return true;
    if (!count_newcomer(acc, date_year(first->start), stats_or_unknown(first->status)))
        return false;
    if (first->start <= d - DAYS_12M) {
        acc->cohort++;
        acc->retained += active_at(mb, first->start + DAYS_12M);
    }
    return true;
}

static int cmp_year_status(const void *a, const void *b)
{
    const stats_year_status *x = a, *y = b;
    return (x->year > y->year) - (x->year < y->year);
}

static int cmp_employer(const void *a, const void *b)
{
    return strcmp(((const stats_employer *)a)->key, ((const stats_employer *)b)->key);
}

/* Display name of each employer key: its most frequent spelling (ties: the
 * first seen). */
static bool employers_finish(stats *s, community_acc *acc)
{
    size_t n = strmap_count(acc->employers);
    const strmap_entry *e = strmap_entries(acc->employers);
    stats_employer *out = arena_alloc(s->arena, (n + 1) * sizeof *out);
    if (!out)
        return false;
    for (size_t i = 0; i < n; i++)
        out[i] = (stats_employer){e[i].key, e[i].key, e[i].value};
    size_t ns = strmap_count(acc->spellings);
    const strmap_entry *sp = strmap_entries(acc->spellings);
    long *best = calloc(n + 1, sizeof *best);
    if (!best)
        return false;
    for (size_t i = 0; i < ns; i++) {
        const char *sep = strchr(sp[i].key, '\x1f');
        char key[STATS_KEY_MAX];
        snprintf(key, sizeof key, "%.*s", (int)(sep - sp[i].key), sp[i].key);
        const strmap_entry *k = strmap_find(acc->employers, key);
        size_t idx = k ? (size_t)(k - e) : n;
        if (idx < n && sp[i].value > best[idx]) {
            best[idx] = sp[i].value;
            out[idx].display = sep + 1;
        }
    }
    free(best);
    qsort(out, n, sizeof *out, cmp_employer);
    s->coaching.by_employer = out;
    s->coaching.n_employers = n;
    return true;
}

static void report_limits(const community_acc *acc)
{
    if (acc->newcomers_dropped)
        log_warn("stats", "new_by_year: more than %d distinct years; %ld member(s) left out",
                 STATS_MAX_YEARS, acc->newcomers_dropped);
    if (acc->long_employers)
        log_warn("stats",
                 "coaching: %ld employer name(s) longer than %d bytes, compared on "
                 "their first %d bytes only",
                 acc->long_employers, STATS_KEY_MAX, STATS_KEY_MAX - 1);
}

static bool community_finish(stats *s, community_acc *acc)
{
    report_limits(acc);
    arena *a = s->arena;
    if (!stats_counts_finish(a, acc->by_domaine, &s->community.by_domaine) ||
        !stats_counts_finish(a, acc->by_status, &s->community.by_status))
        return false;
    stats_year_status *ny = arena_alloc(a, (acc->n_years + 1) * sizeof *ny);
    if (!ny)
        return false;
    for (size_t i = 0; i < acc->n_years; i++) {
        ny[i].year = acc->years[i].year;
        if (!stats_counts_finish(a, acc->years[i].by_status, &ny[i].by_status))
            return false;
    }
    qsort(ny, acc->n_years, sizeof *ny, cmp_year_status);
    s->community.new_by_year = ny;
    s->community.n_new_by_year = acc->n_years;
    s->community.retention_12m = (stats_rate){acc->retained, acc->cohort};
    s->coaching.coached_products = (long)strmap_count(acc->coached);
    return employers_finish(s, acc);
}

static bool index_products(const model *m, community_acc *acc, vt_date d)
{
    acc->product_active = calloc(m->n_products + 1, sizeof *acc->product_active);
    if (!acc->product_active)
        return false;
    for (size_t i = 0; i < m->n_products; i++) {
        const model_phase *cur = stats_current_phase(&m->products[i], d);
        acc->product_active[i] = cur && stats_phase_is_active(cur->name);
        strmap_entry *e = strmap_upsert(acc->product_index, m->products[i].id);
        if (!e)
            return false;
        if (e->value == 0) /* duplicate ids: the first record wins */
            e->value = (long)i + 1;
    }
    return true;
}

bool stats_compute_community(const model *m, stats *s, vt_date d)
{
    community_acc *acc = calloc(1, sizeof *acc);
    bool ok = acc && (acc->by_domaine = strmap_new()) && (acc->by_status = strmap_new()) &&
              (acc->pool = strmap_new()) && (acc->employers = strmap_new()) &&
              (acc->spellings = strmap_new()) && (acc->product_index = strmap_new()) &&
              (acc->coached = strmap_new()) && index_products(m, acc, d);
    for (size_t i = 0; ok && i < m->n_members; i++)
        ok = count_member(m, s, acc, &m->members[i], d);
    ok = ok && community_finish(s, acc);
    if (acc) {
        for (size_t i = 0; i < acc->n_years; i++)
            strmap_free(acc->years[i].by_status);
        strmap_free(acc->by_domaine);
        strmap_free(acc->by_status);
        strmap_free(acc->pool);
        strmap_free(acc->employers);
        strmap_free(acc->spellings);
        strmap_free(acc->product_index);
        strmap_free(acc->coached);
        free(acc->product_active);
        free(acc);
    }
    return ok;
}
