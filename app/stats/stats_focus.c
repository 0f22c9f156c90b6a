/* stats_focus: one incubator's own figures, for the slides of a lobby
 * that focuses on it (focus_incubator): its active products by phase, the
 * members on its products, its newest products and its largest teams. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine/stats.h"
#include "vitrine/text.h"

vt_date stats_product_created(const model_product *p)
{
    vt_date first = DATE_NONE;
    for (size_t k = 0; k < p->n_phases; k++)
        if (p->phases[k].start != DATE_NONE && (first == DATE_NONE || p->phases[k].start < first))
            first = p->phases[k].start;
    return first;
}

/* A title that is more than the id (parsers fall back to the id). */
static bool real_title(const model_incubator *inc, const char *id)
{
    return strcmp(inc->id, id) == 0 && inc->title && strcmp(inc->title, id) != 0;
}

/* The title of incubator id: startups.json's "included" one (metrics.md),
 * else incubators.json's, else NULL. */
static const char *title_of(const model *m, const char *id)
{
    for (size_t i = 0; i < m->n_incubators; i++)
        if (real_title(&m->incubators[i], id))
            return m->incubators[i].title;
    for (size_t i = 0; i < m->n_incubator_feed; i++)
        if (real_title(&m->incubator_feed[i], id))
            return m->incubator_feed[i].title;
    return NULL;
}

bool stats_incubator_known(const model *m, const char *id)
{
    if (!id || !*id)
        return false;
    for (size_t i = 0; i < m->n_incubator_feed; i++)
        if (strcmp(m->incubator_feed[i].id, id) == 0)
            return true;
    for (size_t i = 0; i < m->n_incubators; i++)
        if (strcmp(m->incubators[i].id, id) == 0)
            return true;
    for (size_t i = 0; i < m->n_products; i++)
        if (stats_product_in_incubator(&m->products[i], id))
            return true;
    return false;
}

/* Makes room at position at of two parallel lists of *n entries kept to
 * cap (the last one falls off a full list); the caller fills slot at. */
static void open_slot(void *a, size_t a_size, void *b, size_t b_size, size_t at, size_t *n,
                      size_t cap)
{
    size_t last = *n < cap ? *n : cap - 1;
    memmove((char *)a + (at + 1) * a_size, (char *)a + at * a_size, (last - at) * a_size);
    memmove((char *)b + (at + 1) * b_size, (char *)b + at * b_size, (last - at) * b_size);
    if (*n < cap)
        (*n)++;
}

/* Inserts product i with key v into the top list (largest v first; on a
 * tie the earlier product stays first). */
static void top_insert(size_t *idx, long *val, size_t *n, size_t i, long v)
{
    size_t at = *n;
    while (at > 0 && val[at - 1] < v)
        at--;
    if (at >= STATS_INCUBATOR_TOP)
        return;
    open_slot(idx, sizeof *idx, val, sizeof *val, at, n, STATS_INCUBATOR_TOP);
    idx[at] = i, val[at] = v;
}

static void count_product(stats_focus *out, const model_product *p, size_t i, vt_date d, long team,
                          long *created)
{
    const model_phase *cur = stats_current_phase(p, d);
    if (!cur)
        return; /* not yet created at d */
    out->total++;
    for (size_t k = 0; k < STATS_ACTIVE_PHASE_COUNT; k++)
        if (strcmp(cur->name, stats_active_phase(k)) == 0) {
            out->active++;
            out->by_phase[k]++;
            if (team > 0)
                top_insert(out->teams, out->team_size, &out->n_teams, i, team);
        }
    vt_date c = stats_product_created(p);
    if (c != DATE_NONE)
        top_insert(out->newest, created, &out->n_newest, i, (long)c);
}

stats_focus_status stats_focus_compute(const model *m, vt_date d, const char *id, stats_focus *out)
{
    memset(out, 0, sizeof *out);
    if (!stats_incubator_known(m, id))
        return STATS_FOCUS_UNKNOWN;
    long *teams = calloc(m->n_products + 1, sizeof *teams);
    if (!teams || !stats_product_teams(m, d, teams, id, &out->members)) {
        free(teams);
        return STATS_FOCUS_NOMEM;
    }
    const char *title = title_of(m, id);
    out->id = id;
    out->title = title && !text_is_blank(title) ? title : id;
    long created[STATS_INCUBATOR_TOP];
    for (size_t i = 0; i < m->n_products; i++)
        if (stats_product_in_incubator(&m->products[i], id))
            count_product(out, &m->products[i], i, d, teams[i], created);
    free(teams);
    return STATS_FOCUS_OK;
}

/* Edit distance ignoring ASCII case: "DINUM" is closest to "dinum". */
static size_t distance(const char *a, const char *b)
{
    char la[TEXT_EDIT_LONGEST + 1], lb[TEXT_EDIT_LONGEST + 1];
    if (strlen(a) > TEXT_EDIT_LONGEST || strlen(b) > TEXT_EDIT_LONGEST)
        return SIZE_MAX;
    size_t i = 0;
    for (; a[i]; i++)
        la[i] = (char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] - 'A' + 'a' : a[i]);
    la[i] = '\0';
    for (i = 0; b[i]; i++)
        lb[i] = (char)(b[i] >= 'A' && b[i] <= 'Z' ? b[i] - 'A' + 'a' : b[i]);
    lb[i] = '\0';
    return text_edit_distance(la, lb);
}

/* The ids the data knows, each once. */
static bool consider_id(const char *id, const char *name, const char **best, size_t *dist, size_t n,
                        size_t *have)
{
    for (size_t k = 0; k < *have; k++)
        if (strcmp(best[k], id) == 0)
            return false;
    size_t d = distance(name, id);
    size_t at = *have;
    while (at > 0 && (dist[at - 1] > d || (dist[at - 1] == d && strcmp(best[at - 1], id) > 0)))
        at--;
    if (at >= n)
        return false;
    open_slot(best, sizeof *best, dist, sizeof *dist, at, have, n);
    best[at] = id, dist[at] = d;
    return true;
}

size_t stats_incubator_closest(const model *m, const char *id, const char **out, size_t n)
{
    enum { MAX_SUGGESTIONS = 8 };
    size_t dist[MAX_SUGGESTIONS], have = 0;
    n = n < MAX_SUGGESTIONS ? n : MAX_SUGGESTIONS;
    if (n == 0 || !id)
        return 0;
    for (size_t i = 0; i < m->n_incubator_feed; i++)
        consider_id(m->incubator_feed[i].id, id, out, dist, n, &have);
    for (size_t i = 0; i < m->n_incubators; i++)
        consider_id(m->incubators[i].id, id, out, dist, n, &have);
    for (size_t i = 0; i < m->n_products; i++)
        for (size_t k = 0; k < m->products[i].n_incubators; k++)
            consider_id(m->products[i].incubators[k], id, out, dist, n, &have);
    return have;
}
